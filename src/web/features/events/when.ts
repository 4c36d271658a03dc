import type { Lang } from '../../lib/format.ts';
import { formatWhen } from '../../lib/time.ts';

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

interface Timed {
  startsAt: string | null;
  endsAt: string | null;
}

/**
 * A programme by day, for a training camp over several days: consecutive sessions on one calendar day (the phone's)
 * under that day's name ("शनि, 21 नव॰"); a session without a time stays with the day before it. One group with no
 * name when everything is on one day, as a one-evening meeting's programme needs no heading.
 */
export function sessionsByDay<S extends Timed>(sessions: readonly S[], lang: Lang): Array<{ day: string | null; sessions: S[] }> {
  const dayOf = new Intl.DateTimeFormat(locale(lang), { weekday: 'short', day: 'numeric', month: 'short', numberingSystem: 'latn' });
  const groups: Array<{ day: string | null; sessions: S[] }> = [];
  for (const s of sessions) {
    const day = s.startsAt ? dayOf.format(new Date(s.startsAt)) : null;
    const last = groups.at(-1);
    if (last && (day === null || day === last.day)) last.sessions.push(s);
    else groups.push({ day, sessions: [s] });
  }
  const days = new Set(groups.map((g) => g.day).filter((d) => d !== null));
  return days.size > 1 ? groups : [{ day: null, sessions: [...sessions] }];
}

/**
 * A session's time: "17:30 – 18:30" under its day's heading, or with the day ("21 Nov, 17:30 – 18:30", as formatWhen
 * says a time) in a list without headings; the end's day only when it is another day than the start's.
 */
export function sessionTime(s: Timed, lang: Lang, withDay: boolean, now = new Date()): string {
  if (!s.startsAt) return '';
  const time = new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' });
  const start = new Date(s.startsAt);
  const from = withDay ? formatWhen(s.startsAt, lang, now) : time.format(start);
  if (!s.endsAt) return from;
  const end = new Date(s.endsAt);
  return `${from} – ${start.toDateString() === end.toDateString() ? time.format(end) : formatWhen(s.endsAt, lang, now)}`;
}
