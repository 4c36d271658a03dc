import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Banner, Card } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useDirectiveBadge } from '../directives/index.ts';
import { NotificationsHomeCard } from '../notifications/index.ts';
import { labelOf, PositionLinks, useOrgMeta } from '../org/index.ts';
import { shellMessages } from '../shell/index.ts';
import { leadsUnitsBelow } from './figures.ts';
import { homeMessages } from './messages.ts';
import { TurfFigures } from './turf-figures.tsx';

/**
 * The signed-in person's start: first what needs them (one answer, never "nothing pending" beside "a directive needs
 * you"), then for a leader a few figures of their area, then who they are and where they work.
 */
export function HomePage() {
  const t = useT(homeMessages);
  const ts = useT(shellMessages);
  const { lang } = useLang();
  const { me, fromCache } = useSession();
  const meta = useOrgMeta();
  const open = useDirectiveBadge();
  if (!me) return null;
  return (
    <main>
      {fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <h1>{t('greeting', { name: me.person.name })}</h1>
      <Card title={t('needsYou')}>
        <p className={open > 0 ? undefined : 'muted'}>{open === 1 ? t('inboxOpenOne') : open > 1 ? t('inboxOpen', { count: open }) : t('inboxQuiet')}</p>
        <div className="actions">
          <Link className={open > 0 ? 'button' : 'button secondary'} href="/directives">
            {t('openInbox')}
          </Link>
        </div>
      </Card>
      {leadsUnitsBelow(me.turfRoots, meta?.levels) && <TurfFigures />}
      <Card title={t('positions')}>
        <PositionLinks positions={me.positions} />
      </Card>
      <Card title={t('turf')}>
        <p className="hint">{t('turfHint')}</p>
        <ul className="list">
          {me.turfRoots.map((u) => (
            <li key={u.id}>
              <div className="row">
                <Link className="grow" href={`/units/${u.id}`}>
                  {nameIn(lang, u)} {meta && <span className="pill">{labelOf(meta.levels, u.level, lang)}</span>}
                </Link>
                <Link className="button secondary" href={`/units/${u.id}/coverage`}>
                  {t('coverage')}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <NotificationsHomeCard />
    </main>
  );
}
