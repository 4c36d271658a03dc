import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { EventListItem, EventSessionInput } from '../../../contracts/events.ts';
import type { z } from 'zod';
import type { Schema } from '../../platform/db/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** An event as lists and pages read it: with its unit, its kind's names, and the caller's RSVP. */
export interface EventRow {
  id: number;
  unit_id: number;
  unit_level: string;
  unit_name_en: string;
  unit_name_hi: string;
  unit_path: string;
  parent_id: number | null;
  kind: string;
  kind_en: string;
  kind_hi: string;
  kind_virtual: boolean;
  title_hi: string | null;
  title_en: string | null;
  starts_at: Date;
  ends_at: Date;
  venue: string | null;
  video_url: string | null;
  hold_at: string | null;
  children: number;
  cancelled_at: Date | null;
  held_at: Date | null;
  attendees: number;
  my_rsvp: 'yes' | 'no' | 'maybe' | null;
  /** How often what a calendar shows changed (SEQUENCE), and when last (LAST-MODIFIED). */
  revision: number;
  modified_at: Date;
}

/**
 * When an event counts as held, or null: marked held (by a first attendance or by its record) and started. People may
 * check in before the start and an organiser may tick "held" early, but an event held an hour before it starts is not
 * held: the campaign figures and the roll-up would count a meeting that may yet be called off. Over `events e`; the
 * campaigns' count (`campaigns/figures.repo.ts`) reads the same condition.
 */
export const heldAt = sql<Date | null>`(case when e.held_at is not null and e.starts_at <= now() then greatest(e.held_at, e.starts_at) end)`;

/** The columns of EventRow, for queries over `events e` joined to `units u` and `event_kinds k`. */
export const eventColumns = (personId: number) => sql`
  e.id, e.unit_id, u.level as unit_level, u.name_en as unit_name_en, u.name_hi as unit_name_hi, u.path::text as unit_path,
  e.parent_id, e.kind, k.name_en as kind_en, k.name_hi as kind_hi, k.virtual as kind_virtual, e.title_hi, e.title_en,
  e.starts_at, e.ends_at, e.venue, e.video_url, e.hold_at, e.children, e.cancelled_at, ${heldAt} as held_at, e.attendees,
  e.revision, coalesce(e.updated_at, e.created_at) as modified_at,
  (select r.answer from event_rsvps r where r.event_id = e.id and r.person_id = ${personId}) as my_rsvp`;

export function presentListItem(e: EventRow): EventListItem {
  return {
    id: e.id,
    unit: { id: e.unit_id, level: e.unit_level, nameEn: e.unit_name_en, nameHi: e.unit_name_hi },
    parentId: e.parent_id,
    kind: { code: e.kind, nameEn: e.kind_en, nameHi: e.kind_hi, virtual: e.kind_virtual },
    titleHi: e.title_hi,
    titleEn: e.title_en,
    startsAt: e.starts_at.toISOString(),
    endsAt: e.ends_at.toISOString(),
    venue: e.venue,
    videoUrl: e.video_url,
    holdAt: e.hold_at,
    children: e.children,
    cancelled: e.cancelled_at !== null,
    heldAt: e.held_at?.toISOString() ?? null,
    attendees: e.attendees,
    myRsvp: e.my_rsvp,
  };
}

export async function findEventRow(db: Db, id: number, personId: number): Promise<EventRow | undefined> {
  const { rows } = await sql<EventRow>`
    select ${eventColumns(personId)}
    from events e join units u on u.id = e.unit_id join event_kinds k on k.code = e.kind
    where e.id = ${id}`.execute(db);
  return rows[0];
}

/**
 * SQL condition: the person holds a live position, at a unit in the event's subtree, that the event's audience names
 * (its level, role and department). Over `events e` and `units u` (the event's unit).
 */
export const inAudience = (personId: number | RawBuilder<number>) => sql<boolean>`exists (
  select 1 from positions p join units pu on pu.id = p.unit_id
  where p.person_id = ${personId} and p.ended_at is null and pu.path <@ u.path and pu.archived_at is null
    and pu.level = any(e.levels) and (e.roles is null or p.role = any(e.roles)) and (e.departments is null or p.department = any(e.departments)))`;

/**
 * SQL condition: the person is a guest of the event, someone who may not see it but for having attended: not in its
 * turf (a live position at its unit or above), not named by its audience (a fanned-out parent has none), not among
 * those who answered. The same reasons as `visibleEvent` in access.ts. Over `events e` and `units u` (the event's unit).
 */
export const isGuest = (personId: RawBuilder<number>) => sql<boolean>`not (
  (e.hold_at is null and ${inAudience(personId)})
  or exists (select 1 from event_rsvps r where r.event_id = e.id and r.person_id = ${personId})
  or exists (select 1 from positions p join units pu on pu.id = p.unit_id
    where p.person_id = ${personId} and p.ended_at is null and pu.archived_at is null and u.path <@ pu.path))`;

/** Writes an event's programme, in the order given (the create and edit forms send every row). */
export async function insertSessions(trx: Transaction<Schema>, eventId: number, sessions: readonly z.infer<typeof EventSessionInput>[]) {
  if (sessions.length === 0) return;
  await trx
    .insertInto('event_sessions')
    .values(
      sessions.map((s, position) => ({
        event_id: eventId,
        position,
        title: s.title,
        speaker: s.speaker ?? null,
        starts_at: s.startsAt ?? null,
        ends_at: s.endsAt ?? null,
      })),
    )
    .execute();
}
