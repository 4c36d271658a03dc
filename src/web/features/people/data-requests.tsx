import { useId, useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { ErrorBanner, useAction, useDownload } from './kit.tsx';
import { peopleMessages } from './messages.ts';
import { confirmsName } from './person-form.ts';
import type { PersonDetail } from './types.ts';

/**
 * The person's data requests (DPDP): a copy of everything held about them, as a JSON file; and erasure, which removes
 * their name, number and notes everywhere and keeps only a tombstone so counts stay right. Erasure needs the name
 * typed again and a reason (kept in the audit log, so it must hold no personal data).
 */
export function DataRequests({ person, online, onErased }: { person: PersonDetail; online: boolean; onErased(): void }) {
  const t = useT(peopleMessages);
  const reasonId = useId();
  const json = useDownload();
  const [erasing, setErasing] = useState(false);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const erase = useAction();

  async function submitErase(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!confirmsName(typed, person.name) || !reason.trim()) return;
    const r = await erase.run(() => api('POST', `/api/people/${person.id}/erase`, { reason: reason.trim() }));
    if (r.ok) onErased();
  }

  if (!person.can.export && !person.can.erase) return null;
  return (
    <Card title={t('dataTitle')}>
      {person.can.export && (
        <>
          <p className="hint">{t('exportDataHint')}</p>
          <ErrorBanner error={json.error} />
          {json.saved && <Banner kind="success">{t('exported', { file: json.saved })}</Banner>}
          <div className="actions">
            <Button
              variant="secondary"
              onClick={() => void json.save(`/api/people/${person.id}/export`, `person-${person.id}.json`)}
              disabled={json.busy || !online}
            >
              {json.busy ? t('exporting') : t('exportData')}
            </Button>
          </div>
        </>
      )}
      {person.can.erase && !erasing && (
        <div className="actions">
          <Button className="danger" onClick={() => setErasing(true)} disabled={!online}>
            {t('erase')}
          </Button>
        </div>
      )}
      {person.can.erase && erasing && (
        <section className="panel" aria-label={t('erase')}>
          <h3>{t('erase')}</h3>
          <p>
            <strong>{t('eraseWarning')}</strong>
          </p>
          <form onSubmit={(e) => void submitErase(e)} noValidate>
            <label htmlFor={`${reasonId}-name`}>{t('eraseTypeName', { name: person.name })}</label>
            <input
              id={`${reasonId}-name`}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={tried && !confirmsName(typed, person.name) ? true : undefined}
            />
            {tried && !confirmsName(typed, person.name) && <p className="field-error">{t('eraseNameMismatch')}</p>}
            <label htmlFor={reasonId}>{t('eraseReason')}</label>
            <p className="hint">{t('eraseReasonHint')}</p>
            <textarea
              id={reasonId}
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={tried && !reason.trim() ? true : undefined}
            />
            {tried && !reason.trim() && <p className="field-error">{t('required')}</p>}
            <ErrorBanner error={erase.error} />
            <FormActions
              submit={t('eraseYes')}
              busyLabel={t('erasing')}
              cancel={t('cancel')}
              className="danger"
              busy={erase.busy}
              online={online}
              onCancel={() => setErasing(false)}
            />
          </form>
        </section>
      )}
    </Card>
  );
}
