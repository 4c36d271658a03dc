import { useState, type FormEvent } from 'react';
import type { MyChannels, SetMyChannels } from '../../../contracts/delivery.ts';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button, Card, Field } from '../../ui/components.tsx';
import { cleanEmail, isNoPhone } from './channels.ts';
import { notificationMessages } from './messages.ts';

const save = async (body: SetMyChannels) => (await api<MyChannels>('PUT', '/api/me/channels', body)).data;

/** SMS to the person's own number: on or off. The server takes the number from their record, never from here. */
export function SmsCard({ channels, online, onSaved }: { channels: MyChannels; online: boolean; onSaved(c: MyChannels): void }) {
  const t = useT(notificationMessages);
  const te = useT(errorMessages);
  const { busy, error, run } = useRequest(asApiError);
  const on = channels.sms !== null;
  async function toggle() {
    const r = await run(() => save({ sms: !on }));
    if (r.ok) onSaved(r.value);
  }
  return (
    <Card title={t('smsTitle')} className="notify-sms">
      <p className={on ? 'notify-state on' : 'notify-state off'} role="status">
        {on && <span aria-hidden="true">✓ </span>}
        {on ? t('smsOn', { phone: channels.sms ?? '' }) : t('smsOff')}
      </p>
      {error && <Banner kind="error">{isNoPhone(error) ? t('smsNoPhone') : te(errorKeyOf(error.code))}</Banner>}
      <div className="actions">
        <Button variant={on ? 'secondary' : 'primary'} onClick={() => void toggle()} disabled={busy || !online}>
          {busy ? t('saving') : on ? t('smsTurnOff') : t('smsTurnOn')}
        </Button>
      </div>
    </Card>
  );
}

/** An email address to get messages at: set, change or remove. Shown masked once saved. */
export function EmailCard({ channels, online, onSaved }: { channels: MyChannels; online: boolean; onSaved(c: MyChannels): void }) {
  const t = useT(notificationMessages);
  const te = useT(errorMessages);
  const { busy, error, run, clear } = useRequest(asApiError);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [savedNote, setSavedNote] = useState(false);
  const fieldError = invalid || (error?.code === 'validation' && error.issues.some((i) => i.path === 'email'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSavedNote(false);
    const email = cleanEmail(text);
    setInvalid(!email);
    if (!email) return clear();
    const r = await run(() => save({ email }));
    if (r.ok) {
      setText('');
      setSavedNote(true);
      onSaved(r.value);
    }
  }
  async function remove() {
    setSavedNote(false);
    setInvalid(false);
    const r = await run(() => save({ email: null }));
    if (r.ok) onSaved(r.value);
  }

  const other = fieldError ? undefined : error;
  return (
    <Card title={t('emailTitle')} className="notify-email">
      <p className={channels.email ? 'notify-state on' : 'notify-state off'} role="status">
        {channels.email ? t('emailOn', { email: channels.email }) : t('emailOff')}
        {savedNote && ` ${t('saved')}`}
      </p>
      {other && <Banner kind="error">{te(errorKeyOf(other.code))}</Banner>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={channels.email ? t('emailNewLabel') : t('emailLabel')}
          type="email"
          inputMode="email"
          autoComplete="email"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setInvalid(false);
          }}
          error={fieldError ? t('emailInvalid') : undefined}
        />
        <div className="actions">
          <Button type="submit" disabled={busy || !online}>
            {busy ? t('saving') : t('emailSave')}
          </Button>
          {channels.email && (
            <Button variant="secondary" onClick={() => void remove()} disabled={busy || !online}>
              {t('emailRemove')}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
