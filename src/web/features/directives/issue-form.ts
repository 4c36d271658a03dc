import { audienceOf } from '../../lib/audience.ts';
import { isWebLink } from './report-draft.ts';
import { localInputToIso } from '../../lib/time.ts';
import type { Ask, IssueDirective, Priority } from './types.ts';

/** The issue form as typed: text as entered, times as `datetime-local` values, links one per line. */
export interface IssueDraft {
  unit: { id: number; level: string; nameEn: string; nameHi: string } | null;
  titleHi: string;
  titleEn: string;
  bodyHi: string;
  bodyEn: string;
  links: string;
  fileIds: number[];
  priority: Priority;
  ask: Ask;
  dueAt: string;
  remindAt: string;
  escalateAt: string;
  levels: string[];
  roles: string[];
  departments: string[];
}

export { audienceOf, levelsBelow } from '../../lib/audience.ts';

export const MAX_LINKS = 10;

export type IssueField = 'unit' | 'title' | 'links' | 'dueAt' | 'remindAt' | 'escalateAt' | 'levels';
export type IssueProblem =
  | 'unitMissing'
  | 'titleMissing'
  | 'linksInvalid'
  | 'linksTooMany'
  | 'duePast'
  | 'needsDue'
  | 'remindPast'
  | 'remindAfterDue'
  | 'escalateBeforeDue'
  | 'levelsMissing';

/** The links, one per line (or separated by spaces), blanks dropped, each once. */
export function parseLinks(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}

/**
 * The draft checked as the server will check it, and more strictly where the server would accept something useless
 * (a reminder after the due time). Without problems, the body to send (without its clientKey).
 */
export function checkIssue(
  d: IssueDraft,
  now = Date.now(),
): { problems: Partial<Record<IssueField, IssueProblem>>; body: Omit<IssueDirective, 'clientKey'> | null } {
  const problems: Partial<Record<IssueField, IssueProblem>> = {};
  const t = (s: string) => s.trim();
  if (!d.unit) problems.unit = 'unitMissing';
  if (!t(d.titleHi) && !t(d.titleEn)) problems.title = 'titleMissing';
  const links = parseLinks(d.links);
  if (links.some((l) => !isWebLink(l))) problems.links = 'linksInvalid';
  else if (links.length > MAX_LINKS) problems.links = 'linksTooMany';
  if (d.levels.length === 0) problems.levels = 'levelsMissing';
  const due = localInputToIso(d.dueAt);
  const remind = localInputToIso(d.remindAt);
  const escalate = localInputToIso(d.escalateAt);
  if (due && Date.parse(due) <= now) problems.dueAt = 'duePast';
  if (remind && !due) problems.remindAt = 'needsDue';
  else if (remind && Date.parse(remind) <= now) problems.remindAt = 'remindPast';
  else if (remind && due && Date.parse(remind) >= Date.parse(due)) problems.remindAt = 'remindAfterDue';
  if (escalate && !due) problems.escalateAt = 'needsDue';
  else if (escalate && due && Date.parse(escalate) < Date.parse(due)) problems.escalateAt = 'escalateBeforeDue';
  if (Object.keys(problems).length > 0 || !d.unit) return { problems, body: null };
  const optional = (key: 'titleHi' | 'titleEn' | 'bodyHi' | 'bodyEn') => (t(d[key]) ? { [key]: t(d[key]) } : {});
  return {
    problems,
    body: {
      unitId: d.unit.id,
      ...optional('titleHi'),
      ...optional('titleEn'),
      ...optional('bodyHi'),
      ...optional('bodyEn'),
      links,
      fileIds: [...d.fileIds],
      priority: d.priority,
      ask: d.ask,
      ...(due ? { dueAt: due } : {}),
      ...(remind ? { remindAt: remind } : {}),
      ...(escalate ? { escalateAt: escalate } : {}),
      audience: audienceOf(d),
    },
  };
}

/** The server's validation issues by path, as the form's fields. */
export function fieldOfIssue(path: string): IssueField | null {
  const p = path.replace(/^(body|json)\./, '');
  if (p === 'titleHi' || p === 'titleEn') return 'title';
  if (p.startsWith('links')) return 'links';
  if (p.startsWith('audience')) return 'levels';
  if (p === 'unitId') return 'unit';
  return p === 'dueAt' || p === 'remindAt' || p === 'escalateAt' ? p : null;
}

/**
 * The levels ticked when the form opens or its unit changes: what is ticked and still lies below the unit, else what
 * the person last sent to (if it lies below), else nothing. Never a default level: ticking mandals on top of a
 * pre-ticked booth level once sent a directive meant for 32 mandals to 1,644 units.
 */
export function startingLevels(below: readonly string[], ticked: readonly string[], lastSent: readonly string[]): string[] {
  const kept = ticked.filter((c) => below.includes(c));
  return kept.length > 0 ? kept : lastSent.filter((c) => below.includes(c));
}
