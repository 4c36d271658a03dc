import type { ColumnType, Generated } from 'kysely';

/** Timestamps are read as Date and may be written as Date or ISO text. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Ltree = ColumnType<string, string, string>;

/** The database as Kysely sees it: one interface per table, named as in the migrations. */
export interface Schema {
  levels: { code: string; depth: number; name_en: string; name_hi: string };
  roles: { code: string; name_en: string; name_hi: string; rank: number; permissions: string[] };
  departments: { code: string; name_en: string; name_hi: string };
  units: {
    id: Generated<number>;
    parent_id: number | null;
    level: string;
    name_en: string;
    name_hi: string;
    code: string | null;
    path: Ltree;
    state_id: number | null;
    /** Lower-cased English name and transliterated Hindi name, kept by a trigger (0004_unit_search.sql). */
    search_key: Generated<string>;
    archived_at: NullableTimestamp;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  unit_stats: { unit_id: number; booths: number };
  /** Booths in a unit's subtree with a live head-role position, per department ('*': any); kept by triggers (0005). */
  unit_coverage: { unit_id: number; department: string; covered: number };
  people: {
    id: Generated<number>;
    name: string;
    phone_enc: Uint8Array | null;
    phone_hash: Uint8Array | null;
    home_unit_id: number | null;
    disabled_at: NullableTimestamp;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  positions: {
    id: Generated<number>;
    person_id: number;
    unit_id: number;
    role: string;
    department: string | null;
    created_at: Generated<Date>;
    ended_at: NullableTimestamp;
  };
  otp_challenges: {
    id: string;
    phone_hash: Uint8Array;
    code_hash: Uint8Array;
    person_id: number | null;
    ip: string | null;
    attempts: Generated<number>;
    created_at: Generated<Date>;
    expires_at: Timestamp;
    consumed_at: NullableTimestamp;
  };
  sessions: {
    id: string;
    token_hash: Uint8Array;
    person_id: number;
    ip: string | null;
    user_agent: string | null;
    created_at: Generated<Date>;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
    revoked_at: NullableTimestamp;
  };
  rate_limits: { key: string; window_start: Timestamp; hits: number };
  audit_log: {
    id: Generated<number>;
    at: Timestamp;
    actor_id: number | null;
    action: string;
    outcome: 'ok' | 'denied' | 'failed';
    target_type: string | null;
    target_id: string | null;
    ip: string | null;
    details: ColumnType<Record<string, unknown>, string, string>;
    prev_hash: Uint8Array;
    hash: Uint8Array;
  };
  schema_migrations: { name: string; applied_at: Generated<Date> };
}
