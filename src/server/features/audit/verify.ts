import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { chainHash, GENESIS } from './chain.ts';

/**
 * A row id and hash recorded outside Setu (printed by `setu audit verify`). The chain alone cannot show that its
 * newest rows were cut off — a shorter chain is still a valid chain — but it can show it no longer reaches a head
 * someone wrote down earlier.
 */
export interface AuditAnchor {
  id: number;
  hash: string;
}

export interface AuditVerdict {
  ok: boolean;
  rows: number;
  /** The newest row: record it somewhere else and pass it as the anchor next time. */
  head?: AuditAnchor;
  /** The first row whose link or hash does not match, or the anchor the chain no longer reaches. */
  brokenAt?: { id: number; reason: 'prev_hash' | 'hash' | 'anchor' };
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Walks the whole log in id order, in pages, recomputing every hash and checking the anchor if given. */
export async function verifyAudit(db: Kysely<Schema>, pageSize = 5000, anchor?: AuditAnchor): Promise<AuditVerdict> {
  let prev: Uint8Array = GENESIS;
  let after = 0;
  let rows = 0;
  let anchorSeen = false;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    for (const row of page) {
      if (!equal(row.prev_hash, prev)) return { ok: false, rows, brokenAt: { id: row.id, reason: 'prev_hash' } };
      if (!equal(row.hash, chainHash(prev, row))) return { ok: false, rows, brokenAt: { id: row.id, reason: 'hash' } };
      if (anchor && row.id === anchor.id) {
        if (hex(row.hash) !== anchor.hash.toLowerCase()) return { ok: false, rows, brokenAt: { id: row.id, reason: 'anchor' } };
        anchorSeen = true;
      }
      prev = row.hash;
      after = row.id;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  if (anchor && !anchorSeen) return { ok: false, rows, brokenAt: { id: anchor.id, reason: 'anchor' } };
  return { ok: true, rows, ...(rows > 0 ? { head: { id: after, hash: hex(prev) } } : {}) };
}
