import type { Lang } from './format.ts';

const locale = (lang: Lang) => (lang === 'hi' ? 'hi-IN' : 'en-IN');
// 24-hour time: "am/pm" reads oddly in a Hindi sentence (as on the capture screen).
const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' } as const;

/** "14:05" today, "3 Nov, 14:05" / "3 नव॰, 14:05" on another day this year, with the year otherwise. */
export function formatWhen(iso: string, lang: Lang, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (d.toDateString() === now.toDateString()) return new Intl.DateTimeFormat(locale(lang), TIME).format(d);
  const year = d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' as const };
  return new Intl.DateTimeFormat(locale(lang), { ...TIME, day: 'numeric', month: 'short', ...year }).format(d);
}

/** Whether a due time has passed. */
export const isPast = (iso: string | null | undefined, now = Date.now()) => Boolean(iso && Date.parse(iso) < now);

/**
 * A `datetime-local` value (the phone's own time zone, no zone written) as an ISO time with its zone, which the
 * server needs; '' or an impossible value is undefined.
 */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The other way: a time as a `datetime-local` value in the phone's time zone ("2026-11-10T18:00"). */
export function isoToLocalInput(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
