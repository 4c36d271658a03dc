import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The advisory lock space of activity recounts. */
const CAMPAIGN_LOCK = 7_160_001;

/** Phase dates are Indian calendar days. */
export const CAMPAIGN_TIME_ZONE = 'Asia/Kolkata';

/** The Indian calendar day `offset` days from today, as YYYY-MM-DD (India keeps UTC+5:30 all year). */
export const indianDay = (offset = 0) => new Date(Date.now() + 5.5 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** The ids on a path, as a set-returning expression: a unit and every unit above it. */
const chain = (path: RawBuilder<unknown>) => sql`unnest(string_to_array(${path}::text, '.')::int[])`;

/**
 * What an activity counted under each unit, by unit id (every unit above what was counted gets it too), limited to
 * the subtree at `within`. One statement per measure, each over its own source table.
 */
function counted(within: string) {
  return sql`
    select anc.id as unit_id, sum(x.n)::bigint as n from (
      -- events of the kind held in the phase (by attendance or the organiser's record), not cancelled; held counts only
      -- once the event has started (people check in early): the same condition as heldAt in events/events.repo.ts
      select e.unit_id, count(*) as n
      from a join events e on a.measure = 'events_held' and e.held_at is not null and e.starts_at <= now() and e.cancelled_at is null
        and (a.event_kind is null or e.kind = a.event_kind)
        and (e.starts_at at time zone ${CAMPAIGN_TIME_ZONE})::date between a.starts_on and a.ends_on
      group by e.unit_id
      union all
      -- people added to the registry in the phase, at a home unit
      select p.home_unit_id, count(*)
      from a join people p on a.measure = 'people_enrolled' and p.home_unit_id is not null and p.erased_at is null and p.merged_into is null
        and (p.created_at at time zone ${CAMPAIGN_TIME_ZONE})::date between a.starts_on and a.ends_on
      group by p.home_unit_id
      union all
      -- each target unit that did the directive
      select du.unit_id, 1
      from a join directive_units du on a.measure = 'directives_done' and du.directive_id = a.directive_id and du.target and du.done_at is not null
      union all
      -- the figures the units reported
      select r.unit_id, r.value
      from a join campaign_reports r on a.measure = 'reported' and r.activity_id = a.id
    ) x
    join units xu on xu.id = x.unit_id and xu.path <@ ${within}::ltree
    cross join lateral ${chain(sql`xu.path`)} as anc(id)
    group by anc.id`;
}

/** The activity with its phase's dates and its campaign's unit, and the booths under that unit (a booth counts itself). */
const activityCte = (activityId: number) => sql`
    a as (
      select ca.*, ph.starts_on, ph.ends_on, c.unit_id as campaign_unit
      from campaign_activities ca join campaign_phases ph on ph.id = ca.phase_id join campaigns c on c.id = ph.campaign_id
      where ca.id = ${activityId}
    ),
    top as (select coalesce(s.booths, 0) + (cu.level = setu_booth_level())::int as booths
            from a join units cu on cu.id = a.campaign_unit left join unit_stats s on s.unit_id = cu.id)`;

/** Booths under target-level unit `u` times the total: its exact share is this over `top.booths`. */
const weighted = sql`a.total::bigint * (coalesce(s.booths, 0) + (u.level = setu_booth_level())::int)`;

/** One target-level unit's figures: its target, what is credited against it, everything counted, whether it met it. */
export interface TargetLevelFigures {
  unit_id: number;
  path: string;
  target: number;
  /** What was counted, up to the unit's own target: a target is met per unit, and a surplus fills no other unit's gap. */
  achieved: number;
  /** Everything counted under the unit (or reported by it), beyond its target too. */
  counted: number;
  /** Whether the unit had a target above nought and reached it. */
  met: boolean;
  adjusted: boolean;
}

/**
 * The activity's figures for each unit of its target level inside `within`: the target (a leader's adjustment, or
 * `per_unit`, or the unit's share of `total` by booths, exact by largest remainder), what was counted under it, and
 * what of that is credited against the target.
 */
export function targetLevelFigures(activityId: number, within: string) {
  return sql<TargetLevelFigures>`
    with ${activityCte(activityId)},
    th as (select r.split_rem, r.split_id from campaign_refreshes r where r.activity_id = ${activityId}),
    counts as (${counted(within)})
    select f.unit_id, f.path, f.target, least(f.counted, f.target) as achieved, f.counted,
      f.target > 0 and f.counted >= f.target as met, f.adjusted
    from (
      select u.id as unit_id, u.path::text as path,
        coalesce(ct.target, a.per_unit,
          (sh.fl + coalesce(sh.rem > th.split_rem or (sh.rem = th.split_rem and u.id <= th.split_id), false)::int)::int, 0) as target,
        coalesce(counts.n, 0)::int as counted, ct.target is not null as adjusted
      from a cross join top left join th on true
      join units u on u.path <@ ${within}::ltree and u.level = a.target_level and u.archived_at is null
      left join unit_stats s on s.unit_id = u.id
      cross join lateral (select ${weighted} / nullif(top.booths, 0) as fl, ${weighted} % nullif(top.booths, 0) as rem) sh
      left join campaign_targets ct on ct.activity_id = a.id and ct.unit_id = u.id
      left join counts on counts.unit_id = u.id
    ) f`;
}

/**
 * For a total split by booths: the (remainder, id) of the last unit that gets one more than its floor, over the whole
 * campaign (null when the floors already add up, or for per-unit targets).
 */
async function splitThreshold(db: Db, activityId: number, path: string) {
  const { rows } = await sql<{ rem: number; id: number }>`
    with ${activityCte(activityId)},
    t as (
      select u.id, ${weighted} / nullif(top.booths, 0) as fl, ${weighted} % nullif(top.booths, 0) as rem
      from a cross join top join units u on u.path <@ ${path}::ltree and u.level = a.target_level and u.archived_at is null
      left join unit_stats s on s.unit_id = u.id
      where a.total is not null
    ),
    leftover as (select (select total from a) - coalesce(sum(fl), 0) as r from t),
    ranked as (select id, rem, row_number() over (order by rem desc, id) as rn from t)
    select ranked.rem, ranked.id from ranked, leftover where ranked.rn = leftover.r`.execute(db);
  return rows[0] ?? null;
}

/**
 * Recounts an activity: its figures at the target level, summed into every unit from the campaign's unit down to the
 * level above the target level (credited, counted, and the units that met their target), replacing the rows of the
 * last count. One transaction; readers see the old rows or
 * the new ones.
 */
export async function refreshActivity(db: Kysely<Schema>, activityId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // One recount of an activity at a time, whichever process starts it.
    await sql`select pg_advisory_xact_lock(${CAMPAIGN_LOCK}, ${activityId})`.execute(trx);
    const top = await sql<{ path: string }>`
      select u.path::text as path from campaign_activities ca join campaign_phases ph on ph.id = ca.phase_id
      join campaigns c on c.id = ph.campaign_id join units u on u.id = c.unit_id where ca.id = ${activityId}`.execute(trx);
    if (!top.rows[0]) return;
    const path = top.rows[0].path;
    const split = await splitThreshold(trx, activityId, path);
    const row = { refreshed_at: new Date(), stale: false, split_rem: split?.rem ?? null, split_id: split?.id ?? null };
    await trx
      .insertInto('campaign_refreshes')
      .values({ activity_id: activityId, ...row })
      .onConflict((oc) => oc.column('activity_id').doUpdateSet(row))
      .execute();
    await trx.deleteFrom('campaign_progress').where('activity_id', '=', activityId).execute();
    await sql`
      insert into campaign_progress (activity_id, unit_id, target, achieved, counted, units_met, units)
      select ${activityId}, anc.id, sum(f.target), sum(f.achieved), sum(f.counted),
        count(*) filter (where f.met), count(*) filter (where f.target > 0)
      from (${targetLevelFigures(activityId, path)}) f
      cross join lateral unnest(string_to_array(f.path, '.')::int[]) with ordinality as anc(id, depth)
      where anc.depth >= nlevel(${path}::ltree) and anc.id <> f.unit_id
      group by anc.id`.execute(trx);
  });
}

/** Marks an activity for recounting at the next turn of the refresher (after an adjustment or a report). */
export async function staleActivity(db: Db, activityId: number): Promise<void> {
  await db.updateTable('campaign_refreshes').set({ stale: true }).where('activity_id', '=', activityId).execute();
}
