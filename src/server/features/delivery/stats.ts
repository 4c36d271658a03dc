import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

/** Where one outbox message stands outside the app. */
export interface DeliveryStats {
  outboxId: number;
  topic: string;
  /** Null until the dispatcher has expanded it. */
  dispatchedAt: Date | null;
  /** People the topic named; of those, held back by an election silence; deliveries made (one per live contact point). */
  recipients: number | null;
  silenced: number | null;
  deliveries: number | null;
  queued: number;
  sending: number;
  sent: number;
  dead: number;
  cancelled: number;
  /** Why the dispatch failed or was closed without deliveries, if it was. */
  error: string | null;
}

/** Counts of an outbox message's deliveries by status (one GROUP BY over its rows, through the unique index). */
export async function deliveryStats(db: Kysely<Schema>, outboxId: number): Promise<DeliveryStats | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select(['id', 'topic', 'dispatched_at', 'recipients', 'silenced', 'delivery_count', 'last_error'])
    .where('id', '=', outboxId)
    .executeTakeFirst();
  if (!row) return undefined;
  const counts = await db
    .selectFrom('deliveries')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('outbox_id', '=', outboxId)
    .groupBy('status')
    .execute();
  const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  return {
    outboxId: row.id,
    topic: row.topic,
    dispatchedAt: row.dispatched_at,
    recipients: row.recipients,
    silenced: row.silenced,
    deliveries: row.delivery_count,
    queued: n('queued'),
    sending: n('sending'),
    sent: n('sent'),
    dead: n('dead'),
    cancelled: n('cancelled'),
    error: row.last_error,
  };
}

/** The dead letters of an outbox message, newest first: who, on which channel, after how many tries, and why. */
export async function deadDeliveries(db: Kysely<Schema>, outboxId: number, limit = 100) {
  const rows = await db
    .selectFrom('deliveries')
    .select(['id', 'person_id', 'channel', 'attempts', 'last_error'])
    .where('outbox_id', '=', outboxId)
    .where('status', '=', 'dead')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, channel: r.channel, attempts: r.attempts, reason: r.last_error }));
}
