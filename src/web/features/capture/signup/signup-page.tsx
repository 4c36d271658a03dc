import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AgeBand } from '../../../../contracts/people.ts';
import type { SignupPage as SignupPageData } from '../../../../contracts/signup.ts';
import { api } from '../../../lib/api.ts';
import { errorMessages } from '../../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../../lib/i18n.tsx';
import { Link } from '../../../lib/router.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useRequest } from '../../../lib/use-request.ts';
import { Banner, Button, Field, Select } from '../../../ui/components.tsx';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../../shell/index.ts';
import { ConsentTicks, WhatsAppChoice } from '../consent-ticks.tsx';
import { CodeStep, failureKey } from './code-step.tsx';
import { checkDetails, type Details, type Errors } from './details.ts';
import { codeWorkMessages, signupMessages } from './messages.ts';
import { requestCodeWithWork } from './proof-of-work.ts';
import '../capture.css';

const AGE_BANDS: readonly AgeBand[] = ['under_18', '18_25', '26_35', '36_50', '51_65', 'over_65'];

/**
 * /join/:token — a unit's public sign-up page, opened signed out from a link or QR code, often on 2G. The citizen reads
 * each notice in their language, ticks what they agree to (nothing is ticked for them), proves the number with a code
 * and joins. Children are told they cannot.
 */
export function SignupPage({ token }: { token: string }) {
  const t = useT(signupMessages);
  const te = useT(errorMessages);
  const ts = useT(shellMessages);
  const { lang, setLang } = useLang();
  const ids = useId();
  const page = useFetch<SignupPageData>(`/api/signup/${encodeURIComponent(token)}`);
  const [d, setD] = useState<Details>({ name: '', phone: '', ageBand: '', whatsapp: true, agreed: {} });
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error: failure, run, clear } = useRequest(failureKey);
  const [attempt, setAttempt] = useState<{ attemptId: string; phone: string }>();
  const [code, setCode] = useState('');
  const [preparing, setPreparing] = useState<number>();
  const tw = useT(codeWorkMessages);
  const [joined, setJoined] = useState<{ name: string; purposes: string[] }>();

  // Hindi unless this browser already chose a language here.
  useEffect(() => {
    if (localStorage.getItem('setu.lang') === null && lang !== 'hi') setLang('hi');
    // Only on arrival: a later switch is the reader's choice.
  }, []);

  if (!page.data) {
    if (page.error?.code === 'not_found') return <NotFoundPage message={t('linkInvalid')} />;
    if (page.error && !page.loading) return <LoadError error={page.error} onRetry={page.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }
  const { unit, notices } = page.data;
  const unitName = nameIn(lang, unit);
  const set = <K extends keyof Details>(key: K, value: Details[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const child = d.ageBand === 'under_18';

  if (joined) {
    return (
      <main className="capture">
        <ScreenTitle>{t('thanksTitle', { name: joined.name })}</ScreenTitle>
        <Banner kind="success">{t('thanks', { unit: unitName })}</Banner>
        <p>{t('thanksAgreed')}</p>
        <ul>
          {notices
            .filter((n) => joined.purposes.includes(n.purpose))
            .map((n) => (
              <li key={n.purpose}>{lang === 'hi' ? n.titleHi : n.titleEn}</li>
            ))}
        </ul>
        <h2>{t('withdrawTitle')}</h2>
        <p>{t('withdraw', { address: `${location.host}/withdraw` })}</p>
        <p>
          <Link href="/withdraw">{t('withdrawLink')}</Link>
        </p>
      </main>
    );
  }

  async function sendCode(e?: FormEvent) {
    e?.preventDefault();
    const checked = checkDetails(d, notices);
    setErrors(checked.errors);
    clear();
    if (!checked.phone) return;
    const phone = checked.phone;
    const sent = await run(() => requestCodeWithWork<{ attemptId: string }>('signup', `/api/signup/${encodeURIComponent(token)}/code`, phone, setPreparing));
    if (!sent.ok) return;
    setAttempt({ attemptId: sent.value.attemptId, phone });
    setCode('');
  }

  async function join(e: FormEvent) {
    e.preventDefault();
    if (!attempt) return;
    if (!/^\d{6}$/.test(code.trim())) return setErrors({ code: 'codeInvalid' });
    setErrors({});
    const consents = notices.filter((n) => d.agreed[n.purpose] === n.version).map((n) => ({ purpose: n.purpose, noticeVersion: n.version }));
    const joined = await run(() =>
      api('POST', `/api/signup/${encodeURIComponent(token)}`, {
        phone: attempt.phone,
        attemptId: attempt.attemptId,
        code: code.trim(),
        name: d.name.trim(),
        whatsapp: d.whatsapp,
        ageBand: d.ageBand,
        language: lang,
        consents,
      }),
    );
    if (joined.ok) setJoined({ name: d.name.trim(), purposes: consents.map((c) => c.purpose) });
  }

  const langButton = (to: 'hi' | 'en', label: string) => (
    <Button variant={lang === to ? 'primary' : 'secondary'} aria-pressed={lang === to} lang={to} onClick={() => setLang(to)}>
      {label}
    </Button>
  );

  return (
    <main className="capture">
      <div className="langs" role="group" aria-label={t('language')}>
        {langButton('hi', 'हिंदी')}
        {langButton('en', 'English')}
      </div>
      <ScreenTitle>{t('title', { unit: unitName })}</ScreenTitle>
      {attempt ? (
        <CodeStep
          sent={t('codeSent', { phone: attempt.phone })}
          label={t('code')}
          code={code}
          onCode={setCode}
          invalid={errors.code ? t(errors.code) : undefined}
          failure={failure}
          busy={busy}
          submit={busy ? t('joining') : t('join')}
          onSubmit={(e) => void join(e)}
          changeNumber={t('changeNumber')}
          onChangeNumber={() => {
            setAttempt(undefined);
            clear();
          }}
        >
          <Button variant="secondary" onClick={() => void sendCode()} disabled={busy}>
            {t('resend')}
          </Button>
        </CodeStep>
      ) : (
        <form onSubmit={(e) => void sendCode(e)} noValidate>
          <p className="hint">{t('intro')}</p>
          {/* Age first: a child learns at once that they cannot join, before reading anything else. */}
          <Select
            label={t('ageBand')}
            value={d.ageBand}
            onChange={(e) => set('ageBand', e.target.value as Details['ageBand'])}
            error={errors.ageBand && errors.ageBand !== 'child' ? t(errors.ageBand) : undefined}
          >
            <option value="">{t('ageChoose')}</option>
            {AGE_BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`age_${b}`)}
              </option>
            ))}
          </Select>
          {child ? (
            <Banner kind="error">{t('child')}</Banner>
          ) : (
            <>
              <h2>{t('noticesTitle')}</h2>
              <ConsentTicks notices={notices} agreed={d.agreed} label={t('agree')} onChange={(next) => set('agreed', next)} />
              {errors.agreed && (
                <p className="field-error" role="alert">
                  {t(errors.agreed)}
                </p>
              )}
              <h2>{t('detailsTitle')}</h2>
              <Field
                label={t('name')}
                value={d.name}
                onChange={(e) => set('name', e.target.value)}
                error={errors.name ? t(errors.name) : undefined}
                autoComplete="name"
                maxLength={200}
              />
              <Field
                label={t('phone')}
                hint={t('phoneHint')}
                type="tel"
                inputMode="tel"
                autoComplete="tel"
                value={d.phone}
                onChange={(e) => set('phone', e.target.value)}
                error={errors.phone ? t(errors.phone) : undefined}
                maxLength={20}
              />
              <WhatsAppChoice
                legend={t('whatsapp')}
                yes={t('yes')}
                no={t('no')}
                name={`${ids}-wa`}
                value={d.whatsapp}
                onChange={(value) => set('whatsapp', value)}
              />
              {failure && <Banner kind="error">{te(failure)}</Banner>}
              <div className="actions">
                <Button type="submit" className="wide" disabled={busy}>
                  {preparing !== undefined ? tw('preparing', { percent: preparing }) : busy ? t('sendingCode') : t('sendCode')}
                </Button>
              </div>
            </>
          )}
          <p>
            <Link href="/withdraw">{t('withdrawLink')}</Link>
          </p>
        </form>
      )}
    </main>
  );
}
