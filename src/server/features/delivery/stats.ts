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

/** The outbox ids behind these dedupe keys (a feature names its messages by key: `directive.issued:42`). */
export async function outboxIdsByKey(db: Kysely<Schema>, keys: readonly string[]): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('outbox').select('id').where('dedupe_key', 'in', keys).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * The dead letters of outbox messages, newest first: who, on which channel, after how many tries, and why. A
 * provider's reason may quote the address it refused: addresses and long numbers in it are masked, as the people
 * reading the list see the person's name, not their contact details.
 */
export async function deadDeliveries(db: Kysely<Schema>, outboxIds: readonly number[], limit = 100) {
  if (outboxIds.length === 0) return [];
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .select(['d.id', 'o.topic', 'd.person_id', 'p.name', 'd.channel', 'd.attempts', 'd.last_error'])
    .where('d.outbox_id', 'in', outboxIds)
    .where('d.status', '=', 'dead')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    person: { id: r.person_id, name: r.name },
    channel: r.channel,
    attempts: r.attempts,
    reason: r.last_error === null ? null : maskReason(r.last_error),
  }));
}

/** An email address, or a run of seven or more digits (spaces, dashes and a leading + allowed): a phone or an id. */
const ADDRESS = /[^\s@<>"',;:()]+@[^\s@<>"',;:()]+|\+?\d[\d -]{5,}\d/g;

const maskReason = (reason: string) => reason.replace(ADDRESS, '•••');
