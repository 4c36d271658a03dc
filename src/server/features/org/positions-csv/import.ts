import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { CsvError, RejectsReport, openCsvWithHeader, type OpenedCsv } from '../../../platform/csv/index.ts';
import { isUniqueViolation, type Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { recordAudit } from '../../audit/index.ts';
import { personByPhoneAndName, writeAppointment } from '../positions.service.ts';
import { within } from '../turf.ts';
import { POSITION_REJECTS_FORMAT, PositionsCsvError, type PositionReject } from './format.ts';
import { isBlankRecord, readPositionsHeader, validatePositionRow, type PositionColumns, type PositionRow } from './validate.ts';

/** Where rows may appoint: the web upload's unit subtree, by its uploader's rights. The CLI has no scope. */
export interface PositionsImportScope {
  unitId: number;
  /** ltree path of the unit the file was uploaded to. */
  path: string;
  actor: Actor;
}

export interface PositionsImportOptions {
  /** Where to write every refused row (line,code,reason). Default: none. */
  report?: string | null;
  ip?: string | null;
  scope?: PositionsImportScope;
  /** Called after every chunk of rows. */
  onProgress?: (p: { rows: number; bytes: number; totalBytes: number | null }) => void;
}

export interface PositionsImportResult {
  /** Data rows read (blank lines are not rows). */
  rows: number;
  /** Positions written. */
  appointed: number;
  /** Rows whose person already held that position (in the database, or on an earlier line): nothing written. */
  existing: number;
  /** People added because no one with that phone and name was there. */
  peopleAdded: number;
  rejected: number;
  /** The first refused rows (all of them are in the report). */
  rejects: PositionReject[];
  report: string | null;
  seconds: number;
}

export const KEEP_POSITION_REJECTS = 1_000;

/** A positions CSV whose header has been read: the rest of its records, and how far into the bytes it is. */
export type OpenedPositionsCsv = OpenedCsv<PositionColumns>;

const asFileError = (error: unknown) => (error instanceof CsvError && !(error instanceof PositionsCsvError) ? new PositionsCsvError(error.message) : error);

/** Opens a positions CSV and reads its header, so a file that is not one is refused before anything is written. */
export const openPositionsCsv = (input: string | Readable): Promise<OpenedPositionsCsv> =>
  openCsvWithHeader(input, readPositionsHeader, (m) => new PositionsCsvError(m));

/** What a chunk's rows are checked against: the configured roles and departments, and the units it names. */
interface Lookups {
  roles: ReadonlySet<string>;
  departments: ReadonlySet<string>;
  units: Map<string, { id: number; path: string; archived: boolean }>;
}

/**
 * Appoints office-bearers from a CSV (docs/POSITIONS_CSV.md), streamed: each row is accepted or refused on its own,
 * by the rules of appointing one by one (positions.service.ts). With a scope (the web upload) a row's unit must be in
 * the uploaded unit's subtree and the uploader's turf (else it is not found, as outside the turf anywhere) and the
 * uploader must hold positions.manage strictly above it (not_allowed). The person is found by phone and name or added
 * at the unit. A person who already holds the position counts as existing, so importing a file again appoints no one.
 * Each appointment is its own transaction with its own `position.create` audit row (as one by one); the import adds
 * one `positions.import` row with the counts. Throws PositionsCsvError, having written nothing, for a file that is
 * not a positions CSV.
 */
export async function importPositions(
  db: Kysely<Schema>,
  cipher: PiiCipher,
  input: string | Readable | OpenedPositionsCsv,
  options: PositionsImportOptions = {},
): Promise<PositionsImportResult> {
  const started = performance.now();
  const opened = typeof input === 'string' || !('columns' in input) ? await openPositionsCsv(input) : input;
  const report = options.report ? new RejectsReport(options.report, POSITION_REJECTS_FORMAT) : null;
  const [roles, departments] = await Promise.all([db.selectFrom('roles').select('code').execute(), db.selectFrom('departments').select('code').execute()]);
  const lookups: Lookups = { roles: new Set(roles.map((r) => r.code)), departments: new Set(departments.map((d) => d.code)), units: new Map() };
  const result: PositionsImportResult = { rows: 0, appointed: 0, existing: 0, peopleAdded: 0, rejected: 0, rejects: [], report: null, seconds: 0 };
  const refuse = async (rejects: PositionReject[]) => {
    result.rejected += rejects.length;
    if (result.rejects.length < KEEP_POSITION_REJECTS) result.rejects.push(...rejects.slice(0, KEEP_POSITION_REJECTS - result.rejects.length));
    await report?.add(rejects);
  };
  try {
    for await (const records of opened.records) {
      const rows: PositionRow[] = [];
      const rejects: PositionReject[] = [];
      for (const record of records) {
        if (isBlankRecord(record)) continue;
        result.rows++;
        const row = validatePositionRow(record, opened.columns);
        if ('code' in row) rejects.push(row);
        else rows.push(row);
      }
      await findUnits(db, lookups, rows);
      for (const row of rows) {
        const outcome = await appointRow(db, cipher, lookups, row, options);
        if (typeof outcome === 'object') rejects.push(outcome);
        else if (outcome === 'existing') result.existing++;
        else {
          result.appointed++;
          if (outcome === 'added') result.peopleAdded++;
        }
      }
      await refuse(rejects.sort((a, b) => a.line - b.line));
      options.onProgress?.({ rows: result.rows, bytes: opened.bytes(), totalBytes: opened.totalBytes });
    }
  } catch (error) {
    // What was appointed before the failure stays (each row committed on its own), and the audit row says how much.
    await Promise.allSettled([report?.close(), audit(db, options, result, 'failed')]);
    throw asFileError(error);
  }
  await Promise.all([report?.close(), audit(db, options, result, 'ok')]);
  return { ...result, report: report ? options.report! : null, seconds: (performance.now() - started) / 1000 };
}

/** The units a chunk names that are not known yet, in one query. */
async function findUnits(db: Kysely<Schema>, lookups: Lookups, rows: readonly PositionRow[]) {
  const missing = [...new Set(rows.map((r) => r.unitCode))].filter((c) => !lookups.units.has(c));
  if (missing.length === 0) return;
  const found = await db.selectFrom('units').select(['id', 'code', 'path', 'archived_at']).where('code', 'in', missing).execute();
  for (const u of found) lookups.units.set(u.code!, { id: u.id, path: u.path, archived: u.archived_at !== null });
}

const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');

/** One row's checks and, when they pass, its appointment: 'appointed', 'added' (a new person too), 'existing', or a reject. */
async function appointRow(
  db: Kysely<Schema>,
  cipher: PiiCipher,
  lookups: Lookups,
  row: PositionRow,
  options: PositionsImportOptions,
): Promise<'appointed' | 'added' | 'existing' | PositionReject> {
  const reject = (code: PositionReject['code'], reason: string): PositionReject => ({ line: row.line, code, reason });
  const unit = lookups.units.get(row.unitCode);
  const scope = options.scope;
  // Outside the uploaded unit or the turf reads exactly as a code nobody has: the file must not tell what exists there.
  if (!unit || (scope && !(within(unit.path, scope.path) && scope.actor.turf.covers(unit.path))))
    return reject('unknown_unit', `no unit has the code ${row.unitCode}${scope ? ' under the unit this file was uploaded to' : ''}`);
  if (unit.archived) return reject('unit_archived', `unit ${row.unitCode} is archived`);
  // As one by one (org/manage.ts requireAbove): people appoint below their positions, not at their own unit.
  const parent = parentOf(unit.path);
  if (scope && (!parent || !scope.actor.turf.can('positions.manage', parent)))
    return reject('not_allowed', `your positions do not allow appointing people at ${row.unitCode}`);
  if (!lookups.roles.has(row.role)) return reject('unknown_role', `no role ${row.role}`);
  if (row.department !== null && !lookups.departments.has(row.department)) return reject('unknown_department', `no department ${row.department}`);
  const actorId = scope?.actor.personId ?? null;
  try {
    return await db.transaction().execute(async (trx) => {
      const person = await personByPhoneAndName(trx, cipher, { name: row.name, phone: row.phone }, unit.id, actorId);
      const bearer = await writeAppointment(trx, {
        actorId,
        ip: options.ip ?? null,
        unitId: unit.id,
        person,
        role: row.role,
        department: row.department,
        via: 'import',
      });
      if (!bearer) return 'existing';
      return person.created ? 'added' : 'appointed';
    });
  } catch (error) {
    // The same appointment made at the same moment by someone else: it is there, as this row wants.
    if (isUniqueViolation(error, 'positions_live')) return 'existing';
    // By its SQLSTATE only: a database's message may quote the row's values (PGlite's carry the parameters).
    return reject('db_error', `the database refused the row (SQLSTATE ${(error as { code?: string }).code ?? 'unknown'})`);
  }
}

/** One audit row per import: counts only (never names, numbers or the file's name). */
async function audit(db: Kysely<Schema>, options: PositionsImportOptions, r: PositionsImportResult, outcome: 'ok' | 'failed') {
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      actorId: options.scope?.actor.personId ?? null,
      action: 'positions.import',
      outcome,
      ...(options.scope ? { targetType: 'unit', targetId: options.scope.unitId } : {}),
      ip: options.ip ?? null,
      details: { rows: r.rows, appointed: r.appointed, existing: r.existing, peopleAdded: r.peopleAdded, rejected: r.rejected },
    }),
  );
}
