import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';

// Imports take this lock per batch and lane, so two imports running at once still see each other's people before
// deciding who is new (the dedupe below reads what is committed).
const PEOPLE_IMPORT_LOCK = 7_311_404;

/**
 * Each batch is written as this many statements at once, on as many connections, its rows split by home unit
 * (unit id modulo LANES): a person is decided by their unit, so lanes never need to see each other's rows, and
 * the database works on more than one core. Every import uses the same split, so the same unit always takes the
 * same lock. On PGlite (one connection) the lanes simply run one after the other.
 */
export const LANES = 2;

/** Lists inside one field of the batch arrays are joined with the unit separator, which no checked value holds. */
export const UNIT_SEPARATOR = '\u001f';

/**
 * A batch as the insert statement takes it: one array literal per column (see literals.ts), rows in file order.
 * Phones and notes are already sealed.
 */
export interface BatchColumns {
  /** Rows in the batch. */
  count: number;
  lines: string;
  unitIds: string;
  names: string;
  phoneEnc: Blob;
  phoneHash: Blob;
  whatsapp: string;
  ageBands: string;
  /** Each row's list joined with UNIT_SEPARATOR. */
  languages: string;
  tags: string;
  notesEnc: Blob;
  searchKeys: string;
  /** Purposes joined with `;`, or NULL. */
  consent: string;
  /** Whether any row carries consent (the statement then records it). */
  withConsent: boolean;
}

/** A bytea column as BlobColumn gives it. */
export interface Blob {
  bytes: Uint8Array;
  starts: string;
  lengths: string;
}

export interface WriteContext {
  keyId: number;
  actorId: number | null;
  evidence: string | null;
}

export interface WriteResult {
  inserted: number;
  consents: number;
}

/** A value out of a blob column: its slice, or NULL. */
const blob = (column: Blob, name: 'pe' | 'ph' | 'ne') =>
  sql`case when ${sql.ref(`r.${name}_len`)} >= 0 then substring(${column.bytes}::bytea from ${sql.ref(`r.${name}_start`)} for ${sql.ref(`r.${name}_len`)}) end`;

/** How the import compares names: trimmed, runs of spaces made one, lower case, as findLiveByPhoneAndName does. */
const norm = (name: ReturnType<typeof sql.ref>) => sql`lower(regexp_replace(btrim(${name}), '\\s+', ' ', 'g'))`;

/**
 * Writes one batch in one statement. A row is new unless a live person has the same phone (by its blind index; or
 * both have none), the same home unit and the same name once normalised; repeats inside the batch are one person.
 * Households (one phone, different names) are different people. Consent is recorded for each row's person, new or
 * found, unless that person already has a record for the purpose — live, or withdrawn: a withdrawal is never
 * undone by importing an old file again — or is a child.
 */
export async function writeBatch(trx: Transaction<Schema>, b: BatchColumns, ctx: WriteContext, lane: number): Promise<WriteResult> {
  await sql`select pg_advisory_xact_lock(${PEOPLE_IMPORT_LOCK}, ${lane}::int)`.execute(trx);
  // The statement's estimated cost is high enough for PostgreSQL to compile it to machine code on every batch,
  // which took longer than running it (seconds per batch); it is the same plan each time.
  await sql`set local jit = off`.execute(trx);
  // New names go to the trigram index's pending list and are merged into it in bulk: a larger list means fewer,
  // cheaper merges (the import empties it at the end, see cleanSearchIndex).
  await sql`set local gin_pending_list_limit = '64MB'`.execute(trx);
  const consents = b.withConsent
    ? sql`,
      who as (
        select distinct coalesce(m.existing_id, i.id) as person_id, p.purpose
        from m
        left join ins i on m.existing_id is null and i.home_unit_id = m.unit_id and i.phone_hash is not distinct from m.phone_hash
          and ${norm(sql.ref('i.name'))} = m.norm
        cross join unnest(string_to_array(m.consent, ';')) as p(purpose)
        where m.consent is not null
          and (m.existing_id is null or (select e.age_band from people e where e.id = m.existing_id) is distinct from 'under_18')
      ),
      c as (
        insert into consents (person_id, purpose, notice_id, method, evidence, recorded_by)
        select w.person_id, w.purpose, n.id, 'import', ${ctx.evidence}, ${ctx.actorId}::int
        from who w join (select distinct on (purpose) id, purpose from notices order by purpose, version desc) n on n.purpose = w.purpose
        -- A scalar subquery, not "not exists": the planner keeps it a per-row index probe (consents_person) instead
        -- of turning it into an anti-join that reads every consent in the table for every batch.
        where (select x.id from consents x where x.person_id = w.person_id and x.purpose = w.purpose limit 1) is null
        returning 1
      )
      select (select count(*)::int from ins) as inserted, (select count(*)::int from c) as consents`
    : sql`select (select count(*)::int from ins) as inserted, 0 as consents`;

  const { rows } = await sql<WriteResult>`
    with t as (
      select r.line, r.name, ${blob(b.phoneEnc, 'pe')} as phone_enc, ${blob(b.phoneHash, 'ph')} as phone_hash, r.unit_id, r.whatsapp, r.age_band,
             r.languages, r.tags, ${blob(b.notesEnc, 'ne')} as notes_enc, r.search_key, r.consent
      from unnest(${b.lines}::int[], ${b.names}::text[], ${b.unitIds}::int[], ${b.whatsapp}::boolean[], ${b.ageBands}::text[], ${b.languages}::text[],
                  ${b.tags}::text[], ${b.searchKeys}::text[], ${b.consent}::text[], ${b.phoneEnc.starts}::int[], ${b.phoneEnc.lengths}::int[],
                  ${b.phoneHash.starts}::int[], ${b.phoneHash.lengths}::int[], ${b.notesEnc.starts}::int[], ${b.notesEnc.lengths}::int[])
        as r(line, name, unit_id, whatsapp, age_band, languages, tags, search_key, consent, pe_start, pe_len, ph_start, ph_len, ne_start, ne_len)
    ),
    k as (select t.*, ${norm(sql.ref('t.name'))} as norm from t),
    -- Scalar subqueries, one index probe per row (by phone; by home unit for the few rows without one).
    m as (
      select k.*, coalesce(
        (select p.id from people p
          where p.phone_hash = k.phone_hash and p.home_unit_id = k.unit_id and p.erased_at is null and p.merged_into is null
            and ${norm(sql.ref('p.name'))} = k.norm
          order by p.id limit 1),
        case when k.phone_hash is null then (select p.id from people p
          where p.phone_hash is null and p.home_unit_id = k.unit_id and p.erased_at is null and p.merged_into is null
            and ${norm(sql.ref('p.name'))} = k.norm
          order by p.id limit 1) end) as existing_id
      from k
    ),
    -- Repeats inside the batch are one person (the first line); the sort also puts the rows in home-unit order, in
    -- which the foreign key checks and the home-unit index then walk the units page by page.
    fresh as (
      select distinct on (unit_id, phone_hash, norm) * from m where existing_id is null order by unit_id, phone_hash, norm, line
    ),
    ins as (
      insert into people (name, phone_enc, phone_hash, pii_key_id, home_unit_id, whatsapp, age_band, languages, tags, notes_enc, search_key, source, created_by)
      select name, phone_enc, phone_hash, case when phone_enc is not null or notes_enc is not null then ${ctx.keyId}::smallint end, unit_id, whatsapp,
             age_band, string_to_array(languages, chr(31)), string_to_array(tags, chr(31)), notes_enc, search_key, 'import', ${ctx.actorId}::int
      from fresh
      returning id, phone_hash, home_unit_id, name
    )
    ${consents}`.execute(trx);
  return rows[0]!;
}

/**
 * Merges the names an import left in the trigram index's pending list, so searches need not read the list. It needs
 * to own the index; a database user that does not leaves it to autovacuum.
 */
export async function cleanSearchIndex(db: Kysely<Schema>) {
  await sql`select gin_clean_pending_list('people_unit_search'::regclass)`.execute(db).catch(() => {});
}
