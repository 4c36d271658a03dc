import { sql, type Kysely, type Transaction } from 'kysely';
import type { Roll } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findLiveByPhoneAndName, insertPerson } from '../people/index.ts';
import { liveManagedEvent, visibleEvent } from './access.ts';
import { CHECKIN_OPENS_BEFORE_MS, CHECKIN_ROTATE_MS, checkinKey, signCheckin, verifyCheckin } from './checkin-token.ts';
import type { EventsDeps } from './deps.ts';
import { isGuest } from './events.repo.ts';

type Method = 'qr' | 'roll_call' | 'walk_in';
type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Marks people present, once each: a second mark (a scan repeated, a roll call synced twice) changes nothing. The
 * event's count grows by those newly marked, and the first one present makes it held (which counts only from its
 * start: `heldAt` in events.repo.ts). A time from an offline phone is kept if believable (not in the future, not long
 * before the event), otherwise now. Someone the event does not concern (a guest from elsewhere with the QR code, a
 * walk-in found by phone from another district) is marked a guest: counted and shown to the organiser, but their
 * attendance lets them read nothing of the event.
 */
export async function markPresent(db: Db, eventId: number, marks: readonly { personId: number; at?: string | undefined }[], method: Method, by: number) {
  const { rows } = await sql<{ added: number }>`
    with given as (
      select x.person_id, x.at from unnest(${marks.map((m) => m.personId)}::int[], ${marks.map((m) => m.at ?? null)}::timestamptz[]) as x(person_id, at)
    ),
    ins as (
      insert into event_attendance (event_id, person_id, method, marked_by, marked_at, guest)
      select e.id, g.person_id, ${method}, ${by},
        case when g.at is null or g.at > now() or g.at < e.starts_at - interval '1 day' then now() else g.at end,
        ${isGuest(sql<number>`g.person_id`)}
      from given g join events e on e.id = ${eventId} join units u on u.id = e.unit_id
      on conflict (event_id, person_id) do nothing
      returning person_id
    ),
    counted as (
      update events set attendees = attendees + (select count(*) from ins),
        held_at = case when exists (select 1 from ins) then coalesce(held_at, now()) else held_at end
      where id = ${eventId}
    )
    select count(*)::int as added from ins`.execute(db);
  return rows[0]!.added;
}

/** The code the organiser's screen shows as a QR: the event's check-in address, valid for a few minutes. */
export async function checkinCode(deps: EventsDeps, actor: Actor, id: number, origin: string) {
  await liveManagedEvent(deps.db, actor, id);
  const { token, expiresAt } = signCheckin(checkinKey(deps.cipher, id), id);
  // The token rides in the fragment: it never reaches a server log or a Referer header.
  const url = `${deps.publicUrl ?? origin}/events/${id}/checkin#t=${token}`;
  return { token, url, expiresAt: expiresAt.toISOString(), refreshInMs: CHECKIN_ROTATE_MS };
}

/**
 * Checks the caller in with a scanned code. A fresh code of this event is enough, even for a guest from elsewhere
 * (the code proves they were in the room): they are recorded as a guest and may still not read the event. A forged or
 * stale code is refused with its reason to someone who can see the event, and as not found to anyone else. A fresh
 * code earlier than half an hour before the start is refused (`checkin_too_early`) to whoever holds it: the event is
 * not on yet, and an early arrival counts only from the start anyway.
 */
export async function checkIn(deps: EventsDeps, actor: Actor, id: number, token: string) {
  const event = await deps.db.selectFrom('events').select(['id', 'cancelled_at', 'starts_at']).where('id', '=', id).executeTakeFirst();
  if (!event) throw notFound('event');
  const verdict = verifyCheckin(checkinKey(deps.cipher, id), id, token);
  if (!verdict.ok || event.cancelled_at) {
    await visibleEvent(deps.db, actor, id); // 404 for those who may not know of it
    if (event.cancelled_at) throw new AppError('event_cancelled', 'this event was cancelled');
    if (!verdict.ok && verdict.reason === 'expired') throw new AppError('checkin_expired', 'this code has expired; scan the one on the screen now');
    throw new AppError('checkin_invalid', 'this is not a check-in code of this event');
  }
  if (Date.now() < event.starts_at.getTime() - CHECKIN_OPENS_BEFORE_MS) throw new AppError('checkin_too_early', 'check-in opens half an hour before the start');
  const { added, guest } = await deps.db.transaction().execute(async (trx) => {
    const n = await markPresent(trx, id, [{ personId: actor.personId }], 'qr', actor.personId);
    const row = await trx
      .selectFrom('event_attendance')
      .select('guest')
      .where('event_id', '=', id)
      .where('person_id', '=', actor.personId)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.personId, action: 'event.checkin', targetType: 'event', targetId: id, details: { added: n, guest: row.guest } });
    return { added: n, guest: row.guest };
  });
  return { eventId: id, present: true as const, already: added === 0, guest };
}

/**
 * The organiser's roll call: the people the event's audience names in its own subtree, those who answered, and anyone
 * already marked present, each with their unit and whether they are present. The first 500 by unit and name.
 */
/**
 * Who is on an event's roll: the people its audience names in its own subtree (each with the unit nearest the top where
 * they are named), those who answered, and those already marked. CTEs `audience` and `everyone`.
 */
const rollCtes = (id: number) => sql`
    e as (select e.*, u.path from events e join units u on u.id = e.unit_id where e.id = ${id}),
    audience as (
      select distinct on (p.person_id) p.person_id, pu.id as unit_id, p.role, p.department
      from e join units pu on pu.path <@ e.path and pu.archived_at is null and pu.level = any(e.levels)
      join positions p on p.unit_id = pu.id and p.ended_at is null
        and (e.roles is null or p.role = any(e.roles)) and (e.departments is null or p.department = any(e.departments))
      order by p.person_id, nlevel(pu.path)
    ),
    everyone as (
      select person_id from audience
      union select person_id from event_rsvps where event_id = ${id}
      union select person_id from event_attendance where event_id = ${id}
    )`;

export async function rollCall(db: Kysely<Schema>, actor: Actor, id: number): Promise<Roll> {
  await liveManagedEvent(db, actor, id);
  const LIMIT = 500;
  const { rows } = await sql<{
    person_id: number;
    name: string;
    unit_id: number | null;
    level: string | null;
    name_en: string | null;
    name_hi: string | null;
    role: string | null;
    department: string | null;
    rsvp: 'yes' | 'no' | 'maybe' | null;
    method: Method | null;
    guest: boolean | null;
  }>`
    with ${rollCtes(id)}
    select x.person_id, pe.name, a.unit_id, u.level, u.name_en, u.name_hi, a.role, a.department, r.answer as rsvp, at.method, at.guest
    from everyone x join people pe on pe.id = x.person_id
    left join audience a on a.person_id = x.person_id
    left join units u on u.id = a.unit_id
    left join event_rsvps r on r.event_id = ${id} and r.person_id = x.person_id
    left join event_attendance at on at.event_id = ${id} and at.person_id = x.person_id
    order by u.path nulls last, pe.name, x.person_id
    limit ${LIMIT + 1}`.execute(db);
  const attendees = await db.selectFrom('events').select('attendees').where('id', '=', id).executeTakeFirstOrThrow();
  return {
    items: rows.slice(0, LIMIT).map((r) => ({
      person: { id: r.person_id, name: r.name },
      unit: r.unit_id === null ? null : { id: r.unit_id, level: r.level!, nameEn: r.name_en!, nameHi: r.name_hi! },
      role: r.role,
      department: r.department,
      rsvp: r.rsvp,
      present: r.method !== null,
      method: r.method,
      guest: r.guest === true,
    })),
    attendees: attendees.attendees,
    truncated: rows.length > LIMIT,
  };
}

/**
 * Marks from the organiser's roll call (made offline perhaps, synced later): only people on the roll may be marked;
 * anyone else is refused and nothing is marked.
 */
export async function markAttendance(db: Kysely<Schema>, actor: Actor, id: number, marks: readonly { personId: number; at?: string | undefined }[]) {
  await liveManagedEvent(db, actor, id);
  // Checked against the whole roll, not the first page of it that the organiser's list shows.
  const ids = [...new Set(marks.map((m) => m.personId))];
  const { rows } = await sql<{ n: number }>`
    with ${rollCtes(id)}
    select count(*)::int as n from everyone where person_id = any(${ids}::int[])`.execute(db);
  if (rows[0]!.n !== ids.length) throw notFound('person');
  await db.transaction().execute(async (trx) => {
    const added = await markPresent(trx, id, marks, 'roll_call', actor.personId);
    await recordAudit(trx, { actorId: actor.personId, action: 'event.attendance', targetType: 'event', targetId: id, details: { personIds: ids, added } });
  });
  return rollCall(db, actor, id);
}

/**
 * Someone present who was not on the list: found by phone and name, or added as a new person at the event's unit,
 * then marked present. Recording them asks nothing of their consent: nobody is messaged for having attended.
 */
export async function addWalkIn(deps: EventsDeps, actor: Actor, id: number, input: { phone: string; name: string }) {
  const event = await liveManagedEvent(deps.db, actor, id);
  return deps.db.transaction().execute(async (trx) => {
    const known = await findLiveByPhoneAndName(trx, deps.cipher.blindIndex(input.phone), input.name);
    const person =
      known ??
      ({
        id: await insertPerson(trx, deps.cipher, {
          name: input.name,
          phone: input.phone,
          homeUnitId: event.unit_id,
          source: 'capture',
          createdBy: actor.personId,
        }),
        name: input.name,
      } as const);
    await markPresent(trx, id, [{ personId: person.id }], 'walk_in', actor.personId);
    // The person by id only: their name and phone are what the record must not hold.
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'event.walk_in',
      targetType: 'event',
      targetId: id,
      details: { personId: person.id, created: known === undefined },
    });
    return { person: { id: person.id, name: person.name }, created: known === undefined };
  });
}
