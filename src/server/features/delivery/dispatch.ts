import { sql, type Kysely } from 'kysely';
import type { ChannelName } from '../../platform/channels/channel.ts';
import type { Schema } from '../../platform/db/index.ts';
import { personRefs, reachableNow, silenced, silentPaths } from './reach.ts';
import { topicNames, topicOf } from './topics.ts';

/** What one dispatch did: the people the topic named, those an election silence held back, the deliveries made. */
export interface Dispatched {
  outboxId: number;
  topic: string;
  recipients: number;
  silenced: number;
  deliveries: number;
}

export interface DispatchOptions {
  /** Channels this process sends on: contact points on others get no delivery. */
  channels: readonly ChannelName[];
  /** An outbox row older than this when its turn comes is closed without deliveries (stale news). */
  maxAgeMs: number;
  /** Wait before retrying a row whose dispatch failed: doubles per failure, up to an hour. */
  retryBaseMs: number;
}

/**
 * Dispatches the oldest due outbox row of a registered topic, if any: in ONE transaction it locks the row (skip locked,
 * so several processes share the work), expands the topic's recipients × live contact points into deliveries in one
 * INSERT … SELECT (duplicates ignored by the unique key) and marks the row dispatched. A crash before the commit leaves
 * nothing behind; a second dispatch of the same row makes no second set.
 * Answers `null` when nothing was due, or `'failed'` when the topic's query or payload failed (the row waits and
 * keeps the error).
 */
export async function dispatchNext(db: Kysely<Schema>, opts: DispatchOptions): Promise<Dispatched | 'failed' | null> {
  const names = topicNames();
  if (names.length === 0) return null;
  let claimed: { id: number; attempts: number } | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('outbox')
        .select(['id', 'topic', 'payload', 'attempts', sql<boolean>`created_at < now() - make_interval(secs => ${opts.maxAgeMs / 1000})`.as('stale')])
        .where('dispatched_at', 'is', null)
        .where('next_at', '<=', sql<Date>`now()`)
        .where('topic', 'in', names)
        .orderBy('next_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return null;
      claimed = row;
      const topic = topicOf(row.topic)!;
      if (row.stale) {
        await trx
          .updateTable('outbox')
          .set({ dispatched_at: sql`now()`, purpose: topic.purpose, recipients: 0, silenced: 0, delivery_count: 0, last_error: 'expired before dispatch' })
          .where('id', '=', row.id)
          .execute();
        return { outboxId: row.id, topic: row.topic, recipients: 0, silenced: 0, deliveries: 0 };
      }
      const payload = topic.payload ? topic.payload.parse(row.payload) : row.payload;
      const channels = opts.channels.length ? sql.join(opts.channels.map((c) => sql.lit(c))) : sql`null`;
      // Each person and their contact points are looked up by key (LATERAL … OFFSET 0 keeps the planner from turning
      // them into joins): linear in the audience whatever the statistics say. PGlite never runs autovacuum, so a
      // table filled since its last ANALYZE looks empty to the planner, and a join it then picks can go quadratic.
      const { rows } = await sql<{ recipients: number; silenced: number; delivery_count: number }>`
        with r as materialized (select distinct r0.person_id from (${topic.recipients(payload)}) r0),
        silent as materialized (select ${silentPaths} as paths),
        eligible as materialized (
          select p.id, ${silenced(sql.ref('silent.paths'), { id: sql.ref('p.id'), homeUnitId: sql.ref('p.home_unit_id') })} as silenced
          from r cross join silent
          cross join lateral (
            select p.id, p.home_unit_id from people p
            where p.id = r.person_id and ${reachableNow(topic.purpose, personRefs('p'))}
            offset 0) p
        ),
        made as (
          insert into deliveries (outbox_id, contact_point_id, person_id, channel)
          select ${row.id}::bigint, cp.id, e.id, cp.channel
          from eligible e cross join lateral (
            select cp.id, cp.channel from contact_points cp
            where cp.person_id = e.id and cp.revoked_at is null and cp.channel in (${channels})
            offset 0) cp
          where not e.silenced
          on conflict (outbox_id, contact_point_id) do nothing
          returning 1
        )
        update outbox set dispatched_at = now(), purpose = ${topic.purpose}, last_error = null,
          recipients = (select count(*) from r),
          silenced = (select count(*) from eligible where silenced),
          delivery_count = (select count(*) from made)
        where id = ${row.id}::bigint
        returning recipients, silenced, delivery_count`.execute(trx);
      const done = rows[0]!;
      return { outboxId: row.id, topic: row.topic, recipients: done.recipients, silenced: done.silenced, deliveries: done.delivery_count };
    });
  } catch (error) {
    if (!claimed) throw error;
    const wait = Math.min(3_600_000, opts.retryBaseMs * 2 ** claimed.attempts);
    await db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        next_at: sql`now() + make_interval(secs => ${wait / 1000})`,
        last_error: `dispatch failed: ${(error as Error).message}`.slice(0, 500),
      }))
      .where('id', '=', claimed.id)
      .where('dispatched_at', 'is', null)
      .execute();
    return 'failed';
  }
}
