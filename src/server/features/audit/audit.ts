import type { KeyObject } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { deriveKey } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import { chainHash, GENESIS, MAC_HMAC, type AuditContent } from './chain.ts';

// Appends are serialised so that each row chains to the one committed before it.
const AUDIT_LOCK = 7_311_999;

/** The audit chain's HMAC key, derived from the server's secret: the database never holds it. */
export const auditKeyOf = (secretBase64: string): KeyObject => deriveKey(secretBase64, 'audit-chain:v1');

// One key for the process, set at boot: `recordAudit` is called with a transaction from every feature, and threading
// a key through each of their dependencies would change them all for a value that never differs within a process.
let appendKey: KeyObject | undefined;

/** Sets the key every append is made with (the composition root and the CLI, from SETU_SECRET_KEY). */
export function useAuditKey(secretBase64: string): void {
  appendKey = auditKeyOf(secretBase64);
}

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
  // Refuse rather than write a row nobody could tell from a forged one.
  if (!appendKey) throw new Error('the audit key is not set: call useAuditKey at boot');
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
    .values({ ...row, details: JSON.stringify(row.details), prev_hash: prev, hash: chainHash(prev, row, appendKey), mac: MAC_HMAC })
    .execute();
}

/** Records on its own, for events with no transaction of their own: denials, failed logins. */
export async function recordAuditNow(db: Kysely<Schema>, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => recordAudit(trx, entry));
}
