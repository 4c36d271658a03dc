import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { chainHash, GENESIS, type AuditContent } from './chain.ts';

// Appends are serialised so that each row chains to the one committed before it.
const AUDIT_LOCK = 7_311_999;

/** What a caller says happened; time and hashes are added here. */
export interface AuditEntry {
  actorId: number | null;
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends to the hash-chained audit log inside the caller's transaction, so the record commits with the change
 * it records or not at all. Call it last in the transaction: it holds the chain's lock until commit.
 */
export async function recordAudit(trx: Transaction<Schema>, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row: AuditContent = {
    at: new Date(),
    actor_id: entry.actorId,
    action: entry.action,
    outcome: entry.outcome ?? 'ok',
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  };
  const prev = last?.hash ?? GENESIS;
  await trx
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details), prev_hash: prev, hash: chainHash(prev, row) })
    .execute();
}

/** Records on its own, for events with no transaction of their own: denials, failed logins. */
export async function recordAuditNow(db: Kysely<Schema>, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => recordAudit(trx, entry));
}
