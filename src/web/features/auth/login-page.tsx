import { useState, type FormEvent } from 'react';
import type { Me } from '../../../contracts/auth.ts';
import { normaliseTypedPhone as normalisePhone } from '../../lib/indian-phone.ts';
import { api, ApiError } from '../../lib/api.ts';
import { errorMessages } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Banner, Button, Field } from '../../ui/components.tsx';
import { authMessages } from './messages.ts';
import { useSession } from './session.tsx';

/** Phone, then the six-digit code. +91 is assumed; spaces, dashes, a leading 0 or 91 are all fine. */
export function LoginPage() {
  const t = useT(authMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const { signedIn } = useSession();
  const [phone, setPhone] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();

  // A refusal for too many tries says when to try again (the server's Retry-After), so a crowded hall waits, not guesses.
  const fail = (e: unknown) => {
    const wait = e instanceof ApiError && e.status === 429 ? e.retryAfterSeconds : undefined;
    if (wait === undefined)
      return setError(te(e instanceof ApiError ? ((e.code in errorMessages.en ? e.code : 'internal') as keyof typeof errorMessages.en) : 'internal'));
    const minutes = Math.ceil(wait / 60);
    const why = (e as ApiError).code === 'sms_budget_exhausted' ? t('tooManyCodes') : t('tooManyTries');
    setError(`${why} ${minutes <= 1 ? t('tryInAMinute') : t('tryInMinutes', { minutes: formatNumber(minutes, lang) })}`);
  };

  async function sendCode(e?: FormEvent) {
    e?.preventDefault();
    setError(undefined);
    const e164 = normalisePhone(phone);
    if (!e164) return setFieldError(t('phoneInvalid'));
    setFieldError(undefined);
    setBusy(true);
    try {
      await api('POST', '/api/auth/otp', { phone: e164 });
      setSentTo(e164);
      setCode('');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    if (!/^\d{6}$/.test(code)) return setFieldError(t('codeInvalid'));
    setFieldError(undefined);
    setBusy(true);
    try {
      const r = await api<Me>('POST', '/api/auth/verify', { phone: sentTo, code });
      signedIn(r.data);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <h1>{t('title')}</h1>
      {error && <Banner kind="error">{error}</Banner>}
      {!sentTo ? (
        <form onSubmit={sendCode} noValidate>
          <p>{t('intro')}</p>
          <Field
            label={t('phone')}
            hint={t('phoneHint')}
            error={fieldError}
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            required
          />
          <div className="actions">
            <Button type="submit" disabled={busy}>
              {busy ? t('sending') : t('sendCode')}
            </Button>
          </div>
        </form>
      ) : (
        <form onSubmit={verify} noValidate>
          <Field
            label={t('code')}
            hint={t('codeHint', { phone: sentTo.replace(/^\+91(\d{5})(\d{5})$/, '+91 $1 $2') })}
            error={fieldError}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            autoFocus
            required
          />
          <div className="actions">
            <Button type="submit" disabled={busy}>
              {busy ? t('verifying') : t('verify')}
            </Button>
            <Button variant="secondary" onClick={() => void sendCode()} disabled={busy}>
              {t('resend')}
            </Button>
            <Button variant="secondary" onClick={() => setSentTo(null)} disabled={busy}>
              {t('changeNumber')}
            </Button>
          </div>
        </form>
      )}
    </main>
  );
}
