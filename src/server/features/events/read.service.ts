import { sql, type Kysely } from 'kysely';
import type { EventDetail, EventListItem, EventPeriod } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { inTurf } from '../org/index.ts';
import { personUnitPaths } from '../people/index.ts';
import { rsvpRefusal, visibleEvent } from './access.ts';
import { eventColumns, presentListItem, type EventRow } from './events.repo.ts';

/** One event as its page shows it; description and sessions of a linked event are its parent's. */
export async function eventDetail(db: Kysely<Schema>, actor: Actor, id: number): Promise<EventDetail> {
  const { event, canManage } = await visibleEvent(db, actor, id);
  const source = event.parent_id ?? event.id;
  const [more, sessions, photos, rsvps, present, rsvpRefused] = await Promise.all([
    sql<{
      description: string | null;
      levels: string[];
      roles: string[] | null;
      departments: string[] | null;
      chair: string | null;
      conductor: string | null;
      chief_guest: string | null;
      created_by: number;
      creator: string;
      minutes: string | null;
    }>`
      select coalesce(e.description, parent.description) as description, e.levels, e.roles, e.departments, e.chair, e.conductor,
        e.chief_guest, e.created_by, p.name as creator, e.minutes
      from events e join people p on p.id = e.created_by left join events parent on parent.id = e.parent_id
      where e.id = ${id}`.execute(db),
    db.selectFrom('event_sessions').select(['title', 'speaker', 'starts_at', 'ends_at']).where('event_id', '=', source).orderBy('position').execute(),
    db
      .selectFrom('event_photos as ph')
      .innerJoin('files as f', 'f.id', 'ph.file_id')
      .select(['f.id', 'f.name', 'f.mime', 'f.size'])
      .where('ph.event_id', '=', id)
      .orderBy('ph.added_at')
      .execute(),
    db
      .selectFrom('event_rsvps')
      .select(['answer', sql<number>`count(*)::int`.as('n')])
      .where('event_id', '=', id)
      .groupBy('answer')
      .execute(),
    db.selectFrom('event_attendance').select('person_id').where('event_id', '=', id).where('person_id', '=', actor.personId).executeTakeFirst(),
    rsvpRefusal(db, actor, event),
  ]);
  const m = more.rows[0]!;
  const count = (a: string) => rsvps.find((r) => r.answer === a)?.n ?? 0;
  return {
    ...presentListItem(event),
    description: m.description,
    audience: { levels: m.levels, ...(m.roles ? { roles: m.roles } : {}), ...(m.departments ? { departments: m.departments } : {}) },
    sessions: sessions.map((s) => ({
      title: s.title,
      speaker: s.speaker,
      startsAt: s.starts_at?.toISOString() ?? null,
      endsAt: s.ends_at?.toISOString() ?? null,
    })),
    chair: m.chair,
    conductor: m.conductor,
    chiefGuest: m.chief_guest,
    createdBy: { id: m.created_by, name: m.creator },
    minutes: m.minutes,
    photos,
    rsvps: { yes: count('yes'), no: count('no'), maybe: count('maybe') },
    present: present !== undefined,
    canRsvp: rsvpRefused === null,
    canManage,
  };
}

const defaultFrom = () => new Date(Date.now() - 86_400_000).toISOString();

/**
 * The caller's events: those whose audience names a position they hold (a fanned-out event as their own unit's linked
 * event, not the parent) and those at units where they hold a position (what they organise), from a day ago on, or
 * with `past` those that have ended, latest first (last week's workshop and its record); cancelled ones too, marked, so
 * nobody travels to a meeting that was called off.
 */
export async function myEvents(db: Kysely<Schema>, actor: Actor, q: Window & { period?: EventPeriod }): Promise<EventListItem[]> {
  return (await myEventRows(db, actor, q)).map(presentListItem);
}

/** A window of events by their times, and how many at most. */
interface Window {
  from?: string;
  to?: string;
  limit: number;
}

/** The rows behind `myEvents` (the calendar feed reads their revision too). */
export async function myEventRows(db: Kysely<Schema>, actor: Actor, q: Window & { period?: EventPeriod }): Promise<EventRow[]> {
  const past = q.period === 'past';
  const when = past ? sql`e.ends_at < now() ${q.from ? sql`and e.ends_at >= ${q.from}` : sql``}` : sql`e.ends_at >= ${q.from ?? defaultFrom()}`;
  const { rows } = await sql<EventRow>`
    with mine as (
      select p.unit_id, p.role, p.department, u.level, string_to_array(u.path::text, '.')::int[] as chain
      from positions p join units u on u.id = p.unit_id
      where p.person_id = ${actor.personId} and p.ended_at is null and u.archived_at is null
    ),
    found as (
      select distinct e.id from mine m join events e on e.unit_id = any(m.chain)
      where ${when} ${q.to ? sql`and e.starts_at < ${q.to}` : sql``}
        and (e.unit_id = m.unit_id
          or (e.hold_at is null and m.level = any(e.levels) and (e.roles is null or m.role = any(e.roles))
              and (e.departments is null or m.department = any(e.departments))))
    )
    select ${eventColumns(actor.personId)}
    from found join events e on e.id = found.id join units u on u.id = e.unit_id join event_kinds k on k.code = e.kind
    order by ${past ? sql`e.starts_at desc, e.id desc` : sql`e.starts_at, e.id`} limit ${q.limit}`.execute(db);
  return rows;
}

/** Events held at a unit in the caller's turf (its own, not its subtree's linked events), cancelled ones too. */
export async function unitEvents(db: Kysely<Schema>, actor: Actor, unitId: number, q: Window): Promise<EventListItem[]> {
  return (await unitEventRows(db, actor, unitId, q, false)).map(presentListItem);
}

/**
 * The rows behind `unitEvents`; with `below`, the events held anywhere under the unit as well (a state's calendar
 * has its districts' workshops). An event held at every unit of a level is there once, as the event that was fanned
 * out, with the unit's own linked event: a state's feed does not list two lakh shakti kendra meetings one by one.
 */
export async function unitEventRows(db: Kysely<Schema>, actor: Actor, unitId: number, q: Window, below: boolean): Promise<EventRow[]> {
  const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!unit || !actor.turf.covers(unit.path)) throw notFound('unit');
  const where = below ? sql`u.path <@ ${unit.path}::ltree and (e.parent_id is null or e.unit_id = ${unitId})` : sql`e.unit_id = ${unitId}`;
  const { rows } = await sql<EventRow>`
    select ${eventColumns(actor.personId)}
    from events e join units u on u.id = e.unit_id join event_kinds k on k.code = e.kind
    where ${where} and e.ends_at >= ${q.from ?? defaultFrom()} ${q.to ? sql`and e.starts_at < ${q.to}` : sql``}
    order by e.starts_at, e.id limit ${q.limit}`.execute(db);
  return rows;
}

/**
 * The events a person attended, newest first: their own, or anyone's whose units (home or positions) are in the caller's
 * turf; anyone else is not found. An event attended as a guest is listed only to those whose turf holds the event: a
 * guest reads nothing of it, and nor does a leader of theirs elsewhere.
 */
export async function personAttendance(db: Kysely<Schema>, actor: Actor, personId: number) {
  if (personId !== actor.personId && !(await personUnitPaths(db, personId)).some((p) => actor.turf.covers(p))) throw notFound('person');
  const { rows } = await sql<EventRow & { method: 'qr' | 'roll_call' | 'walk_in'; marked_at: Date }>`
    select ${eventColumns(personId)}, a.method, a.marked_at
    from event_attendance a join events e on e.id = a.event_id join units u on u.id = e.unit_id join event_kinds k on k.code = e.kind
    where a.person_id = ${personId} and (not a.guest or ${inTurf(actor.turf, sql<string>`u.path`)})
    order by e.starts_at desc, e.id desc limit 100`.execute(db);
  return { items: rows.map((r) => ({ event: presentListItem(r), method: r.method, markedAt: r.marked_at.toISOString() })) };
}
