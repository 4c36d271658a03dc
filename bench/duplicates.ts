import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createPiiCipher } from '../src/server/platform/crypto.ts';
import { migrate, openDatabase, type Database, type Schema } from '../src/server/platform/db/index.ts';
import { applyOrgConfig, buildDemoTree, defaultOrgConfig, PositionTurf } from '../src/server/features/org/index.ts';
import { importPeople, listDuplicates, pairDuePeople } from '../src/server/features/people/index.ts';
import { FAMILY, GIVEN, rng } from './people-data.ts';
import { emit, percentile, timeRuns } from './report.ts';

/**
 * The duplicate finder at an assembly full of door-to-door records (the attack: 1.2 s a booth, 12.8 s a shakti
 * kendra, over 170 s an assembly, comparing every name with every other at read time). On the small demo tree, the
 * biggest assembly gets BENCH_DUP_PER_BOOTH people at each booth (400 on PostgreSQL, 100 on PGlite; namesakes are
 * common, 10% share a household phone, 2% are written twice), imported through `importPeople` in two halves:
 * the first with the "due for comparing" trigger off (the import as it was), the second with it on, so the
 * trigger's cost is a ratio in the same run. Then: comparing every due person (people/s), the read at every level
 * from the booth to the nation (p50 of 5 runs, through `listDuplicates`), and the old read-time query at the
 * booth, the shakti kendra and the mandal (and the assembly on PostgreSQL; BENCH_DUP_OLD_ASSEMBLY=0 skips it) as
 * the baseline, with the ratio.
 */
export async function run() {
  if (process.env.BENCH_PGLITE !== '0') {
    const dir = mkdtempSync(join(tmpdir(), 'setu-bench-dup-'));
    try {
      const database = await openDatabase({ dataDir: dir });
      await measure(database, dir, Number(process.env.BENCH_DUP_PER_BOOTH ?? 100), false);
      await database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'setu-bench-dup-'));
    const name = 'setu_bench_duplicates';
    const admin = await openDatabase({ url: process.env.DATABASE_URL, dataDir: 'unused', poolSize: 1 });
    try {
      await sql.raw(`drop database if exists ${name}`).execute(admin.db);
      await sql.raw(`create database ${name}`).execute(admin.db);
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      const database = await openDatabase({ url: url.toString(), dataDir: 'unused', poolSize: 4 });
      await measure(database, dir, Number(process.env.BENCH_DUP_PER_BOOTH ?? 400), process.env.BENCH_DUP_OLD_ASSEMBLY !== '0');
      await database.close();
      // BENCH_DUP_KEEP=1 keeps the database to look into (EXPLAIN) afterwards.
      if (process.env.BENCH_DUP_KEEP !== '1') await sql.raw(`drop database if exists ${name}`).execute(admin.db);
    } finally {
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const SECRET = Buffer.alloc(32, 9).toString('base64');
const HEADER = 'name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent\n';

async function measure(database: Database, dir: string, perBooth: number, oldAtAssembly: boolean) {
  const { db, kind } = database;
  await migrate(database);
  await applyOrgConfig(db, defaultOrgConfig);
  await buildDemoTree(db, 'small');
  const assembly = (
    await sql<{ id: number; path: string; booths: number }>`
      select a.id, a.path::text as path, count(*)::int as booths from units a join units b on b.path <@ a.path and b.level = 'booth'
      where a.level = 'assembly' group by a.id order by booths desc, a.id limit 1`.execute(db)
  ).rows[0]!;
  const booths = (await sql<{ code: string }>`select code from units where path <@ ${assembly.path}::ltree and level = 'booth' order by id`.execute(db)).rows;
  const fig = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
    emit({ bench: 'duplicates', metric, value, unit, db: kind, booths: booths.length, perBooth, ...extra });

  // Two files, alternate people of every booth in each, so both halves meet the same booths.
  const files = writeHalves(dir, booths, perBooth);
  const cipher = createPiiCipher(SECRET);
  const evidence = 'Bench: generated forms';
  await sql`alter table people disable trigger people_duplicates_due_new`.execute(db);
  const off = await importPeople(db, cipher, files[0], { evidence });
  await sql`alter table people enable trigger people_duplicates_due_new`.execute(db);
  const on = await importPeople(db, cipher, files[1], { evidence });
  const offRate = off.rows / off.seconds;
  const onRate = on.rows / on.seconds;
  fig('import_rows_per_s_without_due_trigger', offRate, 'rows/s', { rows: off.rows, inserted: off.inserted });
  fig('import_rows_per_s_with_due_trigger', onRate, 'rows/s', { rows: on.rows, inserted: on.inserted });
  fig('import_with_trigger_ratio', onRate / offRate, 'x');
  await triggerCost(db, fig);

  // Everyone in line (the first half skipped it), then compared, as the background turns do.
  await sql`insert into person_duplicates_due (person_id) select id from people where search_key is not null on conflict do nothing`.execute(db);
  await sql`analyze`.execute(db);
  const due = (await sql<{ n: number }>`select count(*)::int as n from person_duplicates_due`.execute(db)).rows[0]!.n;
  const t0 = performance.now();
  await pairDuePeople(db, Number.POSITIVE_INFINITY);
  const pairSeconds = (performance.now() - t0) / 1000;
  const pairs = (await sql<{ n: number }>`select count(*)::int as n from person_duplicates`.execute(db)).rows[0]!.n;
  fig('pairing_people_per_s', due / pairSeconds, 'people/s', { people: due, seconds: Math.round(pairSeconds * 10) / 10, pairs });
  await sql`analyze`.execute(db);

  // The read at each level, as the routes call it.
  const chain = await levelsAbove(db, assembly.path);
  const national = chain.find((u) => u.level === 'national')!;
  const turf = new PositionTurf([
    { positionId: 0, unitId: national.id, path: national.path, role: 'convener', rank: 1, department: 'it', permissions: ['people.manage'] },
  ]);
  const actor = { personId: 0, sessionId: 'bench', turf };
  const deps = { db, cipher };
  for (const unit of chain) {
    const runs = await timeRuns(5, () => listDuplicates(deps, actor, unit.id));
    const page = await listDuplicates(deps, actor, unit.id);
    fig(`read_${unit.level}_p50`, percentile(runs, 50), 'ms', { items: page.items.length, pending: page.pending });
    const oldLevels = ['booth', 'shakti_kendra', 'mandal', ...(oldAtAssembly ? ['assembly'] : [])];
    if (oldLevels.includes(unit.level)) {
      const t1 = performance.now();
      await oldQuery(db, unit.path);
      const oldMs = performance.now() - t1;
      fig(`old_read_${unit.level}`, oldMs, 'ms');
      fig(`read_${unit.level}_speedup`, oldMs / percentile(runs, 50), 'x');
    }
  }
}

/**
 * The trigger's own cost, without the import's noise or the table's growth between the halves: the same 20,000 rows
 * (copies of imported people) inserted in one statement with the trigger off and on, alternating three times, rolled
 * back each time. Reports the best of each.
 */
async function triggerCost(db: Kysely<Schema>, fig: (metric: string, value: number, unit: string, extra?: Record<string, unknown>) => void) {
  const rows = 20_000;
  const best = { off: Infinity, on: Infinity };
  for (let round = 0; round < 3; round++) {
    for (const mode of ['off', 'on'] as const) {
      const rolledBack = new Error('rolled back on purpose');
      await db
        .transaction()
        .execute(async (trx) => {
          if (mode === 'off') await sql`alter table people disable trigger people_duplicates_due_new`.execute(trx);
          const t0 = performance.now();
          await sql`insert into people (name, phone_enc, phone_hash, pii_key_id, home_unit_id, whatsapp, languages, tags, search_key, source)
            select name || ' ', phone_enc, phone_hash, pii_key_id, home_unit_id, whatsapp, languages, tags, search_key, 'import'
            from people where source = 'import' order by id limit ${rows}`.execute(trx);
          best[mode] = Math.min(best[mode], performance.now() - t0);
          throw rolledBack;
        })
        .catch((e: unknown) => {
          if (e !== rolledBack) throw e;
        });
    }
  }
  fig('insert_us_per_row_without_due_trigger', (best.off * 1000) / rows, 'µs', { rows });
  fig('insert_us_per_row_with_due_trigger', (best.on * 1000) / rows, 'µs', { rows });
  fig('insert_with_trigger_ratio', best.off / best.on, 'x');
}

function writeHalves(dir: string, booths: { code: string }[], perBooth: number): [string, string] {
  const random = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const halves: [string[], string[]] = [[HEADER], [HEADER]];
  let n = 0;
  for (const { code } of booths) {
    const written: string[] = [];
    const phones: string[] = [];
    for (let i = 0; i < perBooth; i++) {
      let line: string;
      if (written.length && random() < 0.02) {
        // The same person again, spelt a little differently.
        const [name, ...rest] = pick(written).split(',');
        line = [name!.replace(/a(?=[^a]*$)/, 'aa'), ...rest].join(',');
      } else {
        const script = random() < 0.6 ? 0 : 1;
        const phone =
          phones.length && random() < 0.1 ? pick(phones) : String(6 + Math.floor(random() * 4)) + String(Math.floor(random() * 1e9)).padStart(9, '0');
        phones.push(phone);
        line = `${pick(GIVEN)[script]} ${pick(FAMILY)[script]},${phone},${code},yes,,hi,,,\n`;
      }
      written.push(line);
      halves[n++ % 2]!.push(line);
    }
  }
  const files: [string, string] = [join(dir, 'a.csv'), join(dir, 'b.csv')];
  files.forEach((f, i) => writeFileSync(f, halves[i]!.join('')));
  return files;
}

/** The assembly's first booth, shakti kendra and mandal, the assembly, and its ancestors to the nation. */
async function levelsAbove(db: Kysely<Schema>, assemblyPath: string) {
  const { rows } = await sql<{ id: number; level: string; path: string }>`
    (select id, level, path::text as path from units where path @> ${assemblyPath}::ltree)
    union all
    (select distinct on (level) id, level, path::text from units
      where path <@ ${assemblyPath}::ltree and level in ('booth', 'shakti_kendra', 'mandal') order by level, id)`.execute(db);
  return rows.sort((a, b) => b.path.split('.').length - a.path.split('.').length);
}

/** The read-time comparison this replaces (every name with every other in the subtree), for the baseline. */
async function oldQuery(db: Kysely<Schema>, path: string) {
  await sql`
    with scope as materialized (
      select p.id, p.home_unit_id, p.phone_hash, p.search_key
      from people p join units u on u.id = p.home_unit_id
      where u.path <@ ${path}::ltree and p.erased_at is null and p.merged_into is null and p.search_key is not null
    ), pairs as (
      select a.id as a, b.id as b, similarity(a.search_key, b.search_key) as score
      from scope a join scope b on b.phone_hash = a.phone_hash and b.id > a.id
      where similarity(a.search_key, b.search_key) >= 0.5
      union all
      select a.id, b.id, similarity(a.search_key, b.search_key)
      from scope a join scope b on b.home_unit_id = a.home_unit_id and b.id > a.id
      where similarity(a.search_key, b.search_key) >= 0.6
        and not (a.phone_hash is not null and a.phone_hash = b.phone_hash and similarity(a.search_key, b.search_key) >= 0.5)
    )
    select a, b from pairs order by score desc, a, b limit 100`.execute(db);
}
