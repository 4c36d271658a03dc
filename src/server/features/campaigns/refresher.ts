import { sql } from 'kysely';
import { repeat } from '../../platform/repeat.ts';
import type { CampaignsDeps } from './deps.ts';
import { CAMPAIGN_TIME_ZONE, refreshActivity } from './figures.repo.ts';

/** How stale a running phase's counts may grow before they are made again. */
const RECOUNT_AFTER = '60 seconds';

/**
 * Recounts what needs it: activities never counted or marked stale (a new campaign, an adjusted target, a report),
 * then those of phases running today (give or take a day) whose count is over a minute old. A few per turn, oldest
 * first, so one national recount never holds the others up for long.
 */
export async function refreshDue(deps: Pick<CampaignsDeps, 'db'>, max = 5): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    select ca.id from campaign_activities ca
    join campaign_phases ph on ph.id = ca.phase_id join campaigns c on c.id = ph.campaign_id and c.cancelled_at is null
    left join campaign_refreshes r on r.activity_id = ca.id
    where r.activity_id is null or r.stale
      or ((now() at time zone ${CAMPAIGN_TIME_ZONE})::date between ph.starts_on - 1 and ph.ends_on + 1
          and r.refreshed_at < now() - ${RECOUNT_AFTER}::interval)
    order by r.activity_id is not null, not coalesce(r.stale, false), r.refreshed_at, ca.id
    limit ${max}`.execute(deps.db);
  for (const { id } of rows) await refreshActivity(deps.db, id);
  return rows.length;
}

export function startRefresher(deps: CampaignsDeps, everyMs = 5_000) {
  return repeat(
    () => refreshDue(deps),
    everyMs,
    (error) => deps.log.error({ err: error }, 'campaign recount failed'),
  );
}
