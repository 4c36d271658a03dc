import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { uploadFile } from '../../lib/upload.ts';
import { useRequest } from '../../lib/use-request.ts';
import '../../ui/choices.css';
import { Banner, Button } from '../../ui/components.tsx';
import { TextArea } from '../../ui/text-area.tsx';
import { runMessages } from './run-messages.ts';
import type { EventDetail, FileRef } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX_BYTES = 10 * 2 ** 20;

/** After the event, its documentation: whether it was held, the minutes, and photos (each uploaded when picked). */
export function RecordForm({ event: e, onSaved }: { event: EventDetail; onSaved(next: EventDetail): void }) {
  const t = useT(runMessages);
  const te = useT(errorMessages);
  const online = useOnline();
  const id = useId();
  const [held, setHeld] = useState(Boolean(e.heldAt));
  const [minutes, setMinutes] = useState(e.minutes ?? '');
  const [photos, setPhotos] = useState<FileRef[]>([]);
  const [uploading, setUploading] = useState<string>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const request = useRequest(toError);
  // Marked present on the roll call meanwhile: the event is held, and the box follows.
  useEffect(() => setHeld(Boolean(e.heldAt)), [e.heldAt]);

  async function pick(list: FileList | null) {
    if (!list) return;
    const found: string[] = [];
    for (const file of [...list]) {
      if (!PHOTO_TYPES.includes(file.type)) found.push(t('photoType', { name: file.name }));
      else if (file.size > PHOTO_MAX_BYTES) found.push(t('photoSize', { name: file.name }));
      else {
        setUploading(file.name);
        try {
          const f = await uploadFile(file, file.name);
          setPhotos((now) => [...now, f]);
        } catch (err) {
          found.push(`${file.name}: ${te(toError(err))}`);
        }
      }
    }
    setUploading(undefined);
    setProblems(found);
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    const body = {
      ...(held !== Boolean(e.heldAt) ? { held } : {}),
      minutes: minutes.trim() || null,
      ...(photos.length ? { photoFileIds: photos.map((p) => p.id) } : {}),
    };
    const r = await request.run(() => api<EventDetail>('PUT', `/api/events/${e.id}/record`, body));
    if (!r.ok) return;
    setPhotos([]);
    setSaved(true);
    onSaved(r.value.data);
  }

  return (
    <form className="card record" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('record')}</h2>
      <p className="hint">{t('recordHint')}</p>
      <label className="choice">
        <input type="checkbox" checked={held} onChange={(x) => setHeld(x.target.checked)} />
        <span>{t('heldCheck')}</span>
      </label>
      <TextArea label={t('minutes')} rows={4} maxLength={20_000} value={minutes} onChange={setMinutes} />
      <label htmlFor={`${id}-photos`}>{t('photos')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('photosHint')}
      </p>
      {photos.length > 0 && (
        <ul className="list new-photos">
          {photos.map((f) => (
            <li key={f.id} className="row">
              <span className="grow">{f.name}</span>
              <Button variant="secondary" aria-label={t('removePhoto', { name: f.name })} onClick={() => setPhotos(photos.filter((x) => x.id !== f.id))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={`${id}-photos`}
        type="file"
        multiple
        accept={PHOTO_TYPES.join(',')}
        aria-describedby={`${id}-hint`}
        disabled={!online || uploading !== undefined}
        onChange={(x) => {
          void pick(x.target.files);
          x.target.value = '';
        }}
      />
      {uploading && (
        <p className="hint" role="status">
          {t('uploading', { name: uploading })}
        </p>
      )}
      {problems.map((p) => (
        <p key={p} className="field-error" role="alert">
          {p}
        </p>
      ))}
      <div className="actions">
        <Button type="submit" disabled={request.busy || !online || uploading !== undefined}>
          {request.busy ? t('saving') : t('saveRecord')}
        </Button>
      </div>
      {saved && <Banner kind="success">{t('recordSaved')}</Banner>}
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </form>
  );
}
