import type { Lang } from '../../lib/format.ts';

const locale = (lang: Lang) => (lang === 'hi' ? 'hi-IN' : 'en-IN');

/**
 * When an event is: "Sat, 14 Nov, 18:00 – 20:00" on one day, both dates when it runs over several (a training camp),
 * the year only when it is not this one. 24-hour time, as elsewhere in the app.
 */
export function formatSpan(startsAt: string, endsAt: string, lang: Lang, now = new Date()): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '';
  const year = start.getFullYear() === now.getFullYear() && end.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' as const };
  const format = new Intl.DateTimeFormat(locale(lang), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...year,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    numberingSystem: 'latn',
  });
  return end.getTime() > start.getTime() ? format.formatRange(start, end) : format.format(start);
}

export type EventPhase = 'upcoming' | 'now' | 'past';

/** Whether an event is still to come, going on, or over. */
export function phaseOf(e: { startsAt: string; endsAt: string }, now = Date.now()): EventPhase {
  if (Date.parse(e.endsAt) < now) return 'past';
  return Date.parse(e.startsAt) <= now ? 'now' : 'upcoming';
}

/** The list's order: what is on now and what is coming, soonest first; then what is over, latest first. */
export function orderEvents<E extends { id: number; startsAt: string; endsAt: string }>(items: readonly E[], now = Date.now()): E[] {
  const over = (e: E) => phaseOf(e, now) === 'past';
  return [...items].sort((a, b) => {
    if (over(a) !== over(b)) return over(a) ? 1 : -1;
    const byStart = Date.parse(a.startsAt) - Date.parse(b.startsAt);
    return (over(a) ? -byStart : byStart) || a.id - b.id;
  });
}
