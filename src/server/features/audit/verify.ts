import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { AuditAnchor } from './anchors.ts';
import { chainHash, GENESIS, MAC_HMAC, MAC_SHA256 } from './chain.ts';

export interface AuditVerdict {
  ok: boolean;
  rows: number;
  /** The newest row (what an anchor records). */
  head?: AuditAnchor;
  /**
   * The first row that does not hold: its link (`prev_hash`) or its hash (`hash`) does not match; it is an unkeyed row
   * after keyed ones or after the first anchor, i.e. written since the chain was keyed (`downgrade`); it is keyed and
   * no key was given (`no_key`: not verified, not passed); or an anchor the chain no longer reaches or agrees with.
   */
  brokenAt?: { id: number; reason: 'prev_hash' | 'hash' | 'downgrade' | 'no_key' | 'anchor' };
}

export interface VerifyOptions {
  /** The audit key (auditKeyOf(SETU_SECRET_KEY)); without it keyed rows cannot be verified. */
  key?: KeyObject | undefined;
  /** Heads recorded outside the database, oldest first (readAnchors). */
  anchors?: readonly AuditAnchor[] | undefined;
  pageSize?: number;
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Walks the whole log in id order, in pages, recomputing every hash, and checks it against the anchors. Rows written
 * before the chain was keyed (mac 0) are accepted only before the first keyed row, and only up to the earliest anchor
 * (which the keyed version wrote at its first start): a chain recomputed without the key cannot pass as old rows.
 */
export async function verifyAudit(db: Kysely<Schema>, { key, anchors = [], pageSize = 5000 }: VerifyOptions = {}): Promise<AuditVerdict> {
  const expected = new Map(anchors.map((a) => [a.id, a.hash.toLowerCase()]));
  const unkeyedUpTo = anchors.length ? Math.min(...anchors.map((a) => a.id)) : Infinity;
  let prev: Uint8Array = GENESIS;
  let after = 0;
  let rows = 0;
  let keyed = false;
  const broken = (id: number, reason: NonNullable<AuditVerdict['brokenAt']>['reason']): AuditVerdict => ({ ok: false, rows, brokenAt: { id, reason } });
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    for (const row of page) {
      const id = Number(row.id);
      if (!equal(row.prev_hash, prev)) return broken(id, 'prev_hash');
      if (row.mac === MAC_HMAC) {
        if (!key) return broken(id, 'no_key');
        keyed = true;
        if (!equal(row.hash, chainHash(prev, row, key))) return broken(id, 'hash');
      } else if (row.mac === MAC_SHA256) {
        if (keyed || id > unkeyedUpTo) return broken(id, 'downgrade');
        if (!equal(row.hash, chainHash(prev, row))) return broken(id, 'hash');
      } else return broken(id, 'hash');
      const anchored = expected.get(id);
      if (anchored !== undefined && anchored !== hex(row.hash)) return broken(id, 'anchor');
      prev = row.hash;
      after = id;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  // An anchor beyond the last row: the tail it vouched for was cut off.
  const beyond = anchors.filter((a) => a.id > after).map((a) => a.id);
  if (beyond.length) return broken(Math.max(...beyond), 'anchor');
  return { ok: true, rows, ...(rows > 0 ? { head: { id: after, hash: hex(prev) } } : {}) };
}
