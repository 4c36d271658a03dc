import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';

/** A fixed-window limit kept in the database, so every server process shares it. */
export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** Counts one hit against each limit; throws rate_limited when any is exceeded. Old windows are swept as it goes. */
export async function hit(db: Kysely<Schema>, limits: Limit[], now = new Date()): Promise<void> {
  for (const l of limits) {
    const windowStart = new Date(Math.floor(now.getTime() / (l.windowSeconds * 1000)) * l.windowSeconds * 1000);
    const row = await db
      .insertInto('rate_limits')
      .values({ key: l.key, window_start: windowStart, hits: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
      .returning('hits')
      .executeTakeFirstOrThrow();
    if (row.hits > l.max) throw new AppError('rate_limited', 'too many attempts; try again later');
  }
  if (Math.random() < 0.01) await db.deleteFrom('rate_limits').where('window_start', '<', new Date(now.getTime() - 86_400_000)).execute();
}
