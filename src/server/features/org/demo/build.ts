import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { boothBuildings, villageStems, villageSuffixes } from './places.ts';
import { planUpperTree, type PlannedUnit, type Scale } from './plan.ts';

/** How many units the lower levels get: about 50 booths make a mandal and 5 a shakti kendra. */
const BOOTHS_PER_MANDAL = 50;
const BOOTHS_PER_SHAKTI_KENDRA = 5;

export interface BuildReport {
  scale: Scale;
  units: number;
  booths: number;
  seconds: number;
}

const names = {
  stemEn: villageStems.map((s) => s.en),
  stemHi: villageStems.map((s) => s.hi),
  sufEn: villageSuffixes.map((s) => s.en),
  sufHi: villageSuffixes.map((s) => s.hi),
  bldEn: boothBuildings.map((s) => s.en),
  bldHi: boothBuildings.map((s) => s.hi),
};

/** SQL for a village name picked by a number, in one language: stem + suffix, as planUpperTree's villageName. */
function village(lang: 'En' | 'Hi', seed: string) {
  const n = sql.raw(seed);
  const stems = names[`stem${lang}`];
  const sufs = names[`suf${lang}`];
  return sql<string>`(${stems}::text[])[1 + ${n} % ${stems.length}] || (${sufs}::text[])[1 + (${n} / ${stems.length}) % ${sufs.length}]`;
}

/** SQL joining `demo_keys` as `k` to the village that `village(…, seed)` names: its search key in two parts. */
function villageKey(seed: string) {
  const n = sql.raw(seed);
  const stems = names.stemEn.length;
  return sql`join demo_keys k on k.n = ${n} % ${stems} + ${stems} * ((${n} / ${stems}) % ${names.sufEn.length})`;
}

/**
 * Builds the demo organisation set-based: the upper tree (≤ a few thousand rows) from a plan, then mandals,
 * shakti kendras and booths each in ONE statement over every assembly, so the nation's million booths are a
 * handful of INSERT … SELECTs. Runs in one transaction: a failed build leaves nothing behind.
 */
export async function buildDemoTree(db: Kysely<Schema>, scale: Scale): Promise<BuildReport> {
  const started = performance.now();
  const plan = planUpperTree(scale);
  await db.transaction().execute(async (trx) => {
    // Building an index once over a million rows is several times faster than growing it row by row (and btree
    // builds run in parallel). The tree is empty here (the CLI checks), so nothing else needs the indexes meanwhile.
    await sql`drop index units_path_gist, units_search_trgm, units_parent`.execute(trx);
    await sql`alter table units drop constraint units_code_key`.execute(trx);
    // Ids below the upper tree are max(id) + row number, not nextval per row (a million nextvals cost seconds);
    // the table lock keeps any other writer out until the sequence is moved past them at the end.
    await sql`lock table units in share row exclusive mode`.execute(trx);
    await sql`set local work_mem = '256MB'`.execute(trx);
    // Booth counters are computed once at the end instead of by the insert trigger for every statement, and the
    // two foreign keys are checked once at the end by one join instead of two lakh-fold row triggers per level.
    await sql`alter table units disable trigger units_stats_ins`.execute(trx);
    await sql`alter table units drop constraint units_parent_fk, drop constraint units_level_fk`.execute(trx);
    await sql`create temp table demo_quota (unit_id int primary key, booths int not null, n int not null, ac_code text not null) on commit drop`.execute(trx);
    await insertUpper(trx, plan);
    // Below the assemblies every name is one of a few thousand: their search keys are computed once each
    // (prepareSearchKeys) and written by the inserts, instead of by the row trigger a million times.
    const keys = await prepareSearchKeys(trx);
    await sql`alter table units disable trigger units_search_key, disable trigger units_search_words_ins`.execute(trx);
    // Each level names its units after a different village, picked by a different function of the id.
    await insertLevel(trx, 'assembly', 'mandal', 'id', '-M', BOOTHS_PER_SHAKTI_KENDRA);
    await insertLevel(trx, 'mandal', 'shakti_kendra', '(id * 7 + 3)', '-SK', 1);
    await insertBooths(trx, keys);
    await sql`alter table units enable trigger units_search_key, enable trigger units_search_words_ins`.execute(trx);
    await sql`select setval(pg_get_serial_sequence('units', 'id'), (select max(id) from units))`.execute(trx);
    await countBooths(trx);
    await sql`alter table units enable trigger units_stats_ins`.execute(trx);
    await sql`alter table units
      add constraint units_parent_fk foreign key (parent_id) references units (id),
      add constraint units_level_fk foreign key (level) references levels (code) on update cascade`.execute(trx);
    await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
    await sql`alter table units add constraint units_code_key unique (code)`.execute(trx);
    await sql`create index units_parent on units (parent_id)`.execute(trx);
    await sql`create index units_path_gist on units using gist (path)`.execute(trx);
    await sql`create index units_search_trgm on units using gin (search_key gin_trgm_ops)`.execute(trx);
  });
  // Statistics for the freshly loaded table, so that the first queries (the demo people, searches) plan well.
  await sql`analyze units`.execute(db);
  const counts = await db
    .selectFrom('units')
    .select((eb) => [eb.fn.countAll<number>().as('units'), eb.fn.count<number>(eb.case().when('level', '=', 'booth').then(1).end()).as('booths')])
    .executeTakeFirstOrThrow();
  return { scale, units: Number(counts.units), booths: Number(counts.booths), seconds: (performance.now() - started) / 1000 };
}

async function insertUpper(trx: Transaction<Schema>, plan: PlannedUnit[]) {
  const root = plan[0]!;
  await sql`insert into units (id, level, name_en, name_hi, code, path)
    select n.id, ${root.level}, ${root.en}, ${root.hi}, ${root.code}, n.id::text::ltree
    from (select nextval(pg_get_serial_sequence('units', 'id'))::int as id) n`.execute(trx);
  for (const level of ['state', 'region', 'district', 'assembly'] as const) {
    const rows = plan.filter((u) => u.level === level);
    if (rows.length === 0) continue;
    await sql`
      with r as (
        select * from unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.parentCode)}::text[],
                             ${rows.map((r) => r.en)}::text[], ${rows.map((r) => r.hi)}::text[]) as r(code, parent_code, en, hi)
      ), ids as (
        select nextval(pg_get_serial_sequence('units', 'id'))::int as id, r.* from r
      )
      insert into units (id, parent_id, level, name_en, name_hi, code, path, state_id)
      select ids.id, p.id, ${level}, ids.en, ids.hi, ids.code, p.path || ids.id::text::ltree,
             coalesce(p.state_id, case when nlevel(p.path) = 1 then ids.id end)
      from ids join units p on p.code = ids.parent_code`.execute(trx);
  }
  const assemblies = plan.filter((u) => u.level === 'assembly');
  await sql`insert into demo_quota (unit_id, booths, n, ac_code)
    select u.id, r.booths, greatest(1, round(r.booths::numeric / ${BOOTHS_PER_MANDAL}))::int, u.code
    from unnest(${assemblies.map((a) => a.code)}::text[], ${assemblies.map((a) => a.booths ?? 0)}::int[]) as r(code, booths)
    join units u on u.code = r.code`.execute(trx);
}

/**
 * One statement: for every unit of `parentLevel` with a quota, makes its `n` children of `level`, spreads the
 * parent's booths over them, and records each child's quota for the next level down.
 */
async function insertLevel(trx: Transaction<Schema>, parentLevel: string, level: string, nameSeed: string, codeInfix: string, boothsPerGrandchild: number) {
  const n = { en: village('En', nameSeed), hi: village('Hi', nameSeed) };
  await sql`
    with src as (
      select a.id as pid, a.path as ppath, a.state_id, a.code as pcode, q.booths, q.n, q.ac_code, g
      from demo_quota q join units a on a.id = q.unit_id
      cross join lateral generate_series(1, q.n) g
      where a.level = ${parentLevel}
    ), ids as (
      select (select max(id) from units) + (row_number() over ())::int as id, src.* from src
    ), made as (
      insert into units (id, parent_id, level, name_en, name_hi, code, path, state_id, search_key)
      select id, pid, ${level}, ${n.en}, ${n.hi}, pcode || ${codeInfix} || lpad(g::text, 2, '0'),
             ppath || id::text::ltree, state_id, ' ' || k.en || ' ' || k.hi || ' '
      from ids ${villageKey(nameSeed)}
    )
    insert into demo_quota (unit_id, booths, n, ac_code)
    select id, b, greatest(1, round(b::numeric / ${boothsPerGrandchild}))::int, ac_code
    from (select id, ac_code, booths / n + case when g <= booths % n then 1 else 0 end as b from ids) x`.execute(trx);
}

/**
 * The search words of every village name and booth building, computed once by the database's own functions, so
 * that the keys the inserts write are the ones the trigger would have written (setu_search_key: ' english hindi ').
 * A village's words go into `demo_keys` by the village's number (see villageKey), the buildings' into two arrays;
 * a booth is "building, village" in each language, and the comma keeps the two parts from changing each other's
 * words. The same words fill the search dictionary, whose trigger is off for the bulk inserts.
 */
async function prepareSearchKeys(trx: Transaction<Schema>) {
  const words = (s: string) => sql`array_to_string(setu_search_words(${sql.raw(s)}), ' ')`;
  await sql`create temp table demo_keys (n int primary key, en text not null, hi text not null) on commit drop`.execute(trx);
  await sql`
    insert into demo_keys (n, en, hi)
    select (st.i - 1) + ${names.stemEn.length} * (su.i - 1), ${words('st.en || su.en')}, ${words('st.hi || su.hi')}
    from unnest(${names.stemEn}::text[], ${names.stemHi}::text[]) with ordinality st(en, hi, i),
         unnest(${names.sufEn}::text[], ${names.sufHi}::text[]) with ordinality su(en, hi, i)`.execute(trx);
  const { rows } = await sql<{ en: string[]; hi: string[] }>`
    select array_agg(${words('b.en')} order by b.i) as en, array_agg(${words('b.hi')} order by b.i) as hi
    from unnest(${names.bldEn}::text[], ${names.bldHi}::text[]) with ordinality b(en, hi, i)`.execute(trx);
  const keys = { buildingEn: rows[0]!.en, buildingHi: rows[0]!.hi };
  await sql`
    insert into search_words (word)
    select distinct w from (select en || ' ' || hi as k from demo_keys union all select unnest(${[...keys.buildingEn, ...keys.buildingHi]}::text[])) x,
      unnest(string_to_array(k, ' ')) w
    where w <> ''
    on conflict do nothing`.execute(trx);
  return keys;
}

/**
 * unit_stats from scratch: every shakti kendra's booth quota (exactly the booths insertBooths made under it), added
 * to the kendra and each of its ancestors; two lakh quota rows instead of a pass over a million booths.
 */
async function countBooths(trx: Transaction<Schema>) {
  await sql`
    insert into unit_stats (unit_id, booths)
    select a.id, sum(q.booths)::int
    from demo_quota q join units k on k.id = q.unit_id and k.level = 'shakti_kendra',
    unnest(string_to_array(k.path::text, '.')::int[]) a(id)
    where q.booths > 0
    group by a.id`.execute(trx);
}

/** Booths under every shakti kendra, numbered like polling stations within their assembly: UP-AC033-PS0142. */
async function insertBooths(trx: Transaction<Schema>, keys: { buildingEn: string[]; buildingHi: string[] }) {
  const seed = '(id * 11 + 1)';
  const v = { en: village('En', seed), hi: village('Hi', seed) };
  const building = (list: string[]) => sql<string>`(${list}::text[])[1 + id % ${list.length}]`;
  await sql`
    with kendras as (
      -- Polling-station numbers run on through an assembly: each shakti kendra starts after the ones before it.
      select q.unit_id, q.booths, q.ac_code, sum(q.booths) over (partition by q.ac_code order by q.unit_id) - q.booths as ps_base
      from demo_quota q join units a on a.id = q.unit_id where a.level = 'shakti_kendra'
    ), src as (
      select a.id as pid, a.path as ppath, a.state_id, k.ac_code, k.ps_base + g as ps
      from kendras k join units a on a.id = k.unit_id
      cross join lateral generate_series(1, k.booths) g
    ), ids as (
      select (select max(id) from units) + (row_number() over ())::int as id, src.* from src
    )
    insert into units (id, parent_id, level, name_en, name_hi, code, path, state_id, search_key)
    select id, pid, 'booth',
           ${building(names.bldEn)} || ', ' || ${v.en},
           ${building(names.bldHi)} || ', ' || ${v.hi},
           ac_code || '-PS' || lpad(ps::text, 4, '0'),
           ppath || id::text::ltree, state_id,
           ' ' || ${building(keys.buildingEn)} || ' ' || k.en || ' ' || ${building(keys.buildingHi)} || ' ' || k.hi || ' '
    from ids ${villageKey(seed)}`.execute(trx);
}
