import type { Lang } from '../../lib/format.ts';

/** A calendar day (YYYY-MM-DD) as a number of days, for spans and positions; dates are whole days with no time zone. */
export const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/**
 * A unit's figures in words: what is credited against its target ("1 of 19"), or "no target" when it has none (not
 * "3 of 0"); and what was counted in all when a unit's surplus makes it more (a surplus fills no other unit's gap).
 */
export function figureWords(
  f: { target: number; achieved: number; counted: number },
  num: (n: number) => string,
  t: (key: 'figures' | 'noTarget' | 'countedAll', vars?: Record<string, string>) => string,
) {
  return {
    main: f.target > 0 ? t('figures', { achieved: num(f.achieved), target: num(f.target) }) : t('noTarget'),
    counted: f.counted !== f.achieved ? t('countedAll', { count: num(f.counted) }) : null,
  };
}

/**
 * Whether the units that met their target say something the credited figure does not: with one each ("one workshop per
 * district") 1 of 19 is both; with ten each, 10 of 190 credited may be one district done or ten started.
 */
export const unitsDiffer = (f: { target: number; achieved: number; unitsMet: number; units: number }) =>
  f.units > 0 && (f.unitsMet !== f.achieved || f.units !== f.target);

/** The share of a target achieved, 0..1 (over-achieving is still 1); a target of nothing counts as met. */
export const shareOf = (p: { target: number; achieved: number }) => (p.target > 0 ? Math.min(1, Math.max(0, p.achieved / p.target)) : 1);

/**
 * The share of a phase's targets due by today: the days of it that have passed (today not yet over), nothing before it
 * starts, all of it once it has ended.
 */
export function dueShare(phase: { startsOn: string; endsOn: string }, today: string): number {
  const start = dayNumber(phase.startsOn);
  const end = dayNumber(phase.endsOn);
  const now = dayNumber(today);
  if (now > end) return 1;
  if (now <= start) return 0;
  return (now - start) / (end - start + 1);
}

/** What is due by today of a target: whole units only, so a target of one is due when the phase ends. */
export const dueBy = (target: number, share: number) => Math.floor(target * share + 1e-9);

/**
 * How a bar looks against what is due by today: on track (or met), somewhat behind (at least half of what is due), or
 * far behind. The figures and the "behind" list next to it say the same in words.
 */
export function toneFor(p: { target: number; achieved: number }, share: number): 'good' | 'warn' | 'bad' {
  const due = dueBy(p.target, share);
  if (p.achieved >= due) return 'good';
  return p.achieved * 2 >= due ? 'warn' : 'bad';
}

/**
 * The units behind their share of the target due by today, the largest shortfall first, then by name; each with what
 * was due and how much is missing.
 */
export function behindOf<R extends { unit: { id: number; nameEn: string; nameHi: string }; target: number; achieved: number }>(
  rows: readonly R[],
  share: number,
  lang: Lang,
): Array<R & { due: number; short: number }> {
  const collator = new Intl.Collator(lang === 'hi' ? 'hi' : 'en', { sensitivity: 'base', numeric: true });
  const name = (r: R) => (lang === 'hi' ? r.unit.nameHi : r.unit.nameEn);
  return rows
    .map((r) => {
      const due = dueBy(r.target, share);
      return { ...r, due, short: due - r.achieved };
    })
    .filter((r) => r.short > 0)
    .sort((a, b) => b.short - a.short || collator.compare(name(a), name(b)) || a.unit.id - b.unit.id);
}

/** Where a campaign stands by its dates: cancelled, not started, running, or over. */
export function campaignState(c: { startsOn: string; endsOn: string; cancelled: boolean }, today: string): 'cancelled' | 'later' | 'now' | 'past' {
  if (c.cancelled) return 'cancelled';
  return today < c.startsOn ? 'later' : today > c.endsOn ? 'past' : 'now';
}

/**
 * The timeline's geometry, as percentages of the campaign's span (first phase's first day to the last one's last):
 * each phase's segment, and where today falls (its middle), or null outside the campaign.
 */
export function timeline(
  phases: ReadonlyArray<{ startsOn: string; endsOn: string }>,
  today: string,
): { segments: Array<{ left: number; width: number }>; today: number | null } {
  if (phases.length === 0) return { segments: [], today: null };
  const first = Math.min(...phases.map((p) => dayNumber(p.startsOn)));
  const last = Math.max(...phases.map((p) => dayNumber(p.endsOn)));
  const span = last - first + 1;
  const at = (day: number) => ((day - first) / span) * 100;
  const now = dayNumber(today);
  return {
    segments: phases.map((p) => ({ left: at(dayNumber(p.startsOn)), width: ((dayNumber(p.endsOn) - dayNumber(p.startsOn) + 1) / span) * 100 })),
    today: now >= first && now <= last ? at(now + 0.5) : null,
  };
}

const locale = (lang: Lang) => (lang === 'hi' ? 'hi-IN' : 'en-IN');
const dayFormat = (lang: Lang, year: boolean) =>
  new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: lang === 'hi' ? 'long' : 'short',
    ...(year ? { year: 'numeric' as const } : {}),
    timeZone: 'UTC',
    numberingSystem: 'latn',
  });
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** "12 Nov" / "12 नवंबर" (with the year when it is not this one). */
export function formatDay(day: string, lang: Lang, thisYear = new Date().getFullYear()): string {
  return dayFormat(lang, Number(day.slice(0, 4)) !== thisYear).format(asDate(day));
}

/** "12–20 Nov", "28 Nov – 5 Dec" / "12 – 20 नवंबर": a phase's or campaign's days as one range. */
export function formatDays(start: string, end: string, lang: Lang, thisYear = new Date().getFullYear()): string {
  const year = Number(start.slice(0, 4)) !== thisYear || Number(end.slice(0, 4)) !== thisYear;
  const f = dayFormat(lang, year);
  return start === end ? f.format(asDate(start)) : f.formatRange(asDate(start), asDate(end));
}
