import { audienceOf } from '../../lib/audience.ts';
import { isoToLocalInput, localInputToIso } from '../../lib/time.ts';
import type { CreateEvent, UnitRef } from './types.ts';

/** How the event meets by video: not at all, in a Jitsi room Setu makes, or at a link the organiser pastes. */
export type VideoChoice = 'none' | 'jitsi' | 'link';

/** One row of the programme as typed. */
export interface SessionDraft {
  title: string;
  speaker: string;
  /** A `datetime-local` value, or ''. */
  startsAt: string;
  /** A `datetime-local` value, or '' (a session of a training camp ends before the next begins). */
  endsAt: string;
}

/** The create form as typed: text as entered, times as `datetime-local` values. */
export interface EventDraft {
  unit: UnitRef | null;
  kind: string;
  titleHi: string;
  titleEn: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  video: VideoChoice;
  videoUrl: string;
  /** The level below the unit it is held at, every unit of it ("a meeting at every shakti kendra"); '' for the unit alone. */
  holdAt: string;
  levels: string[];
  roles: string[];
  departments: string[];
  sessions: SessionDraft[];
  chair: string;
  conductor: string;
  chiefGuest: string;
}

export const EMPTY_SESSION: SessionDraft = { title: '', speaker: '', startsAt: '', endsAt: '' };

export type EventField = 'unit' | 'kind' | 'title' | 'startsAt' | 'endsAt' | 'videoUrl' | 'levels' | 'sessions';
export type EventProblem =
  | 'unitMissing'
  | 'kindMissing'
  | 'titleMissing'
  | 'startMissing'
  | 'endMissing'
  | 'endBeforeStart'
  | 'linkInvalid'
  | 'levelsMissing'
  | 'sessionTitleMissing'
  | 'sessionEndBeforeStart';

interface Level {
  code: string;
  depth: number;
}

/** An address a video meeting can be at: http or https, as the server accepts. */
export function isVideoLink(text: string): boolean {
  try {
    const u = new URL(text.trim());
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * The levels the audience may be drawn from: the level it is held at (the unit's own, or every unit of `holdAt`) and
 * those below it, top first (the server's rule).
 */
export function audienceLevels<L extends Level>(levels: readonly L[] | undefined, unitLevel: string | undefined, holdAt: string): L[] {
  const depth = levels?.find((l) => l.code === (holdAt || unitLevel))?.depth;
  if (depth === undefined) return [];
  return (levels ?? []).filter((l) => l.depth >= depth).sort((a, b) => a.depth - b.depth);
}

/** The two hours after a start, as the end a person most likely means (a `datetime-local` value), or '' for no start. */
export function endAfter(startsAt: string, hours = 2): string {
  const start = localInputToIso(startsAt);
  return start ? isoToLocalInput(new Date(Date.parse(start) + hours * 3_600_000)) : '';
}

/** The rows of the programme that say anything: a row left empty is dropped. */
const filledSessions = (sessions: readonly SessionDraft[]) => sessions.filter((s) => s.title.trim() || s.speaker.trim() || s.startsAt || s.endsAt);

/** The programme as typed, checked as the server checks it: a problem, or the rows to send. */
export function checkSessions(drafts: readonly SessionDraft[]): { problem?: EventProblem; sessions: CreateEvent['sessions'] } {
  const sessions = filledSessions(drafts).map((s) => {
    const startsAt = localInputToIso(s.startsAt);
    const endsAt = localInputToIso(s.endsAt);
    return {
      title: s.title.trim(),
      ...(s.speaker.trim() ? { speaker: s.speaker.trim() } : {}),
      ...(startsAt ? { startsAt } : {}),
      ...(endsAt ? { endsAt } : {}),
    };
  });
  if (sessions.some((s) => !s.title)) return { problem: 'sessionTitleMissing', sessions };
  if (sessions.some((s) => s.startsAt && s.endsAt && Date.parse(s.endsAt) < Date.parse(s.startsAt))) return { problem: 'sessionEndBeforeStart', sessions };
  return { sessions };
}

/** An event's programme as the form's rows. */
export const sessionDrafts = (
  sessions: ReadonlyArray<{ title: string; speaker: string | null; startsAt: string | null; endsAt: string | null }>,
): SessionDraft[] =>
  sessions.map((s) => ({
    title: s.title,
    speaker: s.speaker ?? '',
    startsAt: s.startsAt ? isoToLocalInput(s.startsAt) : '',
    endsAt: s.endsAt ? isoToLocalInput(s.endsAt) : '',
  }));

/** The draft checked as the server will check it. Without problems, the body to send (without its clientKey). */
export function checkEvent(d: EventDraft): { problems: Partial<Record<EventField, EventProblem>>; body: Omit<CreateEvent, 'clientKey'> | null } {
  const problems: Partial<Record<EventField, EventProblem>> = {};
  const t = (s: string) => s.trim();
  if (!d.unit) problems.unit = 'unitMissing';
  if (!d.kind) problems.kind = 'kindMissing';
  if (!t(d.titleHi) && !t(d.titleEn)) problems.title = 'titleMissing';
  const starts = localInputToIso(d.startsAt);
  const ends = localInputToIso(d.endsAt);
  if (!starts) problems.startsAt = 'startMissing';
  if (!ends) problems.endsAt = 'endMissing';
  else if (starts && Date.parse(ends) < Date.parse(starts)) problems.endsAt = 'endBeforeStart';
  if (d.video === 'link' && !isVideoLink(d.videoUrl)) problems.videoUrl = 'linkInvalid';
  if (d.levels.length === 0) problems.levels = 'levelsMissing';
  const { problem, sessions } = checkSessions(d.sessions);
  if (problem) problems.sessions = problem;
  if (Object.keys(problems).length > 0 || !d.unit || !starts || !ends) return { problems, body: null };
  const optional = <K extends 'titleHi' | 'titleEn' | 'description' | 'venue' | 'chair' | 'conductor' | 'chiefGuest'>(key: K) =>
    t(d[key]) ? { [key]: t(d[key]) } : {};
  return {
    problems,
    body: {
      unitId: d.unit.id,
      kind: d.kind,
      ...optional('titleHi'),
      ...optional('titleEn'),
      ...optional('description'),
      startsAt: starts,
      endsAt: ends,
      ...optional('venue'),
      ...(d.video === 'link' ? { videoUrl: t(d.videoUrl) } : d.video === 'jitsi' ? { virtual: true } : {}),
      ...(d.holdAt ? { holdAt: d.holdAt } : {}),
      audience: audienceOf(d),
      sessions,
      ...optional('chair'),
      ...optional('conductor'),
      ...optional('chiefGuest'),
    },
  };
}

/** The server's validation issues by path, as the form's fields. */
export function fieldOfIssue(path: string): EventField | null {
  const p = path.replace(/^(body|json)\./, '');
  if (p === 'titleHi' || p === 'titleEn') return 'title';
  if (p.startsWith('audience') || p === 'holdAt') return 'levels';
  if (p.startsWith('sessions')) return 'sessions';
  if (p === 'unitId') return 'unit';
  if (p === 'videoUrl') return 'videoUrl';
  return p === 'kind' || p === 'startsAt' || p === 'endsAt' ? p : null;
}
