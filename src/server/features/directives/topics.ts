import { sql } from 'kysely';
import { z } from 'zod';
import { registerTopic, type Lang } from '../delivery/index.ts';
import { holderMatches } from './directives.repo.ts';

/** What a directive's outbox rows carry: its id, and its title for the message (never names or numbers). */
export const DirectivePayload = z.object({ directiveId: z.number().int(), titleHi: z.string().nullable(), titleEn: z.string().nullable() });
export type DirectivePayload = z.infer<typeof DirectivePayload>;

/** A directive's messages outside the app, each sent at most once: the topic with the id is its outbox key. */
export const DIRECTIVE_TOPICS = ['directive.issued', 'directive.reminder', 'directive.overdue'] as const;
export const messageKey = (topic: (typeof DIRECTIVE_TOPICS)[number], directiveId: number) => `${topic}:${directiveId}`;

const title = (p: DirectivePayload, lang: Lang) => (lang === 'en' ? (p.titleEn ?? p.titleHi) : (p.titleHi ?? p.titleEn)) ?? '';
const link = (p: DirectivePayload) => `/directives/${p.directiveId}`;

/** Holders of the directive's target units that the audience names; `openOnly` keeps units that have not acknowledged. */
const holders = (p: DirectivePayload, openOnly: boolean) => sql<{ person_id: number }>`
  select p.person_id from directives d
  join directive_units du on du.directive_id = d.id and du.target ${openOnly ? sql`and du.acked_at is null` : sql``}
  join positions p on p.unit_id = du.unit_id and p.ended_at is null and ${holderMatches}
  where d.id = ${p.directiveId}`;

/**
 * The three messages a directive sends outside the app, to people who agreed to organisation updates: it was issued;
 * a reminder to units that have not acknowledged; and, at escalation, to the parents of overdue units.
 */
export function registerDirectiveTopics() {
  registerTopic<DirectivePayload>({
    name: 'directive.issued',
    purpose: 'org_updates',
    payload: DirectivePayload,
    recipients: (p) => holders(p, false),
    render: (p, lang) => ({ title: lang === 'en' ? 'New directive' : 'नया निर्देश', body: title(p, lang), url: link(p) }),
  });
  registerTopic<DirectivePayload>({
    name: 'directive.reminder',
    purpose: 'org_updates',
    payload: DirectivePayload,
    recipients: (p) => holders(p, true),
    render: (p, lang) => ({ title: lang === 'en' ? 'Reminder: please acknowledge' : 'याद दिलाना: कृपया पावती दें', body: title(p, lang), url: link(p) }),
  });
  registerTopic<DirectivePayload>({
    name: 'directive.overdue',
    purpose: 'org_updates',
    payload: DirectivePayload,
    recipients: (p) => sql<{ person_id: number }>`
      select p.person_id from directive_escalations e join positions p on p.unit_id = e.unit_id and p.ended_at is null
      where e.directive_id = ${p.directiveId}`,
    render: (p, lang) => ({
      title: lang === 'en' ? 'Units below you are overdue' : 'आपके नीचे की इकाइयाँ समय से पीछे हैं',
      body: title(p, lang),
      url: link(p),
    }),
  });
}
