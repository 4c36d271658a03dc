import { useState } from 'react';
import { errorKeyOf, errorMessages } from '../../../lib/error-messages.ts';
import type { Lang } from '../../../lib/format.ts';
import { useLang, useT } from '../../../lib/i18n.tsx';
import { useOnline } from '../../../lib/online.ts';
import { Link } from '../../../lib/router.tsx';
import { Banner, Button, Card } from '../../../ui/components.tsx';
import type { QueuedEntry } from '../queue.ts';
import { discard, syncNow } from '../sync.ts';
import { captureMessages } from './messages.ts';
import { useQueue } from './use-queue.ts';

/** "14:05" today, "3 Nov, 14:05" / "3 नव॰, 14:05" on another day. */
export function formatWhen(iso: string, lang: Lang, now = new Date()): string {
  const d = new Date(iso);
  const locale = lang === 'hi' ? 'hi-IN' : 'en-IN';
  // 24-hour time: "am/pm" reads oddly in a Hindi sentence.
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' } as const;
  const sameDay = d.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? time : { ...time, day: 'numeric', month: 'short' }).format(d);
}

/** How many entries wait on the phone, when it last sent, a "sync now" button, and the entries the server refused. */
export function QueuePanel({ onFix, fixing }: { onFix(entry: QueuedEntry): void; fixing: string | undefined }) {
  const t = useT(captureMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const q = useQueue();
  const [confirming, setConfirming] = useState<string>();
  const n = q.waiting.length;
  return (
    <>
      <section className="card queue" aria-label={t('queueTitle')}>
        <div className="queue-status">
          <div className="grow">
            <p className="count" role="status" aria-live="polite">
              {n === 0 ? t('allSent') : n === 1 ? t('waitingOne') : t('waitingCount', { count: n })}
            </p>
            <p className="muted">{q.lastSyncedAt ? t('lastSynced', { time: formatWhen(q.lastSyncedAt, lang) }) : t('neverSynced')}</p>
          </div>
          {n > 0 && (
            <Button variant="secondary" onClick={() => void syncNow(true)} disabled={q.syncing}>
              {q.syncing ? t('syncing') : t('syncNow')}
            </Button>
          )}
        </div>
        {n > 0 && !q.syncing && (!online || q.lastError === 'offline') && <p className="hint">{t('offlineWaiting')}</p>}
        {n > 0 && !q.syncing && online && q.lastError && q.lastError !== 'offline' && (
          <p className="hint">{t('retrySoon', { reason: te(errorKeyOf(q.lastError)) })}</p>
        )}
        {q.signedOut && (
          <Banner kind="error">
            {t('signedOut')} <Link href="/">{t('signIn')}</Link>
          </Banner>
        )}
        {n > 0 && (
          <details>
            <summary>{t('waitingNames')}</summary>
            <ul>
              {q.waiting.map((e) => (
                <li key={e.clientId}>{e.body.name}</li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {q.rejected.length > 0 && (
        <Card title={t('rejectedTitle')}>
          <p className="hint">{t('rejectedHint')}</p>
          <ul className="list rejected">
            {q.rejected.map((e) => (
              <li key={e.clientId}>
                <strong>{e.body.name}</strong>
                <p className="field-error">{te(errorKeyOf(e.rejected?.code))}</p>
                {confirming === e.clientId ? (
                  <div className="confirm">
                    <p>{t('discardConfirm', { name: e.body.name })}</p>
                    <div className="actions">
                      <Button className="danger" onClick={() => void discard(e.clientId).then(() => setConfirming(undefined))}>
                        {t('discardYes')}
                      </Button>
                      <Button variant="secondary" onClick={() => setConfirming(undefined)}>
                        {t('cancel')}
                      </Button>
                    </div>
                  </div>
                ) : (
                  <div className="actions">
                    <Button onClick={() => onFix(e)} disabled={fixing === e.clientId}>
                      {t('fix')}
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(e.clientId)}>
                      {t('discard')}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
