import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { CAMPAIGN_TIME_ZONE, staleActivity } from './figures.repo.ts';
import { visibleCampaign } from './read.service.ts';
import { pathWithin } from '../org/index.ts';
import { recordAudit } from '../audit/index.ts';

const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')));

async function activityOf(db: Kysely<Schema>, campaignId: number, activityId: number) {
  const a = await db
    .selectFrom('campaign_activities as ca')
    .innerJoin('campaign_phases as ph', 'ph.id', 'ca.phase_id')
    .select(['ca.id', 'ca.measure', 'ca.target_level', sql<boolean>`ph.starts_on <= (now() at time zone ${CAMPAIGN_TIME_ZONE})::date`.as('started')])
    .where('ca.id', '=', activityId)
    .where('ph.campaign_id', '=', campaignId)
    .executeTakeFirst();
  if (!a) throw notFound('activity');
  return a;
}

/** Units of the activity's level inside the campaign, by id, with their paths; any other id is not found. */
async function targetUnits(db: Kysely<Schema>, campaignPath: string, level: string, ids: number[]) {
  const units = await db
    .selectFrom('units')
    .select(['id', sql<string>`path::text`.as('path')])
    .where('id', 'in', ids)
    .where('level', '=', level)
    .where('archived_at', 'is', null)
    .execute();
  return new Map(units.filter((u) => pathWithin(u.path, campaignPath)).map((u) => [u.id, u.path]));
}

/**
 * A leader's targets for units of the activity's level below them (campaigns.manage above each), replacing the split.
 * All or nothing: one unit outside the turf refuses the lot. The counts above follow within seconds.
 */
export async function setTargets(db: Kysely<Schema>, actor: Actor, campaignId: number, activityId: number, targets: { unitId: number; target: number }[]) {
  const campaign = await visibleCampaign(db, actor, campaignId);
  const activity = await activityOf(db, campaignId, activityId);
  const units = await targetUnits(
    db,
    campaign.path,
    activity.target_level,
    targets.map((t) => t.unitId),
  );
  if (campaign.cancelled_at) throw new AppError('conflict', 'this campaign was cancelled');
  for (const t of targets) {
    const path = units.get(t.unitId);
    if (!path || !actor.turf.covers(path)) throw notFound('unit');
    // A unit's target is set from above it: a district's own convener adjusts its assemblies, not the district.
    if (!actor.turf.can('campaigns.manage', parentOf(path))) throw new AppError('forbidden', 'you may set targets only for the units below you');
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('campaign_targets')
      .values(targets.map((t) => ({ activity_id: activityId, unit_id: t.unitId, target: t.target, set_by: actor.personId })))
      .onConflict((oc) =>
        oc.columns(['activity_id', 'unit_id']).doUpdateSet({ target: sql`excluded.target`, set_by: sql`excluded.set_by`, set_at: sql`now()` }),
      )
      .execute();
    await staleActivity(trx, activityId);
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'campaign.targets',
      targetType: 'campaign',
      targetId: campaignId,
      details: { activityId, targets },
    });
  });
  return { updated: targets.length };
}

/**
 * A unit's own figure for a reported activity of a phase that has started, by the unit's own people (a live position there) or by someone who plans
 * campaigns at or above it; the latest figure stands. Anyone else in the turf (a member further up without the right)
 * gets 403: a figure is a claim about the unit's work.
 */
export async function reportFigure(db: Kysely<Schema>, actor: Actor, campaignId: number, activityId: number, unitId: number, value: number) {
  const campaign = await visibleCampaign(db, actor, campaignId);
  const activity = await activityOf(db, campaignId, activityId);
  const path = (await targetUnits(db, campaign.path, activity.target_level, [unitId])).get(unitId);
  if (!path || !actor.turf.covers(path)) throw notFound('unit');
  if (!actor.turf.can('campaigns.manage', path)) {
    const own = await db
      .selectFrom('positions')
      .select('id')
      .where('person_id', '=', actor.personId)
      .where('unit_id', '=', unitId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (!own) throw new AppError('forbidden', 'a figure is reported by the unit’s own people or by whoever plans campaigns above it');
  }
  if (activity.measure !== 'reported')
    throw new AppError('validation', 'this activity is counted by Setu, not reported', [{ path: 'activityId', message: 'a reported activity' }]);
  // A figure is what a unit did in the phase: before its first day (in India) there is nothing yet to report.
  if (!activity.started) throw new AppError('phase_not_started', 'this activity’s phase has not started; report its figure once it starts');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('campaign_reports')
      .values({ activity_id: activityId, unit_id: unitId, value, reported_by: actor.personId })
      .onConflict((oc) => oc.columns(['activity_id', 'unit_id']).doUpdateSet({ value, reported_by: actor.personId, reported_at: new Date() }))
      .execute();
    await staleActivity(trx, activityId);
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'campaign.report',
      targetType: 'campaign',
      targetId: campaignId,
      details: { activityId, unitId, value },
    });
  });
  return { updated: 1 };
}
