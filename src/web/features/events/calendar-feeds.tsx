import { useState } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { unitsAllowing } from '../../lib/permissions.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { Confirm } from '../../ui/confirm.tsx';
import { useSession } from '../auth/index.ts';
import { useOrgMeta } from '../org/index.ts';
import { webcalOf } from './checkin-link.ts';
import { eventMessages } from './messages.ts';
import type { CalendarFeed } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);

/**
 * "Add to your calendar": private iCalendar addresses the phone's calendar app follows — the person's own events, or
 * a unit's where they hold events — each shown to copy or open, and stopped when no longer wanted.
 */
export function CalendarFeeds() {
  const t = useT(eventMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const { me } = useSession();
  const meta = useOrgMeta();
  const feeds = useFetch<{ items: CalendarFeed[] }>('/api/calendar-feeds');
  const request = useRequest(toError);
  const items = feeds.data?.items ?? [];
  const units = unitsAllowing(me?.positions, meta?.roles, 'events.manage');
  const has = (unitId: number | null) => items.some((f) => (f.unit?.id ?? null) === unitId);

  const make = async (unitId?: number) => {
    const r = await request.run(() => api<CalendarFeed>('POST', '/api/calendar-feeds', unitId === undefined ? {} : { unitId }));
    if (r.ok) feeds.reload();
  };

  return (
    <Card title={t('calendarTitle')} className="calendar-feeds">
      <p className="hint">{t('calendarHint')}</p>
      {items.length > 0 && (
        <ul className="list">
          {items.map((f) => (
            <FeedRow key={f.id} feed={f} onStopped={feeds.reload} />
          ))}
        </ul>
      )}
      <div className="actions">
        {!has(null) && (
          <Button variant="secondary" disabled={!online || request.busy || !feeds.data} onClick={() => void make()}>
            {t('calendarMine')}
          </Button>
        )}
        {units
          .filter((u) => !has(u.id))
          .map((u) => (
            <Button key={u.id} variant="secondary" disabled={!online || request.busy || !feeds.data} onClick={() => void make(u.id)}>
              {t('calendarUnit', { unit: nameIn(lang, u) })}
            </Button>
          ))}
      </div>
      {request.busy && (
        <p className="hint" role="status">
          {t('making')}
        </p>
      )}
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </Card>
  );
}

function FeedRow({ feed, onStopped }: { feed: CalendarFeed; onStopped(): void }) {
  const t = useT(eventMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const [asking, setAsking] = useState(false);
  const [copied, setCopied] = useState(false);
  const request = useRequest(toError);
  const name = feed.unit ? t('calendarUnit', { unit: nameIn(lang, feed.unit) }) : t('calendarOwn');
  const copy = async () => {
    await navigator.clipboard?.writeText(feed.url).then(
      () => setCopied(true),
      () => {},
    );
  };
  return (
    <li className="feed">
      <p>
        <strong>{name}</strong>
      </p>
      <label className="sr-only" htmlFor={`feed-${feed.id}`}>
        {t('calendarAddress', { name })}
      </label>
      <input id={`feed-${feed.id}`} readOnly value={feed.url} onFocus={(e) => e.target.select()} />
      <div className="actions">
        <a className="button" href={webcalOf(feed.url)}>
          {t('calendarOpen')}
        </a>
        <Button variant="secondary" onClick={() => void copy()}>
          {t('copy')}
        </Button>
        <Button variant="secondary" onClick={() => setAsking(true)} disabled={asking}>
          {t('stop')}
        </Button>
      </div>
      {copied && (
        <p className="hint" role="status">
          {t('copied')}
        </p>
      )}
      {asking && (
        <Confirm
          className="confirm"
          question={t('stopQuestion')}
          yes={t('stopYes')}
          busyLabel={t('stopping')}
          cancel={t('keep')}
          busy={request.busy}
          online={online}
          onCancel={() => setAsking(false)}
          onYes={() => void request.run(() => api('DELETE', `/api/calendar-feeds/${feed.id}`)).then((r) => r.ok && onStopped())}
        >
          {request.error && <Banner kind="error">{te(request.error)}</Banner>}
        </Confirm>
      )}
    </li>
  );
}
