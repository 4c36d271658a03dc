import { useId, useState, type FormEvent } from 'react';
import { asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { Banner, Button, Field } from '../../ui/components.tsx';
import { directiveMessages } from './messages.ts';
import { checkReport, PHOTO_TYPES } from './report-draft.ts';
import { reportDone } from './sync.ts';

/**
 * "Mark done" with a report: what was done, a link, a photo. It works offline: the report (and the photo) wait on the
 * phone and go when it is online, with the time it was made. The photo field has no `capture`, so the phone offers
 * the gallery as well as the camera (a photo taken earlier at the booth).
 */
export function ReportForm({ directiveId, unitId, unitName, onClose }: { directiveId: number; unitId: number; unitName: string; onClose(): void }) {
  const t = useT(directiveMessages);
  const te = useT(errorMessages);
  const id = useId();
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
  const { draft, problems } = checkReport({ text, link, photo });
  const shown = tried ? problems : {};

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFailed(undefined);
    try {
      await reportDone(directiveId, unitId, draft, photo ? { blob: photo, name: photo.name || 'photo.jpg', type: photo.type } : undefined);
      onClose();
    } catch (error) {
      setFailed(te(errorKeyOf(asApiError(error).code)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel report-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('reportTitle', { unit: unitName })}</h3>
      <label htmlFor={`${id}-text`}>{t('reportText')}</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={shown.text ? true : undefined}
        aria-describedby={shown.text ? `${id}-text-error` : undefined}
      />
      {shown.text && (
        <p className="field-error" id={`${id}-text-error`} role="alert">
          {t(shown.text)}
        </p>
      )}
      <Field
        label={t('reportLink')}
        hint={t('reportLinkHint')}
        type="url"
        inputMode="url"
        autoComplete="off"
        value={link}
        onChange={(e) => setLink(e.target.value)}
        error={shown.link && t(shown.link)}
      />
      <Field
        label={t('reportPhoto')}
        hint={t('reportPhotoHint')}
        type="file"
        accept={PHOTO_TYPES.join(',')}
        onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
        error={shown.photo && t(shown.photo)}
      />
      {failed && <Banner kind="error">{failed}</Banner>}
      <div className="actions">
        <Button type="submit" disabled={busy}>
          {busy ? t('sendingReport') : t('sendReport')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
