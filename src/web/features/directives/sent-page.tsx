import { formatNumber, formatPercent } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Banner, Bar, Card } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, ScreenTitle, shellMessages } from '../shell/index.ts';
import { useCachedRead } from './cached-read.ts';
import { DirectiveTabs } from './directive-tabs.tsx';
import { directiveMessages } from './messages.ts';
import { holdsAnywhere } from './permissions.ts';
import { progressMessages } from './progress-messages.ts';
import { DueBadge, PriorityBadge } from './status-badges.tsx';
import { cacheKeys } from './store.ts';
import { pickLang } from '../../lib/text.ts';
import { formatWhen } from '../../lib/time.ts';
import type { Inbox } from './types.ts';

/** How a ratio looks: under half is a gap to act on, under 90% needs attention (as on the organisation's coverage). */
const toneOf = (ratio: number) => (ratio < 0.5 ? 'bad' : ratio < 0.9 ? 'warn' : 'good');

/**
 * /directives/sent — the directives a leader follows (issued in their area, or from above reaching into it), newest
 * first, each with how many target units have completed it; each opens its live progress.
 */
export function SentPage() {
  const t = useT(progressMessages);
  const td = useT(directiveMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const { me } = useSession();
  const meta = useOrgMeta();
  const res = useCachedRead<Inbox>('/api/directives?view=sent', cacheKeys.sent(me?.person.id ?? 0));
  const canIssue = holdsAnywhere(me?.positions, meta?.roles, 'directives.issue');

  if (!res.data && res.error && !res.loading) return <LoadError error={res.error} onRetry={res.reload} />;
  return (
    <main>
      {res.fromCache && <Banner kind="offline">{res.savedAt ? td('savedCopy', { time: formatWhen(res.savedAt, lang) }) : ts('fromCache')}</Banner>}
      <ScreenTitle>{t('sentTitle')}</ScreenTitle>
      <DirectiveTabs current="sent" canIssue={canIssue} />
      {!res.data ? (
        <p aria-busy="true">{ts('loading')}</p>
      ) : res.data.items.length === 0 ? (
        <Card>
          <p className="muted">{t('sentEmpty')}</p>
        </Card>
      ) : (
        <ul className="list directive-list card" aria-busy={res.loading || undefined}>
          {res.data.items.map((item) => {
            const title = pickLang(lang, item.titleHi, item.titleEn);
            const ratio = item.targets > 0 ? item.complete / item.targets : 1;
            const percent = formatPercent(ratio, lang);
            return (
              <li key={item.id} className="directive-item">
                <Link href={`/directives/${item.id}/coverage`}>
                  <span className="grow">
                    <span className="title" lang={title.lang}>
                      {title.text}
                    </span>
                    <span className="sub">
                      {td('from', { unit: nameIn(lang, item.unit) })} · {formatWhen(item.createdAt, lang)}
                    </span>
                    <span className="badges">
                      <PriorityBadge priority={item.priority} />
                      <DueBadge dueAt={item.dueAt} open={item.complete < item.targets} />
                    </span>
                    <span className="sub">
                      {t('sentFigures', { complete: formatNumber(item.complete, lang), targets: formatNumber(item.targets, lang), percent })}
                    </span>
                    <Bar ratio={ratio} tone={toneOf(ratio)} label={t('sentBar', { title: title.text, percent })} />
                  </span>
                  <span aria-hidden="true">›</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
