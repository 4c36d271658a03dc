import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { liveManagedEvent, visibleEvent } from './access.ts';
import { rollCall, rollCtes, type Method } from './roll.service.ts';
import { CHECKIN_OPENS_BEFORE_MS, CHECKIN_ROTATE_MS, checkinKey, signCheckin, verifyCheckin } from './checkin-token.ts';
import type { EventsDeps } from './deps.ts';
import { isGuest } from './events.repo.ts';

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
