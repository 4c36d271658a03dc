import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { normalisePhone } from '../src/contracts/phone.ts';
import { createPiiCipher } from '../src/server/platform/crypto.ts';
import { migrate, openDatabase, type Database } from '../src/server/platform/db/index.ts';
import { applyOrgConfig, buildDemoTree, defaultOrgConfig, type Scale } from '../src/server/features/org/index.ts';
import { findLiveByPhoneAndName, importPeople } from '../src/server/features/people/index.ts';
import { generatePeopleCsv } from './people-data.ts';
import { onNationPostgres } from './nation-database.ts';
import { emit, percentile, timeRuns } from './report.ts';

/**
 * People import at nation scale: a million generated people (Latin and Devanagari names, Indian mobiles typed
 * several ways, ~10% households sharing a phone, 1% written twice, a third with consent) across the demo tree's
 * booths, imported through the same code as `setu import people`: rows/s end to end (parse, normalise, encrypt,
 * dedupe, insert), peak RSS and its growth (sampled every 50 ms; the peak in the first and second half of the rows,
 * which should match if memory is flat) and the live heap kept, the same file again (all found, none added), and
 * lookup by phone (normalise, blind index, the indexed query the app uses) p50/p99 over 1,000 people.
 *
 * PostgreSQL (DATABASE_URL): a fresh database with the nation tree (≈ 50 s to build); BENCH_KEEP_TREE=1 keeps the
 * built tree as a template database and copies it on later runs. PGlite: the same million people on the small tree
 * (5,230 booths; the nation takes the embedded engine many minutes to build), about four minutes in all;
 * BENCH_PGLITE_PEOPLE sets the count (metric names then say it, e.g. `import_rows_per_s_1lakh`), BENCH_PGLITE=0
 * skips it. BENCH_PEOPLE sets the count on PostgreSQL. Every figure names its tree (`tree`, `booths`).
 */
export async function run() {
  if (process.env.BENCH_PGLITE !== '0') await onPGlite(Number(process.env.BENCH_PGLITE_PEOPLE ?? 1_000_000));
  if (process.env.DATABASE_URL) await onPostgres(process.env.DATABASE_URL, Number(process.env.BENCH_PEOPLE ?? 1_000_000));
}

const TEMPLATE = 'setu_bench_people_tree';
const SECRET = Buffer.alloc(32, 9).toString('base64');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function onPGlite(count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'setu-bench-people-'));
  try {
    const database = await openDatabase({ dataDir: dir });
    await migrate(database);
    await applyOrgConfig(database.db, defaultOrgConfig);
    const booths = await buildTree(database, 'small');
    await measure(database, count, dir, { tree: 'small', booths });
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(url: string, count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'setu-bench-people-'));
  try {
    await onNationPostgres(
      url,
      { prefix: 'setu_bench_people', template: TEMPLATE },
      (t) => buildTree(t, 'nation').then(() => undefined),
      async (u, prebuilt) => {
        const database = await openDatabase({ url: u, dataDir: 'unused', poolSize: 4 });
        await migrate(database);
        await applyOrgConfig(database.db, defaultOrgConfig);
        if (!prebuilt) await buildTree(database, 'nation');
        const booths = (await sql<{ n: number }>`select count(*)::int as n from units where level = 'booth'`.execute(database.db)).rows[0]!.n;
        await measure(database, count, dir, { tree: 'nation', booths });
        await database.close();
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function buildTree(database: Database, scale: Scale): Promise<number> {
  const built = await buildDemoTree(database.db, scale);
  emit({ bench: 'people', metric: `tree_${scale}_build_seconds`, value: built.seconds, unit: 's', db: database.kind, booths: built.booths });
  await sql`analyze units`.execute(database.db);
  return built.booths;
}

interface Memory {
  /** RSS when the import started (after a full GC), and its peak in the first and the second half of the rows. */
  before: number;
  peakFirstHalf: number;
  peakSecondHalf: number;
  /** Live heap (after a full GC) before and after: what the import kept. */
  liveBefore: number;
  liveAfter: number;
}

/** Runs an import while sampling the resident set size every 50 ms, split by whether half the rows are done. */
async function withMemory<T>(rows: number, fn: (onProgress: (p: { rows: number }) => void) => Promise<T>): Promise<{ value: T; memory: Memory }> {
  gc();
  const liveBefore = process.memoryUsage().heapUsed;
  const before = process.memoryUsage.rss();
  const m: Memory = { before, peakFirstHalf: before, peakSecondHalf: before, liveBefore, liveAfter: 0 };
  let done = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (done < rows / 2) m.peakFirstHalf = Math.max(m.peakFirstHalf, rss);
    else m.peakSecondHalf = Math.max(m.peakSecondHalf, rss);
  };
  const timer = setInterval(sample, 50);
  try {
    const value = await fn((p) => {
      sample();
      done = p.rows;
    });
    sample();
    gc();
    m.liveAfter = process.memoryUsage().heapUsed;
    return { value, memory: m };
  } finally {
    clearInterval(timer);
  }
}

async function measure(database: Database, count: number, dir: string, tree: { tree: Scale; booths: number }) {
  const { db, kind } = database;
  const label = count === 1_000_000 ? '' : `_${count >= 100_000 ? `${count / 100_000}lakh` : `${count / 1000}k`}`;
  const fig = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
    emit({ bench: 'people', metric: metric + label, value, unit, db: kind, rows: count, ...tree, ...extra });
  const cipher = createPiiCipher(SECRET);
  const file = join(dir, 'people.csv');

  const t0 = performance.now();
  const generated = await generatePeopleCsv(db, file, count);
  fig('generate_seconds', (performance.now() - t0) / 1000, 's', {
    mb: Math.round(generated.bytes / 1e5) / 10,
    distinctNames: generated.distinctNames,
    sharedPhones: generated.sharedPhones,
    withConsent: generated.withConsent,
  });
  const sample = generated.sample;
  generated.sample = [];

  const evidence = 'Bench: generated forms';
  const MB = 2 ** 20;
  const first = await withMemory(count, (onProgress) => importPeople(db, cipher, file, { evidence, report: join(dir, 'rejects.csv'), onProgress }));
  const r = first.value;
  const m = first.memory;
  fig('import_rows_per_s', r.rows / r.seconds, 'rows/s', {
    seconds: Math.round(r.seconds * 10) / 10,
    inserted: r.inserted,
    existing: r.existing,
    rejected: r.rejected,
    consents: r.consents,
  });
  fig('import_peak_rss', Math.max(m.peakFirstHalf, m.peakSecondHalf) / MB, 'MB', { before: Math.round(m.before / MB) });
  // Flat memory: the second half of the file needs no more than the first.
  fig('import_rss_growth', (Math.max(m.peakFirstHalf, m.peakSecondHalf) - m.before) / MB, 'MB', {
    firstHalfPeak: Math.round(m.peakFirstHalf / MB),
    secondHalfPeak: Math.round(m.peakSecondHalf / MB),
  });
  fig('import_live_heap_growth', (m.liveAfter - m.liveBefore) / MB, 'MB');

  await sql`analyze people`.execute(db);
  const lookups = await timeRuns(1000, async (i) => {
    const { phone, name } = sample[i % sample.length]!;
    const found = await findLiveByPhoneAndName(db, cipher.blindIndex(normalisePhone(phone)!), name);
    if (!found) throw new Error(`bench: no person for sample ${i}`);
  });
  fig('lookup_by_phone_p50', percentile(lookups, 50), 'ms');
  fig('lookup_by_phone_p99', percentile(lookups, 99), 'ms');

  // The same file again: every row found, nobody added.
  const again = await withMemory(count, (onProgress) => importPeople(db, cipher, file, { evidence, onProgress }));
  fig('reimport_rows_per_s', again.value.rows / again.value.seconds, 'rows/s', {
    seconds: Math.round(again.value.seconds * 10) / 10,
    inserted: again.value.inserted,
    existing: again.value.existing,
  });

  await insertFloor(database, fig);
}

/**
 * The database's own floor: the cheapest way to add people, one plain INSERT … SELECT of rows already parsed,
 * normalised, sealed and given their search keys (copied from the imported ones into a temporary table first), into
 * the same table with its indexes, triggers and foreign keys, and no dedupe. The import cannot go faster than this
 * per core; with Node's share on top it says what the machine's cores can reach. Rolled back.
 */
async function insertFloor(database: Database, fig: (metric: string, value: number, unit: string, extra?: Record<string, unknown>) => void) {
  const rows = 200_000;
  const rolledBack = new Error('rolled back on purpose');
  await database.db
    .transaction()
    .execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      await sql`set local gin_pending_list_limit = '64MB'`.execute(trx);
      await sql`create temporary table floor_rows on commit drop as
      select name || ' ' as name, phone_enc, phone_hash, pii_key_id, home_unit_id, whatsapp, age_band, languages, tags, search_key
      from people where source = 'import' order by random() limit ${rows}`.execute(trx);
      const t0 = performance.now();
      await sql`insert into people (name, phone_enc, phone_hash, pii_key_id, home_unit_id, whatsapp, age_band, languages, tags, search_key, source)
      select name, phone_enc, phone_hash, pii_key_id, home_unit_id, whatsapp, age_band, languages, tags, search_key, 'import' from floor_rows`.execute(trx);
      await sql`select gin_clean_pending_list('people_unit_search'::regclass)`.execute(trx);
      const seconds = (performance.now() - t0) / 1000;
      fig('insert_floor_rows_per_s', rows / seconds, 'rows/s', { floorRows: rows, cores: availableParallelism() });
      fig('insert_floor_us_per_row', (seconds * 1e6) / rows, 'µs');
      throw rolledBack;
    })
    .catch((e: unknown) => {
      if (e !== rolledBack) throw e;
    });
}
