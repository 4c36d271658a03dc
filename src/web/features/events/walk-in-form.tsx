import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { normaliseTypedPhone } from '../../lib/indian-phone.ts';
import { useOnline } from '../../lib/online.ts';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button, Field } from '../../ui/components.tsx';
import { runMessages } from './run-messages.ts';
import type { EventDetail, WalkInResult } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);

/**
 * Someone present who is not on the list: found by their number, or by name when they have none, or added at the
 * event's unit (without a phone if need be), and marked present.
 */
export function WalkInForm({ event: e, onAdded }: { event: EventDetail; onAdded(): void }) {
  const t = useT(runMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [added, setAdded] = useState<string>();
  const request = useRequest(toError);
  // Many village workers have no phone, or will not give it: then the name alone finds or adds them.
  const e164 = phone.trim() ? normaliseTypedPhone(phone) : undefined;
  const phoneError = tried && phone.trim() && !e164 ? t('phoneInvalid') : undefined;
  const nameError = tried && !name.trim() ? t('nameMissing') : undefined;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setTried(true);
    setAdded(undefined);
    if (phoneError || (phone.trim() && !e164) || !name.trim()) return;
    const r = await request.run(() => api<WalkInResult>('POST', `/api/events/${e.id}/walk-ins`, { ...(e164 ? { phone: e164 } : {}), name: name.trim() }));
    if (!r.ok) return;
    setAdded(r.value.data.person.name);
    setPhone('');
    setName('');
    setTried(false);
    onAdded();
  }

  return (
    <form className="walk-in" onSubmit={(ev) => void submit(ev)} noValidate>
      <h3>{t('walkIn')}</h3>
      <p className="hint">{t('walkInHint', { unit: nameIn(lang, e.unit) })}</p>
      <Field
        label={t('phoneOptional')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        maxLength={20}
        value={phone}
        onChange={(x) => setPhone(x.target.value)}
        error={phoneError}
      />
      <Field label={t('name')} maxLength={200} autoComplete="off" value={name} onChange={(x) => setName(x.target.value)} error={nameError} />
      <div className="actions">
        <Button type="submit" disabled={request.busy || !online}>
          {t('addWalkIn')}
        </Button>
      </div>
      {added && <Banner kind="success">{t('walkInAdded', { name: added })}</Banner>}
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </form>
  );
}
