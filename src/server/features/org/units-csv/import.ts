import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { CsvError, RejectsReport, defaultRejectsPath, openCsvInput, readCsv } from '../../../platform/csv/index.ts';
import { REJECTS_FORMAT, UnitsCsvError, type Reject } from './format.ts';
import { newBatchState, placeNewUnits, planBatch, type BatchState, type Plan } from './plan.ts';
import { RunMemory } from './run-memory.ts';
import { isBlank, readHeader, validateRow, type Candidate, type ColumnIndex, type Levels } from './validate.ts';
import { drawIds, findByCodes, loadLevels, lockTree, writePlan } from './write.ts';

export interface ImportProgress {
  rows: number;
  bytes: number;
  /** Size of the file when importing from a path; null for a stream. */
  totalBytes: number | null;
}

export interface ImportOptions {
  /** Where to write the rejects report. Default: next to the input file, `FILE.rejects.csv`; none for a stream. `null`: none. */
  report?: string | null;
  /** The name the audit log records. Default: the input file's base name. */
  fileName?: string;
  /** Rows per transaction. */
  batchSize?: number;
  /** Who imports: null for the CLI. */
  actorId?: number | null;
  /** Called after every batch. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  /** Data rows read (blank lines are not rows). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first refused rows (all of them are in the report). */
  rejects: Reject[];
  /** Path of the rejects report, when one was written. */
  report: string | null;
  seconds: number;
}

const KEEP_REJECTS = 1_000;

/**
 * Imports units from a CSV file (docs/UNITS_CSV.md): streamed, in batches, each batch one transaction with one
 * audit row. Each row is accepted or refused on its own; rows are matched by code, so importing the same file twice
 * changes nothing the second time. Throws UnitsCsvError, having written nothing, when the file is not a units CSV.
 */
export async function importUnits(db: Kysely<Schema>, input: string | Readable, options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5_000;
  const { stream, totalBytes } = await openCsvInput(input, (message) => new UnitsCsvError(message));
  const fileName = options.fileName ?? (typeof input === 'string' ? basename(input) : 'stream');
  const reportPath = options.report === undefined ? (typeof input === 'string' ? defaultRejectsPath(input) : null) : options.report;

  const levels = await loadLevels(db);
  const run = new RunMemory();
  const result: ImportResult = { rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejects: [], report: null, seconds: 0 };
  let bytes = 0;
  let columns: ColumnIndex | undefined;
  let report: RejectsReport<Reject> | undefined;
  let candidates: Candidate[] = [];
  let early: Reject[] = [];

  const flush = async () => {
    const plan = await importBatch(db, { candidates, early, levels, run, fileName, actorId: options.actorId ?? null });
    for (const u of plan.inserts) run.accept(u.place.id);
    for (const u of plan.updates) run.accept(u.id);
    for (const id of plan.unchangedIds) run.accept(id);
    const rejects = [...early, ...plan.rejects].sort((a, b) => a.line - b.line);
    for (const r of rejects) run.reject(r.code, r.line);
    result.inserted += plan.inserts.length;
    result.updated += plan.updates.length;
    result.unchanged += plan.unchangedIds.length;
    result.rejected += rejects.length;
    if (result.rejects.length < KEEP_REJECTS) result.rejects.push(...rejects.slice(0, KEEP_REJECTS - result.rejects.length));
    await report?.add(rejects);
    candidates = [];
    early = [];
    options.onProgress?.({ rows: result.rows, bytes, totalBytes });
  };

  try {
    for await (const records of readCsv(stream, (b) => (bytes = b))) {
      for (const record of records) {
        if (!columns) {
          columns = readHeader(record);
          if (reportPath) report = new RejectsReport(reportPath, REJECTS_FORMAT);
          continue;
        }
        if (isBlank(record)) continue;
        result.rows++;
        const row = validateRow(record, columns, levels);
        if ('reason' in row) early.push(row);
        else candidates.push(row);
        if (candidates.length + early.length >= batchSize) await flush();
      }
    }
    if (!columns) readHeader(undefined);
    if (candidates.length + early.length > 0) await flush();
  } catch (error) {
    // The reader's own refusals (UTF-16, a runaway quote) are this file's, told the same way as the rest.
    throw error instanceof CsvError && !(error instanceof UnitsCsvError) ? new UnitsCsvError(error.message) : error;
  } finally {
    await report?.close();
  }
  result.report = report ? reportPath : null;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

interface BatchInput {
  candidates: Candidate[];
  /** Rows refused before any lookup; they still count as seen for duplicates and parents. */
  early: Reject[];
  levels: Levels;
  run: RunMemory;
  fileName: string;
  actorId: number | null;
}

function primedState(early: readonly Reject[]): BatchState {
  const state = newBatchState();
  for (const r of early) {
    if (r.code === '' || state.seen.has(r.code)) continue;
    state.seen.set(r.code, r.line);
    state.refused.set(r.code, r.line);
  }
  return state;
}

/** One batch in one transaction; if a set-based statement fails, the batch is retried row by row. */
async function importBatch(db: Kysely<Schema>, input: BatchInput): Promise<Plan> {
  if (input.candidates.length === 0) return { inserts: [], updates: [], unchangedIds: [], rejects: [] };
  try {
    return await db.transaction().execute(async (trx) => {
      await lockTree(trx);
      const codes = new Set<string>();
      for (const c of input.candidates) {
        codes.add(c.code);
        if (c.parentCode !== '') codes.add(c.parentCode);
      }
      const found = await findByCodes(trx, [...codes], input.levels);
      const plan = planBatch(input.candidates, found, input.run, primedState(input.early));
      placeNewUnits(plan.inserts, await drawIds(trx, plan.inserts.length));
      await writePlan(trx, plan);
      await audit(trx, input, plan);
      return plan;
    });
  } catch {
    // Something the checks did not foresee (a code taken by someone else a moment ago, a constraint): find the rows.
    return importRowByRow(db, input);
  }
}

/** Each row under its own savepoint, so only the rows the database refuses are lost; still one audit row. */
async function importRowByRow(db: Kysely<Schema>, input: BatchInput): Promise<Plan> {
  const state = primedState(input.early);
  return db.transaction().execute(async (trx) => {
    await lockTree(trx);
    const total: Plan = { inserts: [], updates: [], unchangedIds: [], rejects: [] };
    for (const row of input.candidates) {
      await sql`savepoint setu_import_row`.execute(trx);
      try {
        const found = await findByCodes(trx, row.parentCode === '' ? [row.code] : [row.code, row.parentCode], input.levels);
        const plan = planBatch([row], found, input.run, state);
        placeNewUnits(plan.inserts, await drawIds(trx, plan.inserts.length));
        await writePlan(trx, plan);
        await sql`release savepoint setu_import_row`.execute(trx);
        total.inserts.push(...plan.inserts);
        total.updates.push(...plan.updates);
        total.unchangedIds.push(...plan.unchangedIds);
        total.rejects.push(...plan.rejects);
      } catch (error) {
        await sql`rollback to savepoint setu_import_row`.execute(trx);
        state.placed.delete(row.code);
        state.refused.set(row.code, row.line);
        total.rejects.push({ line: row.line, code: row.code, reason: 'db_error', message: `the database refused the row: ${(error as Error).message}` });
      }
    }
    await audit(trx, input, total);
    return total;
  });
}

/** One audit row per batch that wrote something; a batch of unchanged rows leaves no trace. */
async function audit(trx: Transaction<Schema>, input: BatchInput, plan: Plan) {
  if (plan.inserts.length + plan.updates.length === 0) return;
  const lines = [...input.candidates, ...input.early].map((r) => r.line);
  await recordAudit(trx, {
    actorId: input.actorId,
    action: 'units.import',
    targetType: 'units',
    details: { file: input.fileName, inserted: plan.inserts.length, updated: plan.updates.length, lines: `${Math.min(...lines)}-${Math.max(...lines)}` },
  });
}
