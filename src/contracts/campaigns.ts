import { z } from 'zod';
import { textBlock, textLine } from './text.ts';
import { UnitRef } from './org.ts';

/** A campaign id in a path. */
export const CampaignId = z.coerce.number().int().positive().max(2_147_483_647);

const code = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = (max: number) => textLine(max);
const day = z.iso.date();
const titled = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ titleHi: text(200).optional(), titleEn: text(200).optional(), ...shape });
const hasTitle = (x: { titleHi?: string | undefined; titleEn?: string | undefined }) => Boolean(x.titleHi || x.titleEn);

/**
 * What an activity counts. From Setu itself: `events_held` (events of a kind held in the phase, by attendance or by the
 * organiser's record), `people_enrolled` (people added to the registry in the phase), `directives_done` (units that
 * did a directive); or `reported`: the figure each unit reports.
 */
export const Measure = z.enum(['events_held', 'people_enrolled', 'directives_done', 'reported']);
export type Measure = z.infer<typeof Measure>;

/**
 * An activity of a phase with its target at a level: `perUnit` for every unit of `targetLevel` ("one workshop per
 * district", "every booth: 20 volunteers"), or a `total` split over those units by their booths. Leaders adjust the
 * targets of the units in their turf afterwards.
 */
export const ActivityInput = titled({
  measure: Measure,
  eventKind: code.optional(),
  directiveId: z.number().int().positive().optional(),
  targetLevel: code,
  perUnit: z.number().int().min(0).max(1_000_000).optional(),
  total: z.number().int().min(0).max(1_000_000_000).optional(),
})
  .refine(hasTitle, { message: 'a title in Hindi or English', path: ['titleHi'] })
  .refine((a) => (a.perUnit === undefined) !== (a.total === undefined), { message: 'either perUnit or total', path: ['perUnit'] })
  .refine((a) => a.measure !== 'directives_done' || a.directiveId !== undefined, { message: 'the directive to count', path: ['directiveId'] });

export const PhaseInput = titled({ startsOn: day, endsOn: day, activities: z.array(ActivityInput).min(1).max(20) })
  .refine(hasTitle, { message: 'a title in Hindi or English', path: ['titleHi'] })
  .refine((p) => p.endsOn >= p.startsOn, { message: 'ends before it starts', path: ['endsOn'] });

/** POST /api/campaigns: a campaign at a unit in the caller's turf, its phases on a calendar, their activities. */
export const CreateCampaign = titled({
  clientKey: z.string().min(8).max(100),
  unitId: z.number().int().positive(),
  description: textBlock(5000, 1).optional(),
  phases: z.array(PhaseInput).min(1).max(20),
})
  .refine(hasTitle, { message: 'a title in Hindi or English', path: ['titleHi'] })
  .refine((c) => c.phases.every((p, i) => i === 0 || p.startsOn >= c.phases[i - 1]!.startsOn), { message: 'phases in date order', path: ['phases'] });
export type CreateCampaign = z.infer<typeof CreateCampaign>;

export const Activity = z.object({
  id: z.number().int(),
  titleHi: z.string().nullable(),
  titleEn: z.string().nullable(),
  measure: Measure,
  /** Where the figure comes from: counted in Setu, or reported by the units. */
  source: z.enum(['setu', 'reported']),
  eventKind: z.string().nullable(),
  directiveId: z.number().int().nullable(),
  targetLevel: z.string(),
  perUnit: z.number().int().nullable(),
  total: z.number().int().nullable(),
});
export type Activity = z.infer<typeof Activity>;

export const Phase = z.object({
  id: z.number().int(),
  titleHi: z.string().nullable(),
  titleEn: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** past, now or later, by today's date in India. */
  state: z.enum(['past', 'now', 'later']),
  activities: z.array(Activity),
});

export const Campaign = z.object({
  id: z.number().int(),
  unit: UnitRef,
  titleHi: z.string().nullable(),
  titleEn: z.string().nullable(),
  description: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  cancelled: z.boolean(),
  phases: z.array(Phase),
  /** Whether the caller may adjust targets somewhere in it (campaigns.manage in their turf). */
  canManage: z.boolean(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignListItem = Campaign.omit({ phases: true, description: true }).extend({
  phases: z.number().int(),
  /** The phase running today (the first, if several), if any. */
  currentPhase: z
    .object({ id: z.number().int(), titleHi: z.string().nullable(), titleEn: z.string().nullable(), startsOn: z.string(), endsOn: z.string() })
    .nullable(),
});
export const CampaignList = z.object({ items: z.array(CampaignListItem) });

/**
 * A unit's figures for an activity. A target at a level is met per unit: `achieved` is what is credited against the
 * target (each target-level unit's count up to its own target, so a district that held two workshops of one does not
 * fill another's gap); `counted` is everything counted (or reported), surplus included; `unitsMet` of `units` are the
 * target-level units under it (itself, at that level) that reached a target above nought.
 */
const figures = {
  target: z.number().int(),
  achieved: z.number().int(),
  counted: z.number().int(),
  unitsMet: z.number().int(),
  units: z.number().int(),
};

export const ProgressRow = z.object({
  unit: UnitRef,
  ...figures,
  /** Whether the target was set by a leader rather than split (target-level units only). */
  adjusted: z.boolean(),
});
export type ProgressRow = z.infer<typeof ProgressRow>;

/** GET /api/campaigns/{id}/progress: per activity, target vs achieved at a unit and per child, the laggards first. */
export const CampaignProgress = z.object({
  unit: UnitRef,
  /** When the counts were last made (they trail what happened by up to a minute); null while the first count runs. */
  refreshedAt: z.string().nullable(),
  activities: z.array(
    z.object({
      activity: Activity,
      phaseId: z.number().int(),
      ...figures,
      children: z.array(ProgressRow),
      /** Whether the children are units of the activity's target level (their targets can be adjusted). */
      atTargetLevel: z.boolean(),
      /** When this activity's counts above the target level were made; null before the first count. */
      refreshedAt: z.string().nullable(),
    }),
  ),
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;

/** PUT /api/campaigns/{id}/activities/{activityId}/targets: a leader's targets for units of the target level in their turf. */
export const SetTargets = z.strictObject({
  targets: z
    .array(z.strictObject({ unitId: z.number().int().positive(), target: z.number().int().min(0).max(1_000_000) }))
    .min(1)
    .max(500),
});
/** POST /api/campaigns/{id}/activities/{activityId}/reports: a unit's own figure for a reported activity. */
export const ReportFigure = z.strictObject({ unitId: z.number().int().positive(), value: z.number().int().min(0).max(1_000_000_000) });
