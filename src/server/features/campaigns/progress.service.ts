import { sql, type Kysely } from 'kysely';
import type { CampaignProgress, ProgressRow } from '../../../contracts/campaigns.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { targetLevelFigures } from './figures.repo.ts';
import { presentActivity, visibleCampaign } from './read.service.ts';
import { pathWithin } from '../org/index.ts';

interface UnitRow {
  id: number;
  level: string;
  name_en: string;
  name_hi: string;
  path: string;
  depth: number;
}

const unitColumns = sql`u.id, u.level, u.name_en, u.name_hi, u.path::text as path, l.depth`;

/** One unit's figures for an activity: target, credited against it, everything counted, units that met their target. */
type Figures = Pick<ProgressRow, 'target' | 'achieved' | 'counted' | 'unitsMet' | 'units'>;
const NOTHING: Figures = { target: 0, achieved: 0, counted: 0, unitsMet: 0, units: 0 };

/** Behind first: the smallest share of the target done, then the largest target; no target last. */
const behindFirst = (a: ProgressRow, b: ProgressRow) =>
  (a.target === 0 ? 2 : a.achieved / a.target) - (b.target === 0 ? 2 : b.achieved / b.target) ||
  b.target - a.target ||
  a.unit.nameEn.localeCompare(b.unit.nameEn);

/**
 * Target against achieved for each activity at a unit (the campaign's, or the top of the caller's turf under it) and
 * for each of its children, the ones furthest behind first. Above the target level the figures are the refresher's
 * counts (a primary-key read per child); the target level's own units are counted on the spot.
 */
export async function campaignProgress(db: Kysely<Schema>, actor: Actor, id: number, unitId: number | undefined): Promise<CampaignProgress> {
  const campaign = await visibleCampaign(db, actor, id);
  const unit = await startingUnit(db, actor, campaign.path, unitId);
  const children = (
    await sql<UnitRow>`select ${unitColumns} from units u join levels l on l.code = u.level where u.parent_id = ${unit.id} and u.archived_at is null`.execute(
      db,
    )
  ).rows;
  const activities = await sql<{
    id: number;
    phase_id: number;
    title_hi: string | null;
    title_en: string | null;
    measure: 'events_held' | 'people_enrolled' | 'directives_done' | 'reported';
    event_kind: string | null;
    directive_id: number | null;
    target_level: string;
    per_unit: number | null;
    total: number | null;
    target_depth: number;
    refreshed_at: Date | null;
  }>`
    select ca.*, l.depth as target_depth, r.refreshed_at
    from campaign_activities ca join campaign_phases ph on ph.id = ca.phase_id join levels l on l.code = ca.target_level
    left join campaign_refreshes r on r.activity_id = ca.id
    where ph.campaign_id = ${id} and l.depth >= ${unit.depth}
    order by ph.position, ca.position`.execute(db);

  const result: CampaignProgress['activities'] = [];
  for (const a of activities.rows) {
    const counted = new Map<number, Figures & { adjusted: boolean }>();
    // The target level's units among the unit and its children: counted now.
    if (unit.depth === a.target_depth || children.some((c) => c.depth === a.target_depth)) {
      for (const f of (await targetLevelFigures(a.id, unit.path).execute(db)).rows) {
        const { target, achieved, counted: n, adjusted } = f;
        counted.set(f.unit_id, { target, achieved, counted: n, unitsMet: f.met ? 1 : 0, units: target > 0 ? 1 : 0, adjusted });
      }
    }
    // Units above the target level: the refresher's counts.
    const above = [unit, ...children].filter((u) => u.depth < a.target_depth).map((u) => u.id);
    if (above.length > 0) {
      const rows = await db
        .selectFrom('campaign_progress')
        .select(['unit_id', 'target', 'achieved', 'counted', 'units_met', 'units'])
        .where('activity_id', '=', a.id)
        .where('unit_id', 'in', above)
        .execute();
      for (const r of rows)
        counted.set(r.unit_id, { target: r.target, achieved: r.achieved, counted: r.counted, unitsMet: r.units_met, units: r.units, adjusted: false });
    }
    const figures = (id: number): Figures => {
      const { target, achieved, counted: n, unitsMet, units } = counted.get(id) ?? NOTHING;
      return { target, achieved, counted: n, unitsMet, units };
    };
    result.push({
      activity: presentActivity(a),
      phaseId: a.phase_id,
      ...figures(unit.id),
      atTargetLevel: children.some((c) => c.depth === a.target_depth),
      refreshedAt: a.refreshed_at?.toISOString() ?? null,
      children: children
        .filter((c) => c.depth <= a.target_depth)
        .map((c) => ({
          unit: { id: c.id, level: c.level, nameEn: c.name_en, nameHi: c.name_hi },
          ...figures(c.id),
          adjusted: counted.get(c.id)?.adjusted ?? false,
        }))
        .sort(behindFirst),
    });
  }
  const refreshed = activities.rows.map((a) => a.refreshed_at);
  return {
    unit: { id: unit.id, level: unit.level, nameEn: unit.name_en, nameHi: unit.name_hi },
    refreshedAt: refreshed.some((r) => r === null) ? null : (refreshed.sort((x, y) => x!.getTime() - y!.getTime())[0]?.toISOString() ?? null),
    activities: result,
  };
}

/** The unit a progress view starts at: the one asked for, inside both the campaign's subtree and the caller's turf. */
async function startingUnit(db: Kysely<Schema>, actor: Actor, campaignPath: string, unitId: number | undefined): Promise<UnitRow> {
  const pick = (where: ReturnType<typeof sql>) =>
    sql<UnitRow>`select ${unitColumns} from units u join levels l on l.code = u.level where ${where}`.execute(db).then((r) => r.rows[0]);
  if (unitId !== undefined) {
    const unit = await pick(sql`u.id = ${unitId} and u.archived_at is null`);
    if (!unit || !pathWithin(unit.path, campaignPath) || !(actor.turf.covers(unit.path) || actor.turf.covers(campaignPath))) throw notFound('unit');
    return unit;
  }
  // Planned above the caller: they follow it from the top of their own turf.
  const path = actor.turf.covers(campaignPath) ? campaignPath : actor.turf.roots.find((r) => pathWithin(r, campaignPath));
  if (!path) throw notFound('campaign');
  return (await pick(sql`u.path = ${path}::ltree`))!;
}
