import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { Field } from '../../ui/components.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { ErrorBanner, useAction } from './kit.tsx';
import { peopleMessages } from './messages.ts';
import type { PersonDetail } from './types.ts';

/** What the server answered when it sent the code: where to confirm, and where the code went (masked). */
export interface PhoneChangeStarted {
  attemptId: string;
  expiresInSeconds: number;
  sentTo: string;
}

/** Asks for a new login number: the server sends a code to it and changes nothing until the code comes back. */
export const startPhoneChange = (person: PersonDetail, phone: string) =>
  api<PhoneChangeStarted>('POST', `/api/people/${person.id}/phone-change`, { phone }).then((r) => r.data);

/**
 * The second step of changing a worker's number, which signs them in: the code the new number received, as the
 * person holding that phone reads it out. The old number is told once it is done.
 */
export function ConfirmPhoneChange({
  person,
  started,
  online,
  onDone,
  onCancel,
}: {
  person: PersonDetail;
  started: PhoneChangeStarted;
  online: boolean;
  onDone(): void;
  onCancel(): void;
}) {
  const t = useT(peopleMessages);
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await run(() => api('POST', `/api/people/${person.id}/phone-change/confirm`, { attemptId: started.attemptId, code: code.trim() }));
    if (r.ok) onDone();
  }

  return (
    <section className="panel" aria-label={t('phoneChangeTitle')}>
      <h3>{t('phoneChangeTitle')}</h3>
      <p>{t('phoneChangeSent', { masked: started.sentTo })}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('phoneChangeCode')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        />
        <p className="hint">{t('phoneChangeOldTold')}</p>
        <ErrorBanner error={error} />
        <FormActions submit={t('phoneChangeConfirm')} busyLabel={t('saving')} cancel={t('cancel')} busy={busy} online={online} onCancel={onCancel} />
      </form>
    </section>
  );
}
