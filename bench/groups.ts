import { sql } from 'kysely';
import type { Database } from '../src/server/platform/db/index.ts';
import { moveUnit, PositionTurf } from '../src/server/features/org/index.ts';
import { groupCoverage } from '../src/server/features/people/groups/coverage.service.ts';
import { createGroup } from '../src/server/features/people/groups/groups.service.ts';
import { buildNation, onFreshDatabases } from './fresh-database.ts';
import { emit, percentile, timeRuns } from './report.ts';

/**
 * WhatsApp group coverage at national scale (≈ 10.5 lakh booths, 2 lakh shakti kendras): ~10% of booths and 20% of
 * kendras given groups in one INSERT … SELECT (the counters' bulk cost), the coverage of the nation and of districts
 * read through the service (counters plus the walk for the first 100 gaps), single registrations, a district move
 * carrying its groups, and the counters checked against a full recount. `BENCH_PGLITE=0` skips the embedded database.
 */
export async function run() {
  await onFreshDatabases(measure);
}

async function measure(database: Database) {
  const { db, kind } = database;
  const fig = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
    emit({ bench: 'groups', metric, value, unit, db: kind, ...extra });
  await buildNation(database, 'groups');

  // One statement: a workers' group at every tenth booth (half of them a public group too), both at every fifth kendra.
  let t0 = performance.now();
  const bulk = await sql`
    insert into whatsapp_groups (unit_id, name, purpose, member_count, last_checked_at)
    select u.id, 'Bench ' || p.purpose || ' ' || u.id, p.purpose, 10 + u.id % 200, now()
    from units u cross join (values ('workers'), ('public')) p(purpose)
    where (u.level = 'booth' and u.id % 10 = 0 and (p.purpose = 'workers' or u.id % 20 = 0))
       or (u.level = 'shakti_kendra' and u.id % 5 = 0)`.execute(db);
  fig('groups_bulk_insert', performance.now() - t0, 'ms', { groups: Number(bulk.numAffectedRows ?? 0) });
  await sql`analyze whatsapp_groups`.execute(db);

  const national = (await db.selectFrom('units').select(['id', 'path']).where('level', '=', 'national').executeTakeFirstOrThrow()) as {
    id: number;
    path: string;
  };
  const permissions = ['units.manage', 'positions.manage', 'people.manage', 'people.reveal', 'people.export'];
  const leader = await db.insertInto('people').values({ name: 'Bench National Convener' }).returning('id').executeTakeFirstOrThrow();
  const turf = new PositionTurf([{ positionId: 0, unitId: national.id, path: national.path, role: 'convener', rank: 1, department: 'it', permissions }]);
  const actor = { personId: leader.id, sessionId: 'bench', turf };

  const first = await groupCoverage({ db }, actor, national.id);
  const nationRuns = await timeRuns(200, () => groupCoverage({ db }, actor, national.id));
  fig('coverage_national_p50', percentile(nationRuns, 50), 'ms', {
    booths: first.total.booths,
    kendras: first.total.shaktiKendras,
    groups: first.total.groups,
  });
  fig('coverage_national_p99', percentile(nationRuns, 99), 'ms', { gaps: first.gaps.length, gapsTruncated: first.gapsTruncated });
  const districts = (await db.selectFrom('units').select('id').where('level', '=', 'district').execute()).map((r) => r.id);
  const districtRuns = await timeRuns(1000, (i) => groupCoverage({ db }, actor, districts[(i * 7919) % districts.length]!));
  fig('coverage_district_p50', percentile(districtRuns, 50), 'ms', { districts: districts.length });
  fig('coverage_district_p99', percentile(districtRuns, 99), 'ms');

  // Registering one group through the service: the statement trigger walks one booth's ancestors.
  const booths = (await sql<{ id: number }>`select id from units where level = 'booth' and id % 10 = 3 order by id limit 200`.execute(db)).rows.map(
    (r) => r.id,
  );
  const single = await timeRuns(booths.length, (i) =>
    createGroup({ db }, actor, booths[i]!, { name: 'Bench single', purpose: 'workers', adminIds: [] }, '127.0.0.1'),
  );
  fig('group_create_p50', percentile(single, 50), 'ms');
  fig('group_create_p99', percentile(single, 99), 'ms');

  // A district moves to another region of its state, carrying its booths' and kendras' groups, and back.
  const [from] = (
    await sql<{ id: number; parent_id: number; state_id: number }>`
      select d.id, d.parent_id, d.state_id from units d join unit_stats s on s.unit_id = d.id
      where d.level = 'district' and d.state_id = (select id from units where code = 'UP') order by s.booths desc limit 1`.execute(db)
  ).rows;
  const other = await db
    .selectFrom('units')
    .select('id')
    .where('level', '=', 'region')
    .where('state_id', '=', from!.state_id)
    .where('id', '<>', from!.parent_id)
    .executeTakeFirstOrThrow();
  t0 = performance.now();
  const moved = await moveUnit({ db }, actor, from!.id, { newParentId: other.id }, '127.0.0.1');
  fig('district_move_with_groups', performance.now() - t0, 'ms', { unitsMoved: moved.movedUnits });
  await moveUnit({ db }, actor, from!.id, { newParentId: from!.parent_id }, '127.0.0.1');

  // The counters, against a recount from scratch.
  const read = async () =>
    (
      await sql<{ d: string }>`select md5(string_agg(s::text, '|' order by unit_id)) as d from unit_group_stats s
      where (s.shakti_kendras, s.booths_workers, s.booths_public, s.booths_both, s.kendras_workers, s.kendras_public, s.kendras_both, s.groups, s.members)
        <> (0, 0, 0, 0, 0, 0, 0, 0, 0)`.execute(db)
    ).rows[0]!.d;
  const kept = await read();
  t0 = performance.now();
  await sql`select setu_group_stats_recount()`.execute(db);
  fig('counters_recount', performance.now() - t0, 'ms', { countersMatchRecount: (await read()) === kept });
}
