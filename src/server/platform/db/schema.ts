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
    whatsapp: Generated<boolean>;
    age_band: string | null;
    languages: Generated<string[]>;
    tags: Generated<string[]>;
    notes_enc: Uint8Array | null;
    /** Key id of phone_enc and notes_enc, so rotation finds rows under an old key. */
    pii_key_id: number | null;
    /** The name in plain Latin words (setu_search_text), kept by a trigger unless the writer supplies it (0006). */
    search_key: string | null;
    client_id: string | null;
    source: Generated<'admin' | 'position' | 'capture' | 'signup' | 'import'>;
    created_by: number | null;
    merged_into: number | null;
    erased_at: NullableTimestamp;
  };
  notices: {
    id: Generated<number>;
    purpose: string;
    version: number;
    title_hi: string;
    title_en: string;
    text_hi: string;
    text_en: string;
    /** SHA-256 of the notice, set by a trigger (0006). */
    hash: Generated<Uint8Array>;
    published_at: Generated<Date>;
  };
  consents: {
    id: Generated<number>;
    person_id: number;
    purpose: string;
    notice_id: number;
    method: 'in_person' | 'self_signup' | 'import';
    evidence: string | null;
    recorded_by: number | null;
    given_at: Generated<Date>;
    withdrawn_at: NullableTimestamp;
    withdrawn_by: number | null;
    withdrawal_method: 'in_person' | 'self' | 'erasure' | 'merge' | null;
  };
  people_not_duplicates: { a: number; b: number; decided_by: number | null; decided_at: Generated<Date> };
  person_duplicates: {
    a: number;
    b: number;
    unit_a: number;
    unit_b: number;
    reason: 'same_phone_similar_name' | 'similar_name_same_booth';
    score: number;
    found_at: Generated<Date>;
  };
  person_duplicates_due: { person_id: number };
  signup_links: { token: string; unit_id: number; created_by: number | null; created_at: Generated<Date>; revoked_at: NullableTimestamp };
  whatsapp_groups: {
    id: Generated<number>;
    unit_id: number;
    name: string;
    purpose: 'workers' | 'public';
    invite_link: string | null;
    member_count: number | null;
    last_checked_at: NullableTimestamp;
    created_by: number | null;
    created_at: Generated<Date>;
    updated_at: Timestamp;
    archived_at: NullableTimestamp;
  };
  whatsapp_group_admins: { group_id: number; person_id: number };
  /** Group coverage below each unit: shakti kendras, booths and kendras with each kind of group, groups, members (0007). */
  unit_group_stats: {
    unit_id: number;
    shakti_kendras: number;
    booths_workers: number;
    booths_public: number;
    booths_both: number;
    kendras_workers: number;
    kendras_public: number;
    kendras_both: number;
    groups: number;
    members: number;
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
    purpose: Generated<'login' | 'signup' | 'withdraw' | 'phone_change'>;
  };
  phone_changes: {
    attempt_id: string;
    person_id: number;
    phone_enc: Uint8Array | null;
    phone_hash: Uint8Array | null;
    pii_key_id: number | null;
    requested_by: number;
    created_at: Generated<Date>;
    applied_at: NullableTimestamp;
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
    /** How `hash` was made: 0 sha256 (rows before 0013), 1 HMAC-SHA256 with the server's audit key. */
    mac: number;
  };
  /** Messages to carry outside the app, written by features in their own transaction (0009, features/delivery). */
  outbox: {
    id: Generated<number>;
    topic: string;
    payload: ColumnType<unknown, string, string>;
    dedupe_key: string | null;
    created_at: Generated<Date>;
    next_at: Generated<Date>;
    attempts: Generated<number>;
    last_error: string | null;
    dispatched_at: NullableTimestamp;
    purpose: string | null;
    recipients: number | null;
    silenced: number | null;
    delivery_count: number | null;
  };
  /** Where a person is reached outside the app; the address only encrypted, with a blind index of its identity (0009). */
  contact_points: {
    id: Generated<number>;
    person_id: number;
    channel: 'push' | 'sms' | 'telegram' | 'email';
    address_enc: Uint8Array | null;
    address_hash: Uint8Array | null;
    pii_key_id: number | null;
    created_at: Generated<Date>;
    revoked_at: NullableTimestamp;
  };
  /** One message to one contact point, and how its sending went (0009). */
  deliveries: {
    id: Generated<number>;
    outbox_id: number;
    contact_point_id: number;
    person_id: number;
    channel: 'push' | 'sms' | 'telegram' | 'email';
    status: Generated<'queued' | 'sending' | 'sent' | 'dead' | 'cancelled'>;
    attempts: Generated<number>;
    next_at: Generated<Date>;
    lease_until: NullableTimestamp;
    last_error: string | null;
    provider_id: string | null;
    created_at: Generated<Date>;
    sent_at: NullableTimestamp;
  };
  schema_migrations: { name: string; applied_at: Generated<Date> };
  // Directives (0008).
  files: { id: Generated<number>; sha256: Uint8Array; name: string; mime: string; size: number; uploaded_by: number | null; created_at: Generated<Date> };
  directives: {
    id: Generated<number>;
    client_key: string;
    unit_id: number;
    issued_by: number;
    title_hi: string | null;
    title_en: string | null;
    body_hi: string | null;
    body_en: string | null;
    links: Generated<string[]>;
    priority: Generated<'normal' | 'high' | 'urgent'>;
    ask: 'read' | 'ack' | 'report';
    levels: string[];
    roles: string[] | null;
    departments: string[] | null;
    due_at: NullableTimestamp;
    remind_at: NullableTimestamp;
    escalate_at: NullableTimestamp;
    reminded_at: NullableTimestamp;
    escalated_at: NullableTimestamp;
    targets: Generated<number>;
    silenced: Generated<number>;
    created_at: Generated<Date>;
    cancelled_at: NullableTimestamp;
  };
  directive_files: { directive_id: number; file_id: number };
  directive_units: {
    directive_id: number;
    unit_id: number;
    target: boolean;
    targets: number;
    acked: Generated<number>;
    done: Generated<number>;
    acked_at: NullableTimestamp;
    acked_by: number | null;
    done_at: NullableTimestamp;
    done_by: number | null;
  };
  directive_reports: {
    directive_id: number;
    unit_id: number;
    text: string | null;
    link: string | null;
    photo_file_id: number | null;
    reported_by: number;
    reported_at: Generated<Date>;
  };
  directive_progress: { id: Generated<string>; directive_id: number; unit_id: number; acked: number; done: number };
  directive_escalations: { directive_id: number; unit_id: number; overdue: number; created_at: Generated<Date> };
  silence_periods: {
    id: Generated<number>;
    unit_id: number;
    starts_at: Timestamp;
    ends_at: Timestamp;
    reason: string;
    created_by: number | null;
    created_at: Generated<Date>;
    cancelled_at: NullableTimestamp;
  };
  // Events (0010).
  event_kinds: { code: string; name_en: string; name_hi: string; virtual: Generated<boolean>; sort: Generated<number>; hidden: Generated<boolean> };
  events: {
    id: Generated<number>;
    client_key: string | null;
    unit_id: number;
    parent_id: number | null;
    kind: string;
    title_hi: string | null;
    title_en: string | null;
    description: string | null;
    starts_at: Timestamp;
    ends_at: Timestamp;
    venue: string | null;
    video_url: string | null;
    levels: string[];
    roles: string[] | null;
    departments: string[] | null;
    hold_at: string | null;
    children: Generated<number>;
    chair: string | null;
    conductor: string | null;
    chief_guest: string | null;
    created_by: number;
    created_at: Generated<Date>;
    cancelled_at: NullableTimestamp;
    remind_at: NullableTimestamp;
    reminded_at: NullableTimestamp;
    held_at: NullableTimestamp;
    minutes: string | null;
    attendees: Generated<number>;
    /** Bumped by every change a calendar feed shows (its SEQUENCE). */
    revision: Generated<number>;
    /** When a feed-visible field last changed (LAST-MODIFIED; edits, cancelling); null: unchanged since created_at. */
    updated_at: NullableTimestamp;
  };
  event_sessions: {
    id: Generated<number>;
    event_id: number;
    position: number;
    title: string;
    speaker: string | null;
    starts_at: NullableTimestamp;
    ends_at: NullableTimestamp;
  };
  event_rsvps: { event_id: number; person_id: number; answer: 'yes' | 'no' | 'maybe'; answered_at: Generated<Date> };
  event_attendance: {
    event_id: number;
    person_id: number;
    method: 'qr' | 'roll_call' | 'walk_in';
    marked_by: number;
    marked_at: Generated<Date>;
    guest: Generated<boolean>;
  };
  event_photos: { event_id: number; file_id: number; added_by: number; added_at: Generated<Date> };
  calendar_feeds: { id: string; token_hash: Uint8Array; person_id: number; unit_id: number | null; created_at: Generated<Date>; revoked_at: NullableTimestamp };
  // Campaigns (0011).
  campaigns: {
    id: Generated<number>;
    client_key: string;
    unit_id: number;
    title_hi: string | null;
    title_en: string | null;
    description: string | null;
    starts_on: string;
    ends_on: string;
    created_by: number;
    created_at: Generated<Date>;
    cancelled_at: NullableTimestamp;
  };
  campaign_phases: {
    id: Generated<number>;
    campaign_id: number;
    position: number;
    title_hi: string | null;
    title_en: string | null;
    starts_on: string;
    ends_on: string;
  };
  campaign_activities: {
    id: Generated<number>;
    phase_id: number;
    position: number;
    title_hi: string | null;
    title_en: string | null;
    measure: 'events_held' | 'people_enrolled' | 'directives_done' | 'reported';
    event_kind: string | null;
    directive_id: number | null;
    target_level: string;
    per_unit: number | null;
    total: number | null;
  };
  campaign_targets: { activity_id: number; unit_id: number; target: number; set_by: number; set_at: Generated<Date> };
  campaign_reports: { activity_id: number; unit_id: number; value: number; reported_by: number; reported_at: Generated<Date> };
  /** achieved: credited against the targets (each target-level unit's count up to its own target); counted: everything. */
  campaign_progress: {
    activity_id: number;
    unit_id: number;
    target: number;
    achieved: number;
    counted: Generated<number>;
    units_met: Generated<number>;
    units: Generated<number>;
  };
  campaign_refreshes: { activity_id: number; refreshed_at: Timestamp; stale: Generated<boolean>; split_rem: number | null; split_id: number | null };
  /** This installation's id (one row), for calendar UIDs unique across installations. */
  installation: { id: Generated<string>; only_one: Generated<boolean> };
}
