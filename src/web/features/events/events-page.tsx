import { useMemo } from 'react';
import { useT } from '../../lib/i18n.tsx';
import { holdsAnywhere } from '../../lib/permissions.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Card } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, ScreenTitle, shellMessages } from '../shell/index.ts';
import { CalendarFeeds } from './calendar-feeds.tsx';
import { EventItem } from './event-item.tsx';
import { eventMessages } from './messages.ts';
import type { EventListItem } from './types.ts';
import { orderEvents } from './when.ts';

/** /events — the person's events (invited to, or held by their units): what is on and coming first, then what is over. */
export function EventsPage() {
  const t = useT(eventMessages);
  const ts = useT(shellMessages);
  const { me } = useSession();
  const meta = useOrgMeta();
  const list = useFetch<{ items: EventListItem[] }>('/api/events?view=mine');
  const items = useMemo(() => orderEvents(list.data?.items ?? []), [list.data]);
  const canHold = holdsAnywhere(me?.positions, meta?.roles, 'events.manage');

  if (!list.data && list.error && !list.loading) return <LoadError error={list.error} onRetry={list.reload} />;
  return (
    <main className="events">
      {list.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <ScreenTitle>{t('title')}</ScreenTitle>
      {canHold && (
        <div className="actions">
          <Link className="button" href="/events/new">
            + {t('newEvent')}
          </Link>
        </div>
      )}
      {!list.data ? (
        <p aria-busy="true">{ts('loading')}</p>
      ) : items.length === 0 ? (
        <Card>
          <p className="muted">{t('empty')}</p>
        </Card>
      ) : (
        <ul className="list event-list card" aria-label={t('listLabel')} aria-busy={list.loading || undefined}>
          {items.map((e) => (
            <EventItem key={e.id} event={e} meta={meta} />
          ))}
        </ul>
      )}
      <CalendarFeeds />
    </main>
  );
}
