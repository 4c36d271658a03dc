import { sql, type Kysely } from 'kysely';
import type { Activity, Campaign } from '../../../contracts/campaigns.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { CAMPAIGN_TIME_ZONE } from './figures.repo.ts';
import { pathWithin } from '../org/index.ts';

export interface CampaignRow {
  id: number;
  unit_id: number;
  level: string;
  name_en: string;
  name_hi: string;
  path: string;
  title_hi: string | null;
  title_en: string | null;
  description: string | null;
  starts_on: string;
  ends_on: string;
  cancelled_at: Date | null;
  phases: number;
  current_phase: { id: number; title_hi: string | null; title_en: string | null; starts_on: string; ends_on: string } | null;
}

const campaignColumns = sql`
  c.id, c.unit_id, u.level, u.name_en, u.name_hi, u.path::text as path, c.title_hi, c.title_en, c.description,
  c.starts_on::text as starts_on, c.ends_on::text as ends_on, c.cancelled_at,
  (select count(*)::int from campaign_phases ph where ph.campaign_id = c.id) as phases,
  (select json_build_object('id', ph.id, 'title_hi', ph.title_hi, 'title_en', ph.title_en, 'starts_on', ph.starts_on::text, 'ends_on', ph.ends_on::text)
   from campaign_phases ph where ph.campaign_id = c.id and (now() at time zone ${CAMPAIGN_TIME_ZONE})::date between ph.starts_on and ph.ends_on
   order by ph.position limit 1) as current_phase`;

/**
 * Whether a campaign concerns the caller: planned in their turf (they lead it or lead above it), or planned above
 * them (a national campaign reaches every booth worker).
 */
const concerns = (actor: Actor, path: string) => actor.turf.covers(path) || actor.turf.roots.some((r) => pathWithin(r, path));

/** A campaign the caller may see; anything else is not found. */
export async function visibleCampaign(db: Kysely<Schema>, actor: Actor, id: number): Promise<CampaignRow> {
  const { rows } = await sql<CampaignRow>`select ${campaignColumns} from campaigns c join units u on u.id = c.unit_id where c.id = ${id}`.execute(db);
  const row = rows[0];
  if (!row || !concerns(actor, row.path)) throw notFound('campaign');
  return row;
}

const today = () => sql<string>`(now() at time zone ${CAMPAIGN_TIME_ZONE})::date::text`;

export const presentActivity = (a: {
  id: number;
  title_hi: string | null;
  title_en: string | null;
  measure: Activity['measure'];
  event_kind: string | null;
  directive_id: number | null;
  target_level: string;
  per_unit: number | null;
  total: number | null;
}): Activity => ({
  id: a.id,
  titleHi: a.title_hi,
  titleEn: a.title_en,
  measure: a.measure,
  source: a.measure === 'reported' ? 'reported' : 'setu',
  eventKind: a.event_kind,
  directiveId: a.directive_id,
  targetLevel: a.target_level,
  perUnit: a.per_unit,
  total: a.total,
});

const present = (c: CampaignRow, actor: Actor) => ({
  id: c.id,
  unit: { id: c.unit_id, level: c.level, nameEn: c.name_en, nameHi: c.name_hi },
  titleHi: c.title_hi,
  titleEn: c.title_en,
  startsOn: c.starts_on,
  endsOn: c.ends_on,
  cancelled: c.cancelled_at !== null,
  // A leader adjusts targets inside their turf: anywhere in the campaign's subtree they hold campaigns.manage.
  canManage: actor.turf.can('campaigns.manage', c.path) || actor.turf.roots.some((r) => pathWithin(r, c.path) && actor.turf.can('campaigns.manage', r)),
});

/** A campaign with its calendar: phases (past, now, later) and their activities. */
export async function campaignDetail(db: Kysely<Schema>, actor: Actor, id: number): Promise<Campaign> {
  const c = await visibleCampaign(db, actor, id);
  const phases = await sql<{ id: number; title_hi: string | null; title_en: string | null; starts_on: string; ends_on: string; today: string }>`
    select id, title_hi, title_en, starts_on::text as starts_on, ends_on::text as ends_on, ${today()} as today
    from campaign_phases where campaign_id = ${id} order by position`.execute(db);
  const activities = await db
    .selectFrom('campaign_activities')
    .selectAll()
    .where(
      'phase_id',
      'in',
      phases.rows.map((p) => p.id),
    )
    .orderBy('phase_id')
    .orderBy('position')
    .execute();
  return {
    ...present(c, actor),
    description: c.description,
    phases: phases.rows.map((p) => ({
      id: p.id,
      titleHi: p.title_hi,
      titleEn: p.title_en,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      state: p.ends_on < p.today ? 'past' : p.starts_on > p.today ? 'later' : 'now',
      activities: activities.filter((a) => a.phase_id === p.id).map(presentActivity),
    })),
  };
}

/** Campaigns that concern the caller, not ended more than 30 days ago, soonest first. */
export async function listCampaigns(db: Kysely<Schema>, actor: Actor) {
  // Planned in the turf, or at a unit above it (the ids on the turf roots' paths).
  const above = [...new Set(actor.turf.roots.flatMap((r) => r.split('.').map(Number)))];
  const { rows } = await sql<CampaignRow>`
    select ${campaignColumns} from campaigns c join units u on u.id = c.unit_id
    where c.ends_on >= (now() at time zone ${CAMPAIGN_TIME_ZONE})::date - 30
      and (c.unit_id = any(${above}::int[]) or ${sql.join(
        actor.turf.roots.length ? actor.turf.roots.map((r) => sql`u.path <@ ${r}::ltree`) : [sql`false`],
        sql` or `,
      )})
    order by c.starts_on, c.id limit 100`.execute(db);
  return rows.map((c) => ({
    ...present(c, actor),
    phases: c.phases,
    currentPhase: c.current_phase && {
      id: c.current_phase.id,
      titleHi: c.current_phase.title_hi,
      titleEn: c.current_phase.title_en,
      startsOn: c.current_phase.starts_on,
      endsOn: c.current_phase.ends_on,
    },
  }));
}
