import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';

/** At most `max` hits in any `windowSeconds`, shared by every server process through the database. */
export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** The fixed window `now` falls in, and how much of the window before it still lies within the last `windowSeconds`. */
function windowAt(l: Limit, now: Date) {
  const width = l.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / width) * width;
  return { start: new Date(start), previous: new Date(start - width), overlap: 1 - (now.getTime() - start) / width };
}

/**
 * Counts one hit against each limit; throws rate_limited when any is exceeded. A sliding-window counter: this
 * window's hits plus the previous window's, weighted by how much of it still lies within the last `windowSeconds`,
 * so a burst straddling a window boundary is still caught. Windows older than a day are swept as it goes.
 */
export async function hit(db: Kysely<Schema>, limits: Limit[], now = new Date()): Promise<void> {
  for (const l of limits) {
    const w = windowAt(l, now);
    const row = await sql<{ hits: number; previous: number | null }>`
      with current as (
        insert into rate_limits (key, window_start, hits) values (${l.key}, ${w.start}, 1)
        on conflict (key, window_start) do update set hits = rate_limits.hits + 1
        returning hits
      )
      select current.hits,
             (select hits from rate_limits where key = ${l.key} and window_start = ${w.previous}) as previous
      from current`.execute(db);
    const { hits, previous } = row.rows[0]!;
    if (hits + (previous ?? 0) * w.overlap > l.max) throw new AppError('rate_limited', 'too many attempts; try again later');
  }
  if (Math.random() < 0.01)
    await db
      .deleteFrom('rate_limits')
      .where('window_start', '<', new Date(now.getTime() - 86_400_000))
      .execute();
}

/**
 * Marks `key` for the window starting at `windowStart`; true only for the first caller, in whatever process. For things
 * done once per window (an alert), and for tokens good once (a spent challenge, keyed to its own expiry).
 */
export async function firstInWindow(db: Kysely<Schema>, key: string, windowStart: Date): Promise<boolean> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** The start of the fixed window of `windowSeconds` that `now` falls in. */
export const windowStart = (windowSeconds: number, now = new Date()) => windowAt({ key: '', max: 0, windowSeconds }, now).start;
