import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatDate, type Lang } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Banner, Button, Card, Select } from '../../ui/components.tsx';
import { Confirm, ErrorBanner, useAction } from './kit.tsx';
import { peopleMessages } from './messages.ts';
import { orderConsents, purposeTitle } from './consent.ts';
import type { Consent, Notice, PersonDetail } from './types.ts';

type PeopleKey = keyof typeof peopleMessages.en;
const METHOD: Record<Consent['method'], PeopleKey> = { in_person: 'methodInPerson', self_signup: 'methodSelf', import: 'methodImport' };

/**
 * What the person agreed to and when: each consent with its notice version, how and by whom it was given, and its
 * withdrawal. Those who manage people here withdraw a consent (after a confirmation; it takes effect at once for
 * every later message and group roster) and record a new one after showing the person the notice.
 */
export function ConsentCard({
  person,
  notices,
  online,
  onChanged,
}: {
  person: PersonDetail;
  notices: readonly Notice[] | undefined;
  online: boolean;
  onChanged(): void;
}) {
  const t = useT(peopleMessages);
  const { lang } = useLang();
  const action = useAction();
  const [withdrawing, setWithdrawing] = useState<string>();
  const [recording, setRecording] = useState(false);
  const [done, setDone] = useState<string>();
  const canEdit = person.can.edit && person.mergedInto === null;
  const child = person.ageBand === 'under_18';
  const title = (purpose: string) => purposeTitle(purpose, notices, lang);

  async function withdraw(purpose: string) {
    const r = await action.run(() => api('POST', `/api/people/${person.id}/consents/${encodeURIComponent(purpose)}/withdraw`, { method: 'in_person' }));
    if (r.ok) {
      setWithdrawing(undefined);
      setDone(t('withdrawn', { purpose: title(purpose) }));
      onChanged();
    }
  }

  const open = notices?.filter((n) => !person.consents.includes(n.purpose)) ?? [];
  return (
    <Card title={t('consentTitle')}>
      {done && <Banner kind="success">{done}</Banner>}
      {person.consentHistory.length === 0 && <p className="muted">{t('noConsentYet')}</p>}
      {person.consentHistory.length > 0 && (
        <ul className="list consent-list">
          {orderConsents(person.consentHistory).map((c) => (
            <li key={c.id}>
              <div className="row">
                <span className="grow">
                  <strong>{title(c.purpose)}</strong>{' '}
                  {c.withdrawnAt ? <span className="badge none">{t('withdrawnBadge')}</span> : <span className="badge consent">✓ {t('liveBadge')}</span>}
                  <br />
                  <span className="sub">{consentLine(c, lang, t)}</span>
                </span>
                {canEdit && !c.withdrawnAt && withdrawing !== c.purpose && (
                  <Button
                    variant="secondary"
                    aria-label={t('withdrawLabel', { purpose: title(c.purpose) })}
                    disabled={!online}
                    onClick={() => {
                      setWithdrawing(c.purpose);
                      setDone(undefined);
                      action.clear();
                    }}
                  >
                    {t('withdraw')}
                  </Button>
                )}
              </div>
              {withdrawing === c.purpose && !c.withdrawnAt && (
                <Confirm
                  question={t('withdrawConfirm', { purpose: title(c.purpose) })}
                  yes={t('withdrawYes')}
                  busyLabel={t('working')}
                  busy={action.busy}
                  online={online}
                  error={action.error}
                  onYes={() => void withdraw(c.purpose)}
                  onCancel={() => setWithdrawing(undefined)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && child && <p className="hint">{t('childNoConsent')}</p>}
      {canEdit && !child && open.length > 0 && !recording && (
        <div className="actions">
          <Button
            variant="secondary"
            disabled={!online}
            onClick={() => {
              setRecording(true);
              setDone(undefined);
            }}
          >
            {t('recordConsent')}
          </Button>
        </div>
      )}
      {canEdit && !child && recording && open.length > 0 && (
        <RecordConsent
          personId={person.id}
          notices={open}
          online={online}
          onCancel={() => setRecording(false)}
          onDone={(purpose) => {
            setRecording(false);
            setDone(t('consentRecorded', { purpose: title(purpose) }));
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function consentLine(c: Consent, lang: Lang, t: (key: PeopleKey, vars?: Record<string, string | number>) => string): string {
  const parts = [t(METHOD[c.method]), formatDate(new Date(c.givenAt), lang), t('noticeVersion', { version: c.noticeVersion })];
  if (c.recordedBy) parts.push(t('by', { name: c.recordedBy.name }));
  if (c.evidence) parts.push(t('evidenceIs', { evidence: c.evidence }));
  if (c.withdrawnAt) parts.push(t('withdrawnOn', { date: formatDate(new Date(c.withdrawnAt), lang) }));
  return parts.join(' · ');
}

/**
 * Consent given in person: the worker picks the purpose, the notice is shown (in the person's language, the other
 * one a tap away) for the person to read, and only then is their agreement recorded, against that notice version.
 */
function RecordConsent({
  personId,
  notices,
  online,
  onDone,
  onCancel,
}: {
  personId: number;
  notices: readonly Notice[];
  online: boolean;
  onDone(purpose: string): void;
  onCancel(): void;
}) {
  const t = useT(peopleMessages);
  const { lang } = useLang();
  const [purpose, setPurpose] = useState(notices[0]!.purpose);
  const [noticeLang, setNoticeLang] = useState<Lang>(lang);
  const { busy, error, run } = useAction();
  const notice = notices.find((n) => n.purpose === purpose) ?? notices[0]!;

  async function record() {
    const r = await run(() => api('POST', `/api/people/${personId}/consents`, { purpose: notice.purpose, noticeVersion: notice.version }));
    if (r.ok) onDone(notice.purpose);
  }
  return (
    <section className="panel" aria-label={t('recordConsent')}>
      <h3>{t('recordConsent')}</h3>
      <Select label={t('purpose')} value={purpose} onChange={(e) => setPurpose(e.target.value)}>
        {notices.map((n) => (
          <option key={n.purpose} value={n.purpose}>
            {lang === 'hi' ? n.titleHi : n.titleEn}
          </option>
        ))}
      </Select>
      <p className="hint">{t('showNotice')}</p>
      <blockquote className="notice" lang={noticeLang}>
        <strong>{noticeLang === 'hi' ? notice.titleHi : notice.titleEn}</strong>
        <p>{noticeLang === 'hi' ? notice.textHi : notice.textEn}</p>
        <p className="hint">{t('noticeVersion', { version: notice.version })}</p>
      </blockquote>
      <div className="actions">
        <Button variant="secondary" onClick={() => setNoticeLang(noticeLang === 'hi' ? 'en' : 'hi')} lang={noticeLang === 'hi' ? 'en' : 'hi'}>
          {noticeLang === 'hi' ? t('noticeInEnglish') : t('noticeInHindi')}
        </Button>
      </div>
      <ErrorBanner error={error} />
      <div className="actions">
        <Button onClick={() => void record()} disabled={busy || !online}>
          {busy ? t('working') : t('agreeRecord')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </section>
  );
}
