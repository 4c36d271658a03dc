import { isoToLocalInput, localInputToIso } from '../../lib/time.ts';
import { checkSessions, sessionDrafts, type EventProblem, type SessionDraft } from './event-form.ts';
import type { EventDetail, UpdateEvent } from './types.ts';

/** The edit form as typed: the event's words and times (a linked event's words are its parent's, not shown). */
export interface EditDraft {
  titleHi: string;
  titleEn: string;
  description: string;
  startsAt: string;
  endsAt: string;
  sessions: SessionDraft[];
}

export type EditField = 'title' | 'startsAt' | 'endsAt' | 'sessions';

/** The form filled with the event as it is. */
export function editDraftOf(e: EventDetail): EditDraft {
  return {
    titleHi: e.titleHi ?? '',
    titleEn: e.titleEn ?? '',
    description: e.description ?? '',
    startsAt: isoToLocalInput(e.startsAt),
    endsAt: isoToLocalInput(e.endsAt),
    sessions: sessionDrafts(e.sessions),
  };
}

const sameSessions = (a: UpdateEvent['sessions'], b: EventDetail['sessions']) =>
  JSON.stringify(a) ===
  JSON.stringify(
    b.map((s) => ({
      title: s.title,
      ...(s.speaker ? { speaker: s.speaker } : {}),
      ...(s.startsAt ? { startsAt: s.startsAt } : {}),
      ...(s.endsAt ? { endsAt: s.endsAt } : {}),
    })),
  );

/**
 * The draft checked as the server checks it; without problems, only what changed (an empty body: nothing to save).
 * On a linked event (`parentId` set) only the times are the unit's to change.
 */
export function checkEdit(d: EditDraft, e: EventDetail): { problems: Partial<Record<EditField, EventProblem>>; body: UpdateEvent | null } {
  const problems: Partial<Record<EditField, EventProblem>> = {};
  const linked = e.parentId !== null;
  const t = (s: string) => s.trim();
  if (!linked && !t(d.titleHi) && !t(d.titleEn)) problems.title = 'titleMissing';
  const startsAt = localInputToIso(d.startsAt);
  const endsAt = localInputToIso(d.endsAt);
  if (!startsAt) problems.startsAt = 'startMissing';
  if (!endsAt) problems.endsAt = 'endMissing';
  else if (startsAt && Date.parse(endsAt) < Date.parse(startsAt)) problems.endsAt = 'endBeforeStart';
  const { problem, sessions } = checkSessions(d.sessions);
  if (!linked && problem) problems.sessions = problem;
  if (Object.keys(problems).length > 0 || !startsAt || !endsAt) return { problems, body: null };
  const text = (typed: string, was: string | null) => (t(typed) || null) !== was;
  const body: UpdateEvent = {
    ...(!linked && text(d.titleHi, e.titleHi) ? { titleHi: t(d.titleHi) || null } : {}),
    ...(!linked && text(d.titleEn, e.titleEn) ? { titleEn: t(d.titleEn) || null } : {}),
    ...(!linked && text(d.description, e.description) ? { description: t(d.description) || null } : {}),
    ...(!linked && !sameSessions(sessions, e.sessions) ? { sessions } : {}),
    // Minutes are what the form holds: a time shown to the minute and not touched is not a change.
    ...(d.startsAt !== isoToLocalInput(e.startsAt) ? { startsAt } : {}),
    ...(d.endsAt !== isoToLocalInput(e.endsAt) ? { endsAt } : {}),
  };
  return { problems, body };
}
