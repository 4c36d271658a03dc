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
function windowAt(l: Pick<Limit, 'windowSeconds'>, now: Date) {
  const width = l.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / width) * width;
  return { start: new Date(start), previous: new Date(start - width), overlap: 1 - (now.getTime() - start) / width };
}

/**
 * Seconds until one more hit would be let through, if nobody else hits meanwhile: this window's `hits` stay whole
 * until it ends, and the previous window's weigh less as it slides out of the last `windowSeconds`.
 */
export function retryAfterSeconds(l: Limit, hits: number, previous: number, now: Date): number {
  const width = l.windowSeconds * 1000;
  const w = windowAt(l, now);
  const elapsed = now.getTime() - w.start.getTime();
  let waitMs: number;
  if (hits + 1 <= l.max && previous > 0) {
    // Within this window: the previous one's share must fall to what is left of the allowance.
    const neededOverlap = (l.max - hits - 1) / previous;
    waitMs = Math.max(0, (1 - neededOverlap) * width - elapsed);
  } else {
    // This window is full: in the next one, this window's hits are the previous ones, sliding out.
    const neededOverlap = hits > 0 ? Math.max(0, (l.max - 1) / hits) : 1;
    waitMs = width - elapsed + (1 - Math.min(1, neededOverlap)) * width;
  }
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** A request refused by one of its limits: `key` names which, and Retry-After says when the next would pass. */
export class RateLimited extends AppError {
  readonly key: string;
  constructor(key: string, retryAfter: number, message = 'too many attempts; try again later') {
    super('rate_limited', message);
    this.key = key;
    this.retryAfterSeconds = retryAfter;
  }
}

/**
 * Counts one hit against each limit, in order; throws RateLimited at the first exceeded, having taken back the hits
 * this call counted, so a refused request uses up nobody's allowance and the Retry-After it is told holds (a hall
 * asking again early is not pushed further back). A sliding-window counter: this window's hits plus the previous
 * window's, weighted by how much of it still lies within the last `windowSeconds`, so a burst straddling a window
 * boundary is still caught. Windows older than a day are swept as it goes.
 */
export async function hit(db: Kysely<Schema>, limits: Limit[], now = new Date()): Promise<void> {
  const counted: Limit[] = [];
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
    counted.push(l);
    const { hits, previous } = row.rows[0]!;
    if (hits + (previous ?? 0) * w.overlap > l.max) {
      await refund(db, counted, now);
      throw new RateLimited(l.key, retryAfterSeconds(l, hits - 1, previous ?? 0, now));
    }
  }
  if (Math.random() < 0.01)
    await db
      .deleteFrom('rate_limits')
      .where('window_start', '<', new Date(now.getTime() - 86_400_000))
      .execute();
}

/**
 * Takes back one hit counted at `now` against each limit: for a request refused further down, and for an attempt
 * that turned out to be no guess (a correct code), so that only wrong guesses count against an address.
 */
export async function refund(db: Kysely<Schema>, limits: Limit[], now: Date): Promise<void> {
  for (const l of limits) {
    await db
      .updateTable('rate_limits')
      .set((eb) => ({ hits: eb('hits', '-', 1) }))
      .where('key', '=', l.key)
      .where('window_start', '=', windowAt(l, now).start)
      .where('hits', '>', 0)
      .execute();
  }
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
export const windowStart = (windowSeconds: number, now = new Date()) => windowAt({ windowSeconds }, now).start;
