import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

export interface OutboxMessage {
  /** A registered topic's name (topics.ts). */
  topic: string;
  /** Plain JSON: what the topic's `recipients` and `render` need (ids, not names or numbers). */
  payload: unknown;
  /** The same key enqueued again (a retried request) is the same message: the first row stands. */
  dedupeKey?: string;
}

/**
 * Announces a message to carry outside the app. Call it inside the transaction that makes the change it announces,
 * so the message exists exactly when the change does; the delivery worker picks it up after the commit.
 * Returns the outbox row's id (the existing row's for a known `dedupeKey`).
 */
export async function enqueue(trx: Transaction<Schema> | Kysely<Schema>, message: OutboxMessage): Promise<number> {
  const inserted = await trx
    .insertInto('outbox')
    .values({ topic: message.topic, payload: JSON.stringify(message.payload ?? null), dedupe_key: message.dedupeKey ?? null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await trx.selectFrom('outbox').select('id').where('dedupe_key', '=', message.dedupeKey!).executeTakeFirstOrThrow();
  return existing.id;
}
