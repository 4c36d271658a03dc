import type { EventPeriod } from './types.ts';

/**
 * What the events page lists: the person's own events, or those held under one of their units (a state convener's
 * districts), coming or over; under a unit, narrowed by the level that holds them, their kind and whether they were
 * held.
 */
export interface ListFilters {
  /** 'mine', or the id of the unit whose subtree is listed. */
  scope: 'mine' | number;
  period: EventPeriod;
  level: string;
  kind: string;
  held: '' | 'yes' | 'no';
}

export const MY_EVENTS: ListFilters = { scope: 'mine', period: 'upcoming', level: '', kind: '', held: '' };

/** The API address of a list (its first page, or the page after `cursor`). */
export function listPath(f: ListFilters, cursor?: string | null): string {
  // The person's coming events keep the address the app has always cached, so they open offline as before.
  if (f.scope === 'mine') return f.period === 'past' ? '/api/events?view=mine&period=past' : '/api/events?view=mine';
  const q = new URLSearchParams({ period: f.period });
  if (f.level) q.set('level', f.level);
  if (f.kind) q.set('kind', f.kind);
  if (f.held) q.set('held', f.held);
  if (cursor) q.set('cursor', cursor);
  return `/api/units/${f.scope}/events?${q.toString()}`;
}
