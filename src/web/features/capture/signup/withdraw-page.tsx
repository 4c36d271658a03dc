import { useState, type FormEvent } from 'react';
import { api } from '../../../lib/api.ts';
import { errorMessages } from '../../../lib/error-messages.ts';
import { useT } from '../../../lib/i18n.tsx';
import { normaliseTypedPhone } from '../../../lib/indian-phone.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { Banner, Button, Field } from '../../../ui/components.tsx';
import { ScreenTitle } from '../../shell/index.ts';
import { CodeStep, failureKey } from './code-step.tsx';
import { codeWorkMessages, withdrawMessages } from './messages.ts';
import { requestCodeWithWork } from './proof-of-work.ts';
import '../capture.css';

/**
 * /withdraw — withdrawal as easy as consent, signed out: the number, the code sent to it, one button. Every consent
 * of every record with that number closes at once (POST /api/consent/withdraw). The server answers the same whether
 * or not it knows the number, and so does this page.
 */
export function WithdrawPage() {
  const t = useT(withdrawMessages);
  const te = useT(errorMessages);
  const [phone, setPhone] = useState('');
  const [attempt, setAttempt] = useState<{ attemptId: string; phone: string }>();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<'phoneInvalid' | 'codeInvalid'>();
  const { busy, error: failure, run, clear } = useRequest(failureKey);
  const [withdrawn, setWithdrawn] = useState<number>();
  const [preparing, setPreparing] = useState<number>();
  const tw = useT(codeWorkMessages);

  function sendCode(e: FormEvent) {
    e.preventDefault();
    const e164 = normaliseTypedPhone(phone);
    setFieldError(e164 ? undefined : 'phoneInvalid');
    if (!e164) return;
    void run(async () => {
      const data = await requestCodeWithWork<{ attemptId: string }>('withdraw', '/api/consent/withdraw/code', e164, setPreparing);
      setAttempt({ attemptId: data.attemptId, phone: e164 });
      setCode('');
    });
  }

  function withdraw(e: FormEvent) {
    e.preventDefault();
    if (!attempt) return;
    const ok = /^\d{6}$/.test(code);
    setFieldError(ok ? undefined : 'codeInvalid');
    if (!ok) return;
    void run(async () => {
      const { data } = await api<{ withdrawn: number }>('POST', '/api/consent/withdraw', { phone: attempt.phone, attemptId: attempt.attemptId, code });
      setWithdrawn(data.withdrawn);
    });
  }

  if (withdrawn !== undefined) {
    return (
      <main className="capture">
        <ScreenTitle>{t('doneTitle')}</ScreenTitle>
        <Banner kind="success">{withdrawn > 0 ? t('done', { count: withdrawn }) : t('doneNone')}</Banner>
      </main>
    );
  }

  return (
    <main className="capture">
      <ScreenTitle>{t('title')}</ScreenTitle>
      {attempt ? (
        <CodeStep
          sent={t('codeSent', { phone: attempt.phone })}
          label={t('code')}
          code={code}
          onCode={setCode}
          invalid={fieldError === 'codeInvalid' ? t('codeInvalid') : undefined}
          failure={failure}
          busy={busy}
          submit={busy ? t('withdrawing') : t('withdrawAll')}
          onSubmit={withdraw}
          changeNumber={t('changeNumber')}
          onChangeNumber={() => {
            setAttempt(undefined);
            clear();
          }}
        />
      ) : (
        <form onSubmit={sendCode} noValidate>
          <p>{t('intro')}</p>
          <Field
            label={t('phone')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={20}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            error={fieldError === 'phoneInvalid' ? t('phoneInvalid') : undefined}
          />
          {failure && <Banner kind="error">{te(failure)}</Banner>}
          <div className="actions">
            <Button type="submit" className="wide" disabled={busy}>
              {preparing !== undefined ? tw('preparing', { percent: preparing }) : busy ? t('sendingCode') : t('sendCode')}
            </Button>
          </div>
        </form>
      )}
    </main>
  );
}
