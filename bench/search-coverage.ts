import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../src/server/platform/db/index.ts';
import { createPiiCipher } from '../src/server/platform/crypto.ts';
import type { Actor } from '../src/server/platform/http/context.ts';
import { createPosition, endPosition, searchUnits, unitCoverage } from '../src/server/features/org/index.ts';
import { percentile, timeRuns } from './report.ts';

type Fig = (metric: string, value: number, unit: string, extra?: Record<string, unknown>) => void;

/** Place names as people type them (English, misspelt, Devanagari), a common name, and words every booth has. */
const QUERIES = ['Sambhal', 'sambal', 'संभल', 'Chandausi', 'चंदौसी', 'Lucknow', 'Rampur', 'Shivnagar', 'primary school', 'vidyalay'];

/** Unit search at nation scale: from the top of the tree, from a state (Uttar Pradesh) and from one district. */
export async function measureSearch(db: Kysely<Schema>, fig: Fig, actors: { nation: Actor; state: Actor; district: Actor }) {
  for (const [scope, actor] of Object.entries(actors)) {
    const perQuery: Record<string, number> = {};
    let truncated = 0;
    const runs = await timeRuns(QUERIES.length * 10, async (i) => {
      const t0 = performance.now();
      const result = await searchUnits({ db }, actor, { q: QUERIES[i % QUERIES.length]!, limit: 20 });
      perQuery[QUERIES[i % QUERIES.length]!] = Math.max(perQuery[QUERIES[i % QUERIES.length]!] ?? 0, Math.round(performance.now() - t0));
      if (result.truncated) truncated++;
    });
    const metric = scope === 'nation' ? 'search' : `search_${scope}`;
    fig(`${metric}_p50`, percentile(runs, 50), 'ms', { scope, queries: QUERIES.length });
    fig(`${metric}_p99`, percentile(runs, 99), 'ms', { scope, slowestMsByQuery: perQuery, truncatedRuns: truncated });
  }
}

/**
 * Coverage at nation scale: conveners appointed at 60% of Uttar Pradesh's booths in one statement (the positions
 * trigger's bulk cost), then the coverage of the state and of its districts read from the counters, single
 * appointments and endings through the service, and the counters checked against a full recount.
 */
export async function measureCoverage(db: Kysely<Schema>, fig: Fig, actor: Actor) {
  const up = await db.selectFrom('units').select('id').where('code', '=', 'UP').executeTakeFirstOrThrow();
  let t0 = performance.now();
  const bulk = await sql`
    with booths as (select id from units where level = 'booth' and state_id = ${up.id} and id % 10 < 6),
    made as (insert into people (name, home_unit_id) select 'Bench Booth Convener ' || id, id from booths returning id, home_unit_id)
    insert into positions (person_id, unit_id, role, department)
    select id, home_unit_id, 'convener', case when home_unit_id % 3 = 0 then 'social_media' else 'it' end from made`.execute(db);
  fig('coverage_bulk_appoint', performance.now() - t0, 'ms', { positions: Number(bulk.numAffectedRows ?? 0) });

  const districts = (await db.selectFrom('units').select('id').where('level', '=', 'district').where('state_id', '=', up.id).execute()).map((r) => r.id);
  const state = await timeRuns(200, (i) => unitCoverage({ db }, actor, up.id, { sort: 'ratio', order: 'asc', department: i % 2 ? 'it' : undefined }));
  fig('coverage_state_p50', percentile(state, 50), 'ms', { booths: 162_069 });
  fig('coverage_state_p99', percentile(state, 99), 'ms');
  const district = await timeRuns(1000, (i) => unitCoverage({ db }, actor, districts[(i * 7919) % districts.length]!, { sort: 'name', order: 'asc' }));
  fig('coverage_district_p50', percentile(district, 50), 'ms');
  fig('coverage_district_p99', percentile(district, 99), 'ms');

  const cipher = createPiiCipher(randomBytes(32).toString('base64'));
  const booths = (
    await sql<{ id: number }>`select id from units where level = 'booth' and state_id = ${up.id} and id % 10 >= 6 order by id limit 100`.execute(db)
  ).rows.map((r) => r.id);
  const made: number[] = [];
  const appoint = await timeRuns(booths.length, async (i) => {
    const phone = `+9197${String(10_000_000 + i).slice(-8)}`;
    const bearer = await createPosition(
      { db, cipher },
      actor,
      booths[i]!,
      { role: 'convener', department: 'it', person: { name: `Bench ${i}`, phone } },
      'bench',
    );
    made.push(bearer.positionId);
  });
  fig('appoint_p50', percentile(appoint, 50), 'ms', { note: 'POST /units/{id}/positions service: person, position, coverage trigger, audit' });
  fig('appoint_p99', percentile(appoint, 99), 'ms');
  const end = await timeRuns(made.length, (i) => endPosition({ db }, actor, made[i]!, 'bench'));
  fig('end_position_p50', percentile(end, 50), 'ms');
  fig('end_position_p99', percentile(end, 99), 'ms');

  t0 = performance.now();
  const { rows } = await sql<{ n: number }>`
    with covered as (
      select distinct u.id, u.path, d.department
      from positions p join units u on u.id = p.unit_id
      cross join lateral (values ('*'), (p.department)) d(department)
      where p.role = 'convener' and p.ended_at is null and u.level = 'booth' and u.archived_at is null and d.department is not null
    ), truth as (
      -- booths strictly below each unit, as the counters hold them
      select a.id, c.department, count(*)::int as n
      from covered c, unnest(string_to_array(subpath(c.path, 0, nlevel(c.path) - 1)::text, '.')::int[]) a(id)
      where nlevel(c.path) > 1 group by 1, 2
    )
    select count(*)::int as n from truth t full join (select * from unit_coverage where covered <> 0) s on s.unit_id = t.id and s.department = t.department
    where t.n is distinct from s.covered`.execute(db);
  fig('coverage_recount', performance.now() - t0, 'ms', { mismatches: rows[0]!.n });
}
