import { sql } from 'kysely';
import type { Database } from '../src/server/platform/db/index.ts';
import { assignPosition, findUnit, loadTurf, moveUnit, unitsInTurf } from '../src/server/features/org/index.ts';
import { buildNation, onFreshDatabases } from './fresh-database.ts';
import { emit, percentile, timeRuns } from './report.ts';
import { measureCoverage, measureSearch } from './search-coverage.ts';

/**
 * The organisation tree at national scale (≈ 12.8 lakh units, 10.5 lakh booths): load rate, booth count under a
 * state and a district, a turf check of 1,000 objects, unit search, coverage (bulk and single appointments, reads),
 * a district move. `BENCH_PGLITE=0` skips the embedded database (it takes many minutes at this scale).
 */
export async function run() {
  await onFreshDatabases(measure);
}

async function measure(database: Database) {
  const { db, kind } = database;
  const fig = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
    emit({ bench: 'tree', metric, value, unit, db: kind, ...extra });
  const built = await buildNation(database, 'tree');
  fig('nation_load_rate', built.units / built.seconds, 'units/s');
  await sql`analyze units`.execute(db);

  const ids = async (level: string) => (await db.selectFrom('units').select('id').where('level', '=', level).execute()).map((r) => r.id);
  const states = await ids('state');
  const districts = await ids('district');
  for (const [label, pool] of [
    ['state', states],
    ['district', districts],
  ] as const) {
    const runs = await timeRuns(1000, (i) => findUnit(db, pool[(i * 7919) % pool.length]!));
    fig(`booth_count_${label}_p50`, percentile(runs, 50), 'ms');
    fig(`booth_count_${label}_p99`, percentile(runs, 99), 'ms');
  }

  // A district convener's turf, checked against 1,000 units from all over the country.
  const district = districts[Math.floor(districts.length / 2)]!;
  const person = await db.insertInto('people').values({ name: 'Bench Convener' }).returning('id').executeTakeFirstOrThrow();
  await assignPosition(db, { personId: person.id, unitId: district, role: 'convener', department: 'it' });
  const turf = await loadTurf(db, person.id);
  const max = (
    await db
      .selectFrom('units')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow()
  ).m;
  const inside = (
    await db
      .selectFrom('units')
      .select('id')
      .where(sql<boolean>`path <@ ${turf.roots[0]!}::ltree`)
      .limit(300)
      .execute()
  ).map((r) => r.id);
  const sample = (seed: number) => [...inside, ...Array.from({ length: 1000 - inside.length }, (_, k) => 1 + (((seed * 1000 + k) * 104_729) % max))];
  const turfRuns = await timeRuns(200, (i) => unitsInTurf(db, turf, sample(i)));
  fig('turf_check_1000_p50', percentile(turfRuns, 50), 'ms');
  fig('turf_check_1000_p99', percentile(turfRuns, 99), 'ms');

  const leader = await db.insertInto('people').values({ name: 'Bench National Convener' }).returning('id').executeTakeFirstOrThrow();
  await assignPosition(db, { personId: leader.id, unitId: (await ids('national'))[0]!, role: 'convener', department: 'it' });
  const actor = { personId: leader.id, sessionId: 'bench', turf: await loadTurf(db, leader.id) };
  const stateLeader = await db.insertInto('people').values({ name: 'Bench State Convener' }).returning('id').executeTakeFirstOrThrow();
  const up = await db.selectFrom('units').select('id').where('code', '=', 'UP').executeTakeFirstOrThrow();
  await assignPosition(db, { personId: stateLeader.id, unitId: up.id, role: 'convener', department: 'it' });
  const state = { personId: stateLeader.id, sessionId: 'bench', turf: await loadTurf(db, stateLeader.id) };
  await measureSearch(db, fig, { nation: actor, state, district: { personId: person.id, sessionId: 'bench', turf } });
  // Before the move below, so that it carries coverage counters too.
  await measureCoverage(db, fig, actor);

  // Move the largest district of one region to another region of the same state, and back.
  const [fromDistrict] = await sql<{ id: number; parent_id: number; state_id: number; n: number }>`
    select d.id, d.parent_id, d.state_id, s.booths as n from units d join unit_stats s on s.unit_id = d.id
    where d.level = 'district' and d.state_id = (select id from units where code = 'UP') order by s.booths desc limit 1`
    .execute(db)
    .then((r) => r.rows);
  const otherRegion = await db
    .selectFrom('units')
    .select('id')
    .where('level', '=', 'region')
    .where('state_id', '=', fromDistrict!.state_id)
    .where('id', '<>', fromDistrict!.parent_id)
    .executeTakeFirstOrThrow();
  const t0 = performance.now();
  const moved = await moveUnit({ db }, actor, fromDistrict!.id, { newParentId: otherRegion.id }, '127.0.0.1');
  const covered = await db
    .selectFrom('unit_coverage')
    .select('covered')
    .where('unit_id', '=', fromDistrict!.id)
    .where('department', '=', '*')
    .executeTakeFirst();
  fig('district_move', performance.now() - t0, 'ms', { unitsMoved: moved.movedUnits, booths: fromDistrict!.n, coveredBooths: covered?.covered ?? 0 });
  await moveUnit({ db }, actor, fromDistrict!.id, { newParentId: fromDistrict!.parent_id }, '127.0.0.1');
}
