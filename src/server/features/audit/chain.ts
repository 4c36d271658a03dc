import { createHash } from 'node:crypto';

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

/** sha256(previous hash ‖ canonical content): each row vouches for every row before it. */
export function chainHash(prev: Uint8Array, row: AuditContent): Uint8Array {
  const content = canonicalJson([row.at.toISOString(), row.actor_id, row.action, row.outcome, row.target_type, row.target_id, row.ip, row.details]);
  return new Uint8Array(createHash('sha256').update(prev).update(content).digest());
}
