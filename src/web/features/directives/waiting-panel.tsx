import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { Banner, Button } from '../../ui/components.tsx';
import { directiveMessages } from './messages.ts';
import { syncNow } from './sync.ts';
import { useActions } from './use-actions.ts';

/**
 * How many acknowledgements and reports wait on the phone, why, and "send now". Nothing when nothing waits, so the
 * screen stays quiet for the usual case.
 */
export function WaitingPanel({ directiveId }: { directiveId?: number }) {
  const t = useT(directiveMessages);
  const te = useT(errorMessages);
  const online = useOnline();
  const q = useActions();
  const waiting = directiveId === undefined ? q.waiting : q.waiting.filter((a) => a.directiveId === directiveId);
  const n = waiting.length;
  if (n === 0 && !q.signedOut) return null;
  return (
    <section className="card waiting-panel" aria-label={t('waitingToSend')}>
      {n > 0 && (
        <div className="row">
          <p className="grow count" role="status" aria-live="polite">
            {n === 1 ? t('waitingOne') : t('waitingCount', { count: n })}
          </p>
          <Button variant="secondary" onClick={() => void syncNow(true)} disabled={q.syncing}>
            {q.syncing ? t('syncing') : t('syncNow')}
          </Button>
        </div>
      )}
      {n > 0 && !q.syncing && (!online || q.lastError === 'offline') && <p className="hint">{t('offlineWaiting')}</p>}
      {n > 0 && !q.syncing && online && q.lastError && q.lastError !== 'offline' && (
        <p className="hint">{t('retrySoon', { reason: te(errorKeyOf(q.lastError)) })}</p>
      )}
      {q.signedOut && (
        <Banner kind="error">
          {t('signedOut')} <Link href="/">{t('signIn')}</Link>
        </Banner>
      )}
    </section>
  );
}
