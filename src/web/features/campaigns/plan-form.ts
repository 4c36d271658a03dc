import type { CreateCampaign, Measure } from './types.ts';

/** How an activity's target is given: the same for every unit of its level, or a total split over them by booths. */
export type Split = 'perUnit' | 'total';

/** One activity as typed: texts as entered, the amount and the directive as the boxes hold them. */
export interface ActivityDraft {
  /** A local key for React's lists (activities are added and removed). */
  key: number;
  titleHi: string;
  titleEn: string;
  measure: Measure;
  /** '' for any kind of event. */
  eventKind: string;
  directiveId: string;
  targetLevel: string;
  split: Split;
  amount: string;
}

export interface PhaseDraft {
  key: number;
  titleHi: string;
  titleEn: string;
  /** `date` inputs' values: YYYY-MM-DD, or '' while empty. */
  startsOn: string;
  endsOn: string;
  activities: ActivityDraft[];
}

export interface PlanDraft {
  unit: { id: number; level: string; nameEn: string; nameHi: string } | null;
  titleHi: string;
  titleEn: string;
  description: string;
  phases: PhaseDraft[];
}

/** The contract's limits (src/contracts/campaigns.ts), repeated so zod stays out of the browser's bundle. */
export const LIMITS = { phases: 20, activities: 20, perUnit: 1_000_000, total: 1_000_000_000 } as const;

export type PhasePart = 'title' | 'startsOn' | 'endsOn' | 'activities';
export type ActivityPart = 'title' | 'eventKind' | 'directiveId' | 'targetLevel' | 'amount';
/** Where a problem is shown: the campaign's own fields, a phase's, or an activity's (by their places in the form). */
export type PlanField = 'unit' | 'title' | 'phases' | `phases.${number}.${PhasePart}` | `phases.${number}.activities.${number}.${ActivityPart}`;

export const phaseField = (i: number, part: PhasePart): PlanField => `phases.${i}.${part}`;
export const activityField = (i: number, j: number, part: ActivityPart): PlanField => `phases.${i}.activities.${j}.${part}`;

export type PlanProblem =
  | 'unitMissing'
  | 'titleMissing'
  | 'phasesMissing'
  | 'activitiesMissing'
  | 'dateMissing'
  | 'dateInvalid'
  | 'endsBeforeStart'
  | 'outOfOrder'
  | 'levelMissing'
  | 'levelAbove'
  | 'directiveMissing'
  | 'amountMissing'
  | 'amountInvalid'
  | 'amountTooLarge';

interface Level {
  code: string;
  depth: number;
}

/** The levels a campaign at a unit of `level` may set targets at: its own and every one below, top first. */
export function targetLevels<L extends Level>(levels: readonly L[] | undefined, level: string | undefined): L[] {
  const depth = levels?.find((l) => l.code === level)?.depth;
  if (!levels || depth === undefined) return [];
  return levels.filter((l) => l.depth >= depth).sort((a, b) => a.depth - b.depth);
}

/** The level a new activity starts at: the one just below the campaign's unit (its districts for a state), else its own. */
export function defaultTargetLevel(levels: readonly Level[] | undefined, level: string | undefined): string {
  const allowed = targetLevels(levels, level);
  return (allowed[1] ?? allowed[0])?.code ?? '';
}

/** A typed amount ("1,00,000", " 20 ") as a whole number; null when empty, NaN when it is not one. */
export function parseAmount(text: string): number | null {
  const plain = text.replace(/[\s,]/g, '');
  if (plain === '') return null;
  return /^\d{1,12}$/.test(plain) ? Number(plain) : Number.NaN;
}

/** A real calendar day as YYYY-MM-DD (a `date` input gives that or ''). */
const isDay = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Today as an Indian calendar day (the server's phases run by India's dates). */
export function todayInIndia(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

let keys = 0;
/** A fresh key for a phase or an activity added to the form. */
export const nextKey = () => ++keys;

export function newActivity(targetLevel: string): ActivityDraft {
  return { key: nextKey(), titleHi: '', titleEn: '', measure: 'events_held', eventKind: '', directiveId: '', targetLevel, split: 'perUnit', amount: '' };
}

/** A new phase: from the day after the last one ends (or today), with one activity. */
export function newPhase(after: PhaseDraft | undefined, targetLevel: string, today: string): PhaseDraft {
  const start = after && isDay(after.endsOn) ? new Date(Date.parse(`${after.endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : today;
  return { key: nextKey(), titleHi: '', titleEn: '', startsOn: start, endsOn: '', activities: [newActivity(targetLevel)] };
}

type Body = Omit<CreateCampaign, 'clientKey'>;

/**
 * The draft checked as the server will check it (src/contracts/campaigns.ts), with each problem at its field. Without
 * problems, the body to send (without its clientKey): texts trimmed and left out when empty, the amount as `perUnit` or
 * `total`, the event kind only for events and the directive only for directives.
 */
export function checkPlan(d: PlanDraft, levels: readonly Level[] | undefined): { problems: Partial<Record<PlanField, PlanProblem>>; body: Body | null } {
  const problems: Partial<Record<PlanField, PlanProblem>> = {};
  const t = (s: string) => s.trim();
  const titles = (x: { titleHi: string; titleEn: string }) => ({
    ...(t(x.titleHi) ? { titleHi: t(x.titleHi) } : {}),
    ...(t(x.titleEn) ? { titleEn: t(x.titleEn) } : {}),
  });
  const hasTitle = (x: { titleHi: string; titleEn: string }) => Boolean(t(x.titleHi) || t(x.titleEn));
  if (!d.unit) problems.unit = 'unitMissing';
  if (!hasTitle(d)) problems.title = 'titleMissing';
  if (d.phases.length === 0) problems.phases = 'phasesMissing';
  const allowed = new Set(targetLevels(levels, d.unit?.level).map((l) => l.code));

  const phases = d.phases.map((p, i) => {
    if (!hasTitle(p)) problems[phaseField(i, 'title')] = 'titleMissing';
    if (!p.startsOn) problems[phaseField(i, 'startsOn')] = 'dateMissing';
    else if (!isDay(p.startsOn)) problems[phaseField(i, 'startsOn')] = 'dateInvalid';
    else if (i > 0 && isDay(d.phases[i - 1]!.startsOn) && p.startsOn < d.phases[i - 1]!.startsOn) problems[phaseField(i, 'startsOn')] = 'outOfOrder';
    if (!p.endsOn) problems[phaseField(i, 'endsOn')] = 'dateMissing';
    else if (!isDay(p.endsOn)) problems[phaseField(i, 'endsOn')] = 'dateInvalid';
    else if (isDay(p.startsOn) && p.endsOn < p.startsOn) problems[phaseField(i, 'endsOn')] = 'endsBeforeStart';
    if (p.activities.length === 0) problems[phaseField(i, 'activities')] = 'activitiesMissing';

    const activities = p.activities.map((a, j) => {
      const at = (part: ActivityPart) => activityField(i, j, part);
      if (!hasTitle(a)) problems[at('title')] = 'titleMissing';
      if (!a.targetLevel) problems[at('targetLevel')] = 'levelMissing';
      // Only once the unit (and the levels) are known: before that every level would look wrong.
      else if (d.unit && levels && !allowed.has(a.targetLevel)) problems[at('targetLevel')] = 'levelAbove';
      const directive = parseAmount(a.directiveId);
      if (a.measure === 'directives_done' && (directive === null || Number.isNaN(directive) || directive < 1 || directive > 2_147_483_647))
        problems[at('directiveId')] = 'directiveMissing';
      const amount = parseAmount(a.amount);
      const max = a.split === 'perUnit' ? LIMITS.perUnit : LIMITS.total;
      if (amount === null) problems[at('amount')] = 'amountMissing';
      else if (Number.isNaN(amount)) problems[at('amount')] = 'amountInvalid';
      else if (amount > max) problems[at('amount')] = 'amountTooLarge';
      return {
        ...titles(a),
        measure: a.measure,
        ...(a.measure === 'events_held' && a.eventKind ? { eventKind: a.eventKind } : {}),
        ...(a.measure === 'directives_done' && directive ? { directiveId: directive } : {}),
        targetLevel: a.targetLevel,
        ...(a.split === 'perUnit' ? { perUnit: amount ?? 0 } : { total: amount ?? 0 }),
      };
    });
    return { ...titles(p), startsOn: p.startsOn, endsOn: p.endsOn, activities };
  });

  if (Object.keys(problems).length > 0 || !d.unit) return { problems, body: null };
  return {
    problems,
    body: { unitId: d.unit.id, ...titles(d), ...(t(d.description) ? { description: t(d.description) } : {}), phases },
  };
}

/** The server's validation issues by path (`phases.0.activities.1.perUnit`), as the form's fields. */
export function fieldOfIssue(path: string): PlanField | null {
  const p = path.replace(/^(body|json)\./, '');
  if (p === 'titleHi' || p === 'titleEn') return 'title';
  if (p === 'unitId') return 'unit';
  if (p === 'phases') return 'phases';
  const activity = /^phases\.(\d+)\.activities\.(\d+)\.(\w+)$/.exec(p);
  if (activity) {
    const [, i, j, key] = activity;
    const part: ActivityPart | null =
      key === 'titleHi' || key === 'titleEn'
        ? 'title'
        : key === 'perUnit' || key === 'total'
          ? 'amount'
          : key === 'eventKind' || key === 'directiveId' || key === 'targetLevel'
            ? key
            : null;
    return part ? activityField(Number(i), Number(j), part) : null;
  }
  const phase = /^phases\.(\d+)\.(\w+)/.exec(p);
  if (phase) {
    const [, i, key] = phase;
    if (key === 'titleHi' || key === 'titleEn') return phaseField(Number(i), 'title');
    if (key === 'startsOn' || key === 'endsOn' || key === 'activities') return phaseField(Number(i), key);
  }
  return null;
}

/**
 * The fields a server refusal points at: its validation issues' paths, or for a refusal without one, what it can be
 * about: a level above the campaign's unit or unknown (every activity's level), a directive not found (every directive
 * of the plan), an unknown kind of event (the server names no activity: every kind chosen).
 */
export function fieldsOfError(error: { code: string; issues: ReadonlyArray<{ path: string }> }, d: PlanDraft): PlanField[] {
  const out = new Set<PlanField>();
  const each = (keep: (a: ActivityDraft) => boolean, part: ActivityPart) =>
    d.phases.forEach((p, i) => p.activities.forEach((a, j) => keep(a) && out.add(activityField(i, j, part))));
  for (const issue of error.issues) {
    const field = fieldOfIssue(issue.path);
    if (field) out.add(field);
    else if (issue.path === 'eventKind') each((a) => a.measure === 'events_held' && a.eventKind !== '', 'eventKind');
  }
  if (error.code === 'level_order' || error.code === 'unknown_level') each(() => true, 'targetLevel');
  if (error.code === 'not_found') {
    each((a) => a.measure === 'directives_done', 'directiveId');
    if (out.size === 0) out.add('unit');
  }
  if (error.code === 'forbidden') out.add('unit');
  return [...out];
}
