import type { Transaction } from 'kysely';
import type { CreateCampaign } from '../../../contracts/campaigns.ts';
import { isUniqueViolation, type Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { CampaignsDeps } from './deps.ts';
import { pathWithin } from '../org/index.ts';
import { recordAudit } from '../audit/index.ts';

/** Checks each activity against the organisation: its level at or below the campaign's, its kind, its directive. */
async function checkActivities(trx: Transaction<Schema>, actor: Actor, unit: { level: string; path: string }, input: CreateCampaign) {
  const depths = new Map((await trx.selectFrom('levels').select(['code', 'depth']).execute()).map((l) => [l.code, l.depth]));
  const kinds = new Set((await trx.selectFrom('event_kinds').select('code').execute()).map((k) => k.code));
  for (const [p, phase] of input.phases.entries())
    for (const [i, activity] of phase.activities.entries()) {
      const at = `phases.${p}.activities.${i}`;
      const depth = depths.get(activity.targetLevel);
      if (depth === undefined) throw new AppError('unknown_level', `no level ${activity.targetLevel}`, [{ path: `${at}.targetLevel`, message: 'a level' }]);
      if (depth < depths.get(unit.level)!)
        throw new AppError('level_order', 'targets are set at the campaign’s level or below it', [
          { path: `${at}.targetLevel`, message: 'at or below the unit' },
        ]);
      if (activity.eventKind !== undefined && !kinds.has(activity.eventKind))
        throw new AppError('validation', 'no such kind of event', [{ path: `${at}.eventKind`, message: 'one of the organisation’s kinds' }]);
      if (activity.directiveId !== undefined) {
        const d = await trx
          .selectFrom('directives as d')
          .innerJoin('units as u', 'u.id', 'd.unit_id')
          .select('u.path')
          .where('d.id', '=', activity.directiveId)
          .executeTakeFirst();
        // A directive issued in the caller's turf, or above the campaign's unit (a national directive in a state's campaign).
        if (!d || !(actor.turf.covers(d.path) || pathWithin(unit.path, d.path))) throw notFound('directive');
      }
    }
}

/**
 * Plans a campaign at a unit in the caller's turf: its phases and their activities, in one transaction; the campaign
 * runs from the first phase's start to the last one's end. The same client key again answers the first campaign. The
 * counts are made by the refresher within seconds.
 */
export async function createCampaign(deps: CampaignsDeps, actor: Actor, input: CreateCampaign): Promise<{ id: number; created: boolean }> {
  const unit = await deps.db
    .selectFrom('units')
    .select(['id', 'level', 'path'])
    .where('id', '=', input.unitId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!unit || !actor.turf.covers(unit.path)) throw notFound('unit');
  if (!actor.turf.can('campaigns.manage', unit.path)) throw new AppError('forbidden', 'you may not plan campaigns at this unit');
  const existing = () =>
    deps.db.selectFrom('campaigns').select('id').where('created_by', '=', actor.personId).where('client_key', '=', input.clientKey).executeTakeFirst();
  const again = await existing();
  if (again) return { id: again.id, created: false };
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      await checkActivities(trx, actor, unit, input);
      const startsOn = input.phases.map((p) => p.startsOn).sort()[0]!;
      const endsOn = input.phases
        .map((p) => p.endsOn)
        .sort()
        .at(-1)!;
      const campaign = await trx
        .insertInto('campaigns')
        .values({
          client_key: input.clientKey,
          unit_id: unit.id,
          title_hi: input.titleHi ?? null,
          title_en: input.titleEn ?? null,
          description: input.description ?? null,
          starts_on: startsOn,
          ends_on: endsOn,
          created_by: actor.personId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [position, phase] of input.phases.entries()) {
        const row = await trx
          .insertInto('campaign_phases')
          .values({
            campaign_id: campaign.id,
            position,
            title_hi: phase.titleHi ?? null,
            title_en: phase.titleEn ?? null,
            starts_on: phase.startsOn,
            ends_on: phase.endsOn,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('campaign_activities')
          .values(
            phase.activities.map((a, i) => ({
              phase_id: row.id,
              position: i,
              title_hi: a.titleHi ?? null,
              title_en: a.titleEn ?? null,
              measure: a.measure,
              event_kind: a.eventKind ?? null,
              directive_id: a.directiveId ?? null,
              target_level: a.targetLevel,
              per_unit: a.perUnit ?? null,
              total: a.total ?? null,
            })),
          )
          .execute();
      }
      // The plan's shape; titles and description are free text.
      const activities = input.phases.flatMap((p) =>
        p.activities.map((a) => ({ measure: a.measure, targetLevel: a.targetLevel, perUnit: a.perUnit ?? null, total: a.total ?? null })),
      );
      await recordAudit(trx, {
        actorId: actor.personId,
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: campaign.id,
        details: { unitId: unit.id, startsOn, endsOn, phases: input.phases.length, activities },
      });
      return campaign.id;
    });
    return { id, created: true };
  } catch (e) {
    if (isUniqueViolation(e, 'campaigns_created_by_client_key_key')) {
      const first = await existing();
      if (first) return { id: first.id, created: false };
    }
    throw e;
  }
}
