import type { Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import type { CalendarEntry, FeedLang } from './ics.ts';

/** What a feed asks another feature for: whose feed (read as its owner now), of which unit (null: their own), when. */
export interface FeedRequest {
  actor: Actor;
  unitId: number | null;
  from: Date;
  to: Date;
  lang: FeedLang;
  appUrl: string;
}

/** Entries another feature adds to calendar feeds (a campaign's phases); it keeps them to what the owner may see. */
export type CalendarSource = (db: Kysely<Schema>, feed: FeedRequest) => Promise<CalendarEntry[]>;

const sources: CalendarSource[] = [];

/**
 * Adds a feature's entries to every feed. Features above events (campaigns) register here rather than events reading
 * their tables: the imports keep running downward.
 */
export function registerCalendarSource(source: CalendarSource): void {
  if (!sources.includes(source)) sources.push(source);
}

/** Every registered source's entries for a feed. */
export async function sourcedEntries(db: Kysely<Schema>, feed: FeedRequest): Promise<CalendarEntry[]> {
  return (await Promise.all(sources.map((s) => s(db, feed)))).flat();
}
