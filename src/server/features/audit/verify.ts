import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { chainHash, GENESIS } from './chain.ts';

export interface AuditVerdict {
  ok: boolean;
  rows: number;
  /** The first row whose link or hash does not match, when the chain is broken. */
  brokenAt?: { id: number; reason: 'prev_hash' | 'hash' };
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Walks the whole log in id order, in pages, recomputing every hash. */
export async function verifyAudit(db: Kysely<Schema>, pageSize = 5000): Promise<AuditVerdict> {
  let prev: Uint8Array = GENESIS;
  let after = 0;
  let rows = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    for (const row of page) {
      if (!equal(row.prev_hash, prev)) return { ok: false, rows, brokenAt: { id: row.id, reason: 'prev_hash' } };
      if (!equal(row.hash, chainHash(prev, row))) return { ok: false, rows, brokenAt: { id: row.id, reason: 'hash' } };
      prev = row.hash;
      after = row.id;
      rows++;
    }
    if (page.length < pageSize) return { ok: true, rows };
  }
}
