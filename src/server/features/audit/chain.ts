import { createHash, createHmac, type KeyObject } from 'node:crypto';

export const GENESIS = new Uint8Array(32);

/** The fields of an audit row that its hash covers. */
export interface AuditContent {
  at: Date;
  actor_id: number | null;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same after jsonb reorders it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** How a row's hash was made (the `mac` column): plain sha256 before migration 0013, HMAC-SHA256 with the audit key since. */
export const MAC_SHA256 = 0;
export const MAC_HMAC = 1;

/**
 * H(previous hash ‖ canonical content): each row vouches for every row before it. With `key`, H is HMAC-SHA256, so
 * only someone holding the server's secret can make a hash that verifies; without it, the plain sha256 that rows
 * before migration 0013 were written with (anyone who can write the table can recompute those).
 */
export function chainHash(prev: Uint8Array, row: AuditContent, key?: KeyObject): Uint8Array {
  const content = canonicalJson([row.at.toISOString(), row.actor_id, row.action, row.outcome, row.target_type, row.target_id, row.ip, row.details]);
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return new Uint8Array(h.update(prev).update(content).digest());
}
