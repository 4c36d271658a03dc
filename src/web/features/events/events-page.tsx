import { useEffect, useMemo, useState } from 'react';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { hasLevelBelow, holdsAnywhere } from '../../lib/permissions.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { LoadError, ScreenTitle, shellMessages } from '../shell/index.ts';
import { CalendarFeeds } from './calendar-feeds.tsx';
import { EventFilters } from './event-filters.tsx';
import { EventItem } from './event-item.tsx';
import { listPath, MY_EVENTS, type ListFilters } from './list-filters.ts';
import { listMessages } from './list-messages.ts';
import { eventMessages } from './messages.ts';
import type { EventKind, EventListItem, UnitRef } from './types.ts';
import { orderEvents } from './when.ts';

/**
 * /events — the person's events (invited to, or held by their units), coming or past; and for those with units below
 * them, the events held under one of their units, narrowed by level, kind and held, a page at a time.
 */
export function EventsPage() {
  const t = useT(eventMessages);
  const tl = useT(listMessages);
  const ts = useT(shellMessages);
  const { me } = useSession();
  const meta = useOrgMeta();
  const [filters, setFilters] = useState<ListFilters>(MY_EVENTS);
  const list = useFetch<{ items: EventListItem[]; next?: string | null }>(listPath(filters));
  const kinds = useFetch<{ items: EventKind[] }>(filters.scope === 'mine' ? null : '/api/event-kinds');
  // Later pages, read by "show more"; a new choice starts again from the first.
  const [more, setMore] = useState<{ items: EventListItem[]; next: string | null }>();
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore(undefined), [list.data]);
  const next = more ? more.next : (list.data?.next ?? null);
  const items = useMemo(() => {
    const all = [...(list.data?.items ?? []), ...(more?.items ?? [])];
    return filters.scope === 'mine' ? orderEvents(all) : all;
  }, [list.data, more, filters.scope]);
  const canHold = holdsAnywhere(me?.positions, meta?.roles, 'events.manage');
  const units = useMemo(() => {
    const seen = new Map<number, UnitRef>();
    for (const p of me?.positions ?? []) if (hasLevelBelow(meta?.levels, p.unit.level)) seen.set(p.unit.id, p.unit);
    return [...seen.values()];
  }, [me, meta]);

  async function showMore() {
    if (!next) return;
    setLoadingMore(true);
    try {
      const r = await api<{ items: EventListItem[]; next: string | null }>('GET', listPath(filters, next));
      setMore((m) => ({ items: [...(m?.items ?? []), ...r.data.items], next: r.data.next }));
    } finally {
      setLoadingMore(false);
    }
  }

  if (!list.data && list.error && !list.loading) return <LoadError error={list.error} onRetry={list.reload} />;
  const empty = filters.scope !== 'mine' ? tl('emptyUnder') : filters.period === 'past' ? tl('emptyPast') : t('empty');
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
      <EventFilters filters={filters} onChange={setFilters} units={units} meta={meta} kinds={kinds.data?.items ?? []} />
      {!list.data ? (
        <p aria-busy="true">{ts('loading')}</p>
      ) : items.length === 0 ? (
        <Card>
          <p className="muted">{empty}</p>
        </Card>
      ) : (
        <ul className="list event-list card" aria-label={t('listLabel')} aria-busy={list.loading || undefined}>
          {items.map((e) => (
            <EventItem key={e.id} event={e} meta={meta} />
          ))}
        </ul>
      )}
      {next && (
        <div className="actions">
          <Button variant="secondary" disabled={loadingMore} onClick={() => void showMore()}>
            {loadingMore ? ts('loading') : tl('more')}
          </Button>
        </div>
      )}
      <CalendarFeeds />
    </main>
  );
}
