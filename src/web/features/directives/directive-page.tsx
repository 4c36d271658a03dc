import { useEffect, useRef } from 'react';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Banner } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, NotFoundPage, ScreenTitle, shellMessages } from '../shell/index.ts';
import { unitsToAutoAck } from './action-queue.ts';
import { useCachedRead } from './cached-read.ts';
import { DirectiveText } from './directive-text.tsx';
import { directiveMessages } from './messages.ts';
import { MyUnitCard } from './my-unit-card.tsx';
import { DueBadge, PriorityBadge } from './status-badges.tsx';
import { cacheKeys } from './store.ts';
import { acknowledge } from './sync.ts';
import { pickLang } from '../../lib/text.ts';
import { formatWhen } from '../../lib/time.ts';
import type { Directive } from './types.ts';
import { useActions } from './use-actions.ts';
import { useStarted } from './use-started.ts';
import { WaitingPanel } from './waiting-panel.tsx';
import { WithdrawDirective } from './withdraw.tsx';

/**
 * /directives/:id — one directive: what it says, its links and files, and the worker's own units with what each still
 * needs. Opened once, it reads offline. A directive that asks only to be read is acknowledged by opening it.
 */
export function DirectivePage({ id }: { id: string }) {
  const t = useT(directiveMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const personId = me?.person.id ?? 0;
  const meta = useOrgMeta();
  useStarted(me?.person.id);
  const actions = useActions();
  const res = useCachedRead<Directive>(`/api/directives/${id}`, cacheKeys.directive(personId, Number(id)), actions.version);
  const d = res.data && String(res.data.id) === id ? res.data : undefined;

  // Opening is enough for ask=read: acknowledge each unit once (the queue keys it, so a re-render changes nothing).
  const autoAcked = useRef(false);
  useEffect(() => {
    if (!d || autoAcked.current || actions.by === null) return;
    autoAcked.current = true;
    for (const unitId of unitsToAutoAck(d, [...actions.waiting, ...actions.rejected])) void acknowledge(d.id, unitId).catch(() => {});
  }, [d, actions.by, actions.waiting, actions.rejected]);

  if (!d) {
    if (res.error?.code === 'not_found') return <NotFoundPage message={t('notFound')} />;
    if (res.error && !res.loading) return <LoadError error={res.error} onRetry={res.reload} />;
    return <main aria-busy="true">{ts('loading')}</main>;
  }

  const title = pickLang(lang, d.titleHi, d.titleEn);
  const queued = [...actions.waiting, ...actions.rejected];
  const open = d.mine.some((m) => !(d.ask === 'report' ? m.doneAt : m.ackedAt));
  return (
    <main>
      {res.fromCache && <Banner kind="offline">{res.savedAt ? t('savedCopy', { time: formatWhen(res.savedAt, lang) }) : ts('fromCache')}</Banner>}
      <nav aria-label={t('backNav')}>
        <ol className="crumbs">
          <li>
            <Link href="/directives">‹ {t('back')}</Link>
          </li>
        </ol>
      </nav>
      {d.cancelledAt && <Banner kind="error">{t('withdrawnAt', { time: formatWhen(d.cancelledAt, lang) })}</Banner>}
      <ScreenTitle focusKey={d.id} lang={title.lang === lang ? undefined : title.lang}>
        {title.text}
      </ScreenTitle>
      <p className="sub directive-meta">
        {t('fromBy', { unit: nameIn(lang, d.unit), name: d.issuedBy.name })} · {t('issuedAt', { time: formatWhen(d.createdAt, lang) })}
      </p>
      {(d.priority !== 'normal' || d.dueAt) && (
        <p className="badges">
          <PriorityBadge priority={d.priority} />
          <DueBadge dueAt={d.dueAt} open={open} />
        </p>
      )}
      <p className="ask">{t(`ask_${d.ask}`)}</p>
      <DirectiveText directive={d} />

      <WaitingPanel directiveId={d.id} />
      {d.mine.length > 0 ? (
        <section className="card" aria-labelledby="my-units">
          <h2 id="my-units">{t('yourUnits')}</h2>
          <ul className="list my-units">
            {d.mine.map((m) => (
              <MyUnitCard key={m.unit.id} directiveId={d.id} ask={d.ask} mine={m} queued={queued} meta={meta} />
            ))}
          </ul>
        </section>
      ) : (
        <p className="hint">{t('followOnly')}</p>
      )}
      {d.canFollow && (
        <div className="actions">
          <Link className="button" href={`/directives/${d.id}/coverage`}>
            {t('progress')}
          </Link>
        </div>
      )}
      {d.canWithdraw && !res.fromCache && <WithdrawDirective directive={d} onWithdrawn={res.reload} />}
    </main>
  );
}
