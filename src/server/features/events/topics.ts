import { sql } from 'kysely';
import { z } from 'zod';
import { registerTopic, type Lang } from '../delivery/index.ts';

export const INVITED = 'event.invited';
export const REMINDER = 'event.reminder';
export const CHANGED = 'event.changed';

/** What an event's outbox rows carry: its id, and its title for the message (never names or numbers). */
export const EventPayload = z.object({ eventId: z.number().int(), titleHi: z.string().nullable(), titleEn: z.string().nullable() });
export type EventPayload = z.infer<typeof EventPayload>;

/**
 * The audience of an event and of its linked events: holders of positions in its subtree that it names, without those
 * who said they will not come (for a reminder).
 */
const audience = (p: EventPayload, withoutNo: boolean) => sql<{ person_id: number }>`
  select distinct p.person_id
  from events e join units u on u.id = e.unit_id
  join units pu on pu.path <@ u.path and pu.archived_at is null and pu.level = any(e.levels)
  join positions p on p.unit_id = pu.id and p.ended_at is null
    and (e.roles is null or p.role = any(e.roles)) and (e.departments is null or p.department = any(e.departments))
  where e.id = ${p.eventId} and e.cancelled_at is null
  ${withoutNo ? sql`and not exists (select 1 from event_rsvps r where r.event_id = e.id and r.person_id = p.person_id and r.answer = 'no')` : sql``}`;

const title = (p: EventPayload, lang: Lang) => (lang === 'en' ? (p.titleEn ?? p.titleHi) : (p.titleHi ?? p.titleEn)) ?? '';

/**
 * An invitation when an event is created, a notice when its time changes, and a reminder before it starts, to its audience (a fanned-out event's
 * audience is every linked event's), through the channels people agreed to for organisation updates. The link opens
 * the person's own list of events, where a fanned-out event shows as their own unit's.
 */
export function registerEventTopics() {
  eventTopic(INVITED, false, { en: 'You are invited', hi: 'आपको आमंत्रण' });
  // A time changed after the invitation: the same people hear it, as they heard of the event.
  eventTopic(CHANGED, false, { en: 'Event time changed', hi: 'कार्यक्रम का समय बदला' });
  eventTopic(REMINDER, true, { en: 'Reminder: event coming up', hi: 'याद दिलाना: कार्यक्रम आने वाला है' });
}

/** One topic about an event: its audience (without those who said no, when `withoutNo`), its heading and title. */
function eventTopic(name: string, withoutNo: boolean, heading: Record<Lang, string>) {
  registerTopic<EventPayload>({
    name,
    purpose: 'org_updates',
    payload: EventPayload,
    recipients: (p) => audience(p, withoutNo),
    render: (p, lang) => ({ title: heading[lang], body: title(p, lang), url: '/events' }),
  });
}
