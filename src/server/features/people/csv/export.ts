import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { csvLine } from '../../../platform/csv/index.ts';
import type { Schema } from '../../../platform/db/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { LIST_SEPARATOR, PEOPLE_CSV_COLUMNS } from './format.ts';

export interface PeopleExportOptions {
  /** Only people whose home unit is this unit or below it. Default: everyone. */
  root?: { id: number; path: string };
  /** Starts the file with a UTF-8 byte-order mark, which Excel needs to show Hindi. */
  bom?: boolean;
  /** People per query. */
  pageSize?: number;
  /** Who takes the data out (null: an operator at the CLI), for the audit row written before the first line. */
  actorId: number | null;
  /**
   * Where the person taking the data out holds `people.export` (unit paths and role ranks): people who hold a position
   * that this does not outrank (strictly above, or at the unit with a higher role) are left out, and so is the person
   * themselves: nobody takes out the numbers of those at or above their own rank. Absent for the operator at the CLI.
   */
  grants?: readonly { path: string; rank: number }[];
  ip?: string | null;
  onProgress?: (rows: number) => void;
}

export interface PeopleExportResult {
  /** People written. */
  rows: number;
  /** People left out because they have no home unit, or it has no code: a row could not name it. */
  skippedNoUnit: number;
  seconds: number;
}

interface Row {
  id: number;
  name: string;
  phone_enc: Uint8Array | null;
  unit_code: string | null;
  whatsapp: boolean;
  age_band: string | null;
  languages: string[];
  tags: string[];
  notes_enc: Uint8Array | null;
  consent: string | null;
}

const scopeOf = ({ root, grants, actorId }: PeopleExportOptions) =>
  sql`p.erased_at is null and p.merged_into is null and ${root ? sql`u.path <@ ${root.path}::ltree` : sql`true`} and ${grants ? outranked(grants, actorId) : sql`true`}`;

/** SQL: the person `p` holds no live position that the grants fail to outrank, and is not the exporter. */
const outranked = (grants: NonNullable<PeopleExportOptions['grants']>, actorId: number | null) => sql`p.id <> ${actorId ?? 0} and not exists (
    select 1 from positions x join units xu on xu.id = x.unit_id join roles r on r.code = x.role
    where x.person_id = p.id and x.ended_at is null and not exists (
      select 1 from unnest(${grants.map((g) => g.path)}::text[], ${grants.map((g) => g.rank)}::int[]) as a(path, rank)
      where (xu.path <@ a.path::ltree and xu.path <> a.path::ltree) or (xu.path = a.path::ltree and a.rank < r.rank)))`;

/**
 * Writes people in the import format (docs/PEOPLE_CSV.md) with whole phone numbers and notes. This takes people out
 * of Setu, so it is audited, with the count, before the first line is written. Erased and merged records are left
 * out; consent is the purposes with live consent. Pages are keyed on the person id.
 */
export async function exportPeople(db: Kysely<Schema>, cipher: PiiCipher, out: Writable, options: PeopleExportOptions): Promise<PeopleExportResult> {
  await auditExport(db, options);
  return writePeopleCsv(db, cipher, out, options);
}

/** The audit row of an export: who, which unit, how many people (counted now). Returns the count. */
export async function auditExport(db: Kysely<Schema>, options: PeopleExportOptions): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(u.code)::int as n from people p left join units u on u.id = p.home_unit_id where ${scopeOf(options)}`.execute(db);
  const count = rows[0]!.n;
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      actorId: options.actorId,
      action: 'people.export',
      ...(options.root ? { targetType: 'unit', targetId: options.root.id } : {}),
      ip: options.ip ?? null,
      details: { count },
    }),
  );
  return count;
}

/** The CSV itself; callers audit first (auditExport). */
export async function writePeopleCsv(db: Kysely<Schema>, cipher: PiiCipher, out: Writable, options: PeopleExportOptions): Promise<PeopleExportResult> {
  const started = performance.now();
  const pageSize = options.pageSize ?? 5_000;
  const result: PeopleExportResult = { rows: 0, skippedNoUnit: 0, seconds: 0 };
  // A reader that goes away (a closed download) ends the export quietly instead of leaving it waiting for 'drain'.
  const write = async (text: string) => {
    if (out.destroyed || out.write(text) || out.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
    });
  };
  await write((options.bom ? '\uFEFF' : '') + csvLine(PEOPLE_CSV_COLUMNS));
  let after = 0;
  for (;;) {
    const { rows }: { rows: Row[] } = await sql<Row>`
      select p.id, p.name, p.phone_enc, u.code as unit_code, p.whatsapp, p.age_band, p.languages, p.tags, p.notes_enc,
        (select string_agg(c.purpose, ';' order by c.purpose) from consents c where c.person_id = p.id and c.withdrawn_at is null) as consent
      from people p left join units u on u.id = p.home_unit_id
      where ${scopeOf(options)} and p.id > ${after}
      order by p.id
      limit ${pageSize}`.execute(db);
    if (rows.length === 0) break;
    let text = '';
    for (const r of rows) {
      if (r.unit_code === null) {
        result.skippedNoUnit++;
        continue;
      }
      text += csvLine([
        r.name,
        r.phone_enc ? cipher.decrypt(r.phone_enc) : '',
        r.unit_code,
        r.whatsapp ? 'yes' : 'no',
        r.age_band ?? '',
        r.languages.join(LIST_SEPARATOR),
        r.tags.join(LIST_SEPARATOR),
        r.notes_enc ? cipher.decrypt(r.notes_enc) : '',
        r.consent ?? '',
      ]);
      result.rows++;
    }
    await write(text);
    options.onProgress?.(result.rows);
    after = rows.at(-1)!.id;
    if (rows.length < pageSize || out.destroyed) break;
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
