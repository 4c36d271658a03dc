import { isoToLocalInput, localInputToIso } from '../../lib/time.ts';

/** The Election Commission's silence: the 48 hours before polling ends. */
export const SILENCE_HOURS = 48;

export type SilenceStatus = 'active' | 'upcoming' | 'ended' | 'cancelled';

/** Where a silence period stands now. */
export function silenceStatus(s: { startsAt: string; endsAt: string; cancelled: boolean }, now = Date.now()): SilenceStatus {
  if (s.cancelled) return 'cancelled';
  if (Date.parse(s.endsAt) <= now) return 'ended';
  return Date.parse(s.startsAt) <= now ? 'active' : 'upcoming';
}

/** Running and coming ones first (soonest first), then the past, latest first. */
export function sortSilences<S extends { startsAt: string; endsAt: string; cancelled: boolean }>(list: readonly S[], now = Date.now()): S[] {
  const rank = (s: S) => ({ active: 0, upcoming: 1, ended: 2, cancelled: 3 })[silenceStatus(s, now)];
  return [...list].sort((a, b) => rank(a) - rank(b) || (rank(a) < 2 ? a.startsAt.localeCompare(b.startsAt) : b.startsAt.localeCompare(a.startsAt)));
}

/** The end a start suggests: 48 hours later, as a `datetime-local` value. */
export function suggestedEnd(startLocal: string): string {
  const start = localInputToIso(startLocal);
  return start ? isoToLocalInput(new Date(Date.parse(start) + SILENCE_HOURS * 3_600_000)) : '';
}

export type SilenceProblem = 'startMissing' | 'endMissing' | 'endBeforeStart' | 'endPast' | 'reasonMissing';

/** The declaration checked as the server checks it (and an end already past, which would declare nothing). */
export function checkSilence(
  input: { start: string; end: string; reason: string },
  now = Date.now(),
): { problems: Partial<Record<'start' | 'end' | 'reason', SilenceProblem>>; body: { startsAt: string; endsAt: string; reason: string } | null } {
  const startsAt = localInputToIso(input.start);
  const endsAt = localInputToIso(input.end);
  const reason = input.reason.trim();
  const problems: Partial<Record<'start' | 'end' | 'reason', SilenceProblem>> = {};
  if (!startsAt) problems.start = 'startMissing';
  if (!endsAt) problems.end = 'endMissing';
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.end = 'endBeforeStart';
  else if (Date.parse(endsAt) <= now) problems.end = 'endPast';
  if (!reason) problems.reason = 'reasonMissing';
  return { problems, body: startsAt && endsAt && Object.keys(problems).length === 0 ? { startsAt, endsAt, reason: reason.slice(0, 500) } : null };
}
