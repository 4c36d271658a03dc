import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { CsvError, RejectsReport, openCsvWithHeader, type OpenedCsv } from '../../../platform/csv/index.ts';
import type { Schema } from '../../../platform/db/index.ts';
import type { Turf } from '../../../platform/http/context.ts';
import { recordAudit } from '../../audit/index.ts';
import { PeopleCsvError, REJECTS_FORMAT, type Reject } from './format.ts';
import { SearchKeys, UnitsByCode } from './lookups.ts';
import { isBlank, readHeader, validateRow, type Candidate, type ColumnIndex, type RowRules } from './validate.ts';
import { BlobColumn, literal, textElement } from './literals.ts';
import { LANES, UNIT_SEPARATOR, cleanSearchIndex, writeBatch, type BatchColumns, type WriteContext, type WriteResult } from './write.ts';
import { pathWithin } from '../../org/index.ts';

export interface PeopleImportProgress {
  rows: number;
  bytes: number;
  /** Size of the file when importing from a path; null for a stream. */
  totalBytes: number | null;
}

/** Where rows may put people: the web upload's unit subtree, inside the uploader's turf. The CLI has no scope. */
export interface ImportScope {
  unitId: number;
  /** ltree path of the unit the file was uploaded to. */
  path: string;
  turf: Turf;
}

export interface PeopleImportOptions {
  /** Where to write every refused row (line,code,reason). Default: none. */
  report?: string | null;
  /** Rows per transaction. */
  batchSize?: number;
  /** Who imports: null for the CLI. */
  actorId?: number | null;
  ip?: string | null;
  /** Where the signed consent forms are, who collected them: required for rows that carry consent. Never personal data. */
  evidence?: string | null;
  scope?: ImportScope;
  /** Called after every batch is written. */
  onProgress?: (progress: PeopleImportProgress) => void;
}

export interface PeopleImportResult {
  /** Data rows read (blank lines are not rows). */
  rows: number;
  inserted: number;
  /** Rows that found their person already there (in the database, or on an earlier line): nothing new was written. */
  existing: number;
  rejected: number;
  /** Consent records written. */
  consents: number;
  /** The first refused rows (all of them are in the report). */
  rejects: Reject[];
  /** Path of the rejects report, when one was written. */
  report: string | null;
  seconds: number;
}

export const KEEP_REJECTS = 1_000;
const DEFAULT_BATCH = 10_000;

/** A people CSV whose header has been read: the rest of its records, and how far into the bytes it is. */
export type OpenedPeopleCsv = OpenedCsv<ColumnIndex>;

/**
 * Opens a people CSV and reads its header, so that a file that is not one (no header, a missing column, UTF-16)
 * is refused before anything is written or answered. Throws PeopleCsvError.
 */
export const openPeopleCsv = (input: string | Readable): Promise<OpenedPeopleCsv> => openCsvWithHeader(input, readHeader, (m) => new PeopleCsvError(m));

/** The reader's refusals (UTF-16, a runaway quote) are this file's, told like the rest. */
const asFileError = (error: unknown) => (error instanceof CsvError && !(error instanceof PeopleCsvError) ? new PeopleCsvError(error.message) : error);

/** Rows read but not yet written: those to place, and those already refused. */
interface Batch {
  candidates: Candidate[];
  rejects: Reject[];
  /** Data rows read up to and including this batch. */
  rowsSoFar: number;
  bytes: number;
}

/** A row placed at its unit, with its search key. */
interface Placed {
  row: Candidate;
  unitId: number;
  searchKey: string;
}

/** One lane of a batch: its rows, and the statement's arrays for them. */
interface Lane {
  rows: Placed[];
  columns: BatchColumns;
}

/** A batch ready for its statements: its rows split into lanes by home unit (see LANES). */
interface Prepared {
  lanes: Lane[];
  rejects: Reject[];
  rowsSoFar: number;
  bytes: number;
}

/**
 * Imports people from a CSV (docs/PEOPLE_CSV.md): streamed, in batches, each batch one transaction and one
 * set-based statement. Each row is accepted or refused on its own; a person already there (same phone, same
 * name, same home unit) is found, not added again, so importing the same file twice adds no one the second time.
 * While one batch is being written the next is parsed, checked and encrypted. One audit row per import, counts only.
 * Throws PeopleCsvError, having written nothing, when the file is not a people CSV.
 */
export async function importPeople(
  db: Kysely<Schema>,
  cipher: PiiCipher,
  input: string | Readable | OpenedPeopleCsv,
  options: PeopleImportOptions = {},
): Promise<PeopleImportResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const evidence = options.evidence?.trim() || null;
  if (evidence && evidence.length > 500) throw new PeopleCsvError('the evidence is longer than 500 characters');
  const opened = typeof input === 'string' || !('columns' in input) ? await openPeopleCsv(input) : input;
  const report = options.report ? new RejectsReport(options.report, REJECTS_FORMAT) : null;

  const purposes = await db.selectFrom('notices').select('purpose').distinct().execute();
  const rules: RowRules = { purposes: new Set(purposes.map((p) => p.purpose)), hasEvidence: evidence !== null };
  const ctx: WriteContext = { keyId: cipher.keyId, actorId: options.actorId ?? null, evidence };
  const units = new UnitsByCode();
  const keys = new SearchKeys();
  const result: PeopleImportResult = { rows: 0, inserted: 0, existing: 0, rejected: 0, consents: 0, rejects: [], report: null, seconds: 0 };

  const settle = async (done: Written) => {
    const rejects = [...done.prepared.rejects, ...done.rejects].sort((a, b) => a.line - b.line);
    result.inserted += done.inserted;
    result.consents += done.consents;
    result.existing += done.prepared.lanes.reduce((n, l) => n + l.columns.count, 0) - done.rejects.length - done.inserted;
    result.rejected += rejects.length;
    if (result.rejects.length < KEEP_REJECTS) result.rejects.push(...rejects.slice(0, KEEP_REJECTS - result.rejects.length));
    await report?.add(rejects);
    options.onProgress?.({ rows: done.prepared.rowsSoFar, bytes: done.prepared.bytes, totalBytes: opened.totalBytes });
  };

  // One batch is written while the next is prepared: the database and the encryption work at the same time.
  let writing: Promise<Written | { error: unknown }> | null = null;
  const wait = async () => {
    if (!writing) return;
    const done = await writing;
    writing = null;
    if ('error' in done) throw done.error;
    await settle(done);
  };
  try {
    for await (const batch of batches(opened, rules, batchSize, (n) => (result.rows = n))) {
      const prepared = await prepare(db, cipher, batch, { units, keys, scope: options.scope });
      await wait();
      writing = write(db, cipher, prepared, ctx).catch((error: unknown) => ({ error }));
    }
    await wait();
    if (result.inserted > 0) await cleanSearchIndex(db);
  } catch (error) {
    // A batch still being written when reading failed is counted before the audit row says what was done.
    await wait().catch(() => {});
    await report?.close().catch(() => {});
    await audit(db, options, result, 'failed').catch(() => {});
    throw asFileError(error);
  }
  await report?.close();
  await audit(db, options, result, 'ok');
  result.report = report ? options.report! : null;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function* batches(opened: OpenedPeopleCsv, rules: RowRules, size: number, count: (rows: number) => void): AsyncGenerator<Batch> {
  let rows = 0;
  let batch: Batch = { candidates: [], rejects: [], rowsSoFar: 0, bytes: 0 };
  for await (const records of opened.records) {
    for (const record of records) {
      if (isBlank(record)) continue;
      rows++;
      const row = validateRow(record, opened.columns, rules);
      if ('code' in row) batch.rejects.push(row);
      else batch.candidates.push(row);
      if (batch.candidates.length + batch.rejects.length >= size) {
        count(rows);
        yield { ...batch, rowsSoFar: rows, bytes: opened.bytes() };
        batch = { candidates: [], rejects: [], rowsSoFar: 0, bytes: 0 };
      }
    }
  }
  count(rows);
  if (batch.candidates.length + batch.rejects.length > 0) yield { ...batch, rowsSoFar: rows, bytes: opened.bytes() };
}

/** Finds each row's unit, checks where it is, and seals the phones and notes: everything but the write. */
async function prepare(
  db: Kysely<Schema>,
  cipher: PiiCipher,
  batch: Batch,
  lookups: { units: UnitsByCode; keys: SearchKeys; scope: ImportScope | undefined },
): Promise<Prepared> {
  const rejects = batch.rejects;
  const found = await lookups.units.find(
    db,
    batch.candidates.map((c) => c.unitCode),
  );
  const scope = lookups.scope;
  const accepted: Array<{ row: Candidate; unitId: number }> = [];
  for (const row of batch.candidates) {
    const unit = found.get(row.unitCode);
    if (!unit) rejects.push({ line: row.line, code: 'unknown_unit', reason: `no unit has the code ${row.unitCode}` });
    else if (unit.archived) rejects.push({ line: row.line, code: 'unit_archived', reason: `unit ${row.unitCode} is archived` });
    else if (scope && !(pathWithin(unit.path, scope.path) && scope.turf.covers(unit.path))) {
      rejects.push({ line: row.line, code: 'unit_outside_turf', reason: `unit ${row.unitCode} is not under the unit this file was uploaded to` });
    } else accepted.push({ row, unitId: unit.id });
  }
  const searchKeys = await lookups.keys.keysFor(
    db,
    accepted.map((p) => p.row.name),
  );
  const split: Placed[][] = Array.from({ length: LANES }, () => []);
  accepted.forEach((p, i) => split[p.unitId % LANES]!.push({ ...p, searchKey: searchKeys[i]! }));
  return { lanes: split.map((rows) => ({ rows, columns: columnsOf(cipher, rows) })), rejects, rowsSoFar: batch.rowsSoFar, bytes: batch.bytes };
}

/** The statement's arrays for these rows: the phones and notes sealed here. */
function columnsOf(cipher: PiiCipher, placed: readonly Placed[]): BatchColumns {
  const n = placed.length;
  const lines = new Array<number>(n);
  const unitIds = new Array<number>(n);
  const names = new Array<string>(n);
  const whatsapp = new Array<string>(n);
  const ageBands = new Array<string>(n);
  const languages = new Array<string>(n);
  const tags = new Array<string>(n);
  const searchKeys = new Array<string>(n);
  const consent = new Array<string>(n);
  const phoneEnc = new BlobColumn();
  const phoneHash = new BlobColumn();
  const notesEnc = new BlobColumn();
  let withConsent = false;
  for (let i = 0; i < n; i++) {
    const { row, unitId, searchKey } = placed[i]!;
    lines[i] = row.line;
    unitIds[i] = unitId;
    names[i] = textElement(row.name);
    phoneEnc.push(row.phone === null ? null : cipher.encrypt(row.phone));
    phoneHash.push(row.phone === null ? null : cipher.blindIndex(row.phone));
    whatsapp[i] = row.whatsapp ? 't' : 'f';
    ageBands[i] = textElement(row.ageBand);
    languages[i] = textElement(row.languages.join(UNIT_SEPARATOR));
    tags[i] = textElement(row.tags.join(UNIT_SEPARATOR));
    notesEnc.push(row.notes === null ? null : cipher.encrypt(row.notes));
    searchKeys[i] = textElement(searchKey);
    consent[i] = textElement(row.consent.length > 0 ? row.consent.join(';') : null);
    if (row.consent.length > 0) withConsent = true;
  }
  return {
    count: n,
    lines: literal(lines),
    unitIds: literal(unitIds),
    names: literal(names),
    phoneEnc: phoneEnc.take(),
    phoneHash: phoneHash.take(),
    whatsapp: literal(whatsapp),
    ageBands: literal(ageBands),
    languages: literal(languages),
    tags: literal(tags),
    notesEnc: notesEnc.take(),
    searchKeys: literal(searchKeys),
    consent: literal(consent),
    withConsent,
  };
}

interface Written extends WriteResult {
  prepared: Prepared;
  /** Rows the database refused (found by writing the batch row by row after its statement failed). */
  rejects: Reject[];
}

/** A batch's lanes, each in its own transaction on its own connection, at the same time. */
async function write(db: Kysely<Schema>, cipher: PiiCipher, prepared: Prepared, ctx: WriteContext): Promise<Written> {
  const done = await Promise.all(prepared.lanes.map((lane, i) => writeLane(db, cipher, lane, ctx, i)));
  return {
    prepared,
    inserted: done.reduce((n, d) => n + d.inserted, 0),
    consents: done.reduce((n, d) => n + d.consents, 0),
    rejects: done.flatMap((d) => d.rejects),
  };
}

/** One lane of a batch in one transaction; if the statement fails, it is written again row by row to find the culprits. */
async function writeLane(db: Kysely<Schema>, cipher: PiiCipher, lane: Lane, ctx: WriteContext, index: number): Promise<WriteResult & { rejects: Reject[] }> {
  if (lane.columns.count === 0) return { inserted: 0, consents: 0, rejects: [] };
  try {
    const r = await db.transaction().execute((trx) => writeBatch(trx, lane.columns, ctx, index));
    return { ...r, rejects: [] };
  } catch {
    return db.transaction().execute(async (trx) => {
      const out = { inserted: 0, consents: 0, rejects: [] as Reject[] };
      for (const one of lane.rows) {
        await sql`savepoint setu_people_row`.execute(trx);
        try {
          const r = await writeBatch(trx, columnsOf(cipher, [one]), ctx, index);
          await sql`release savepoint setu_people_row`.execute(trx);
          out.inserted += r.inserted;
          out.consents += r.consents;
        } catch (error) {
          await sql`rollback to savepoint setu_people_row`.execute(trx);
          out.rejects.push({ line: one.row.line, code: 'db_error', reason: `the database refused the row: ${(error as Error).message}` });
        }
      }
      return out;
    });
  }
}

/** One audit row per import: counts only (never names, numbers or the file's name, which may be a person's). */
async function audit(db: Kysely<Schema>, options: PeopleImportOptions, r: PeopleImportResult, outcome: 'ok' | 'failed') {
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      actorId: options.actorId ?? null,
      action: 'people.import',
      outcome,
      ...(options.scope ? { targetType: 'unit', targetId: options.scope.unitId } : {}),
      ip: options.ip ?? null,
      details: {
        rows: r.rows,
        inserted: r.inserted,
        existing: r.existing,
        rejected: r.rejected,
        consents: r.consents,
        evidence: options.evidence ? true : false,
      },
    }),
  );
}
