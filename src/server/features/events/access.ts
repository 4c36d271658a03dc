import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { findEventRow, inAudience, type EventRow } from './events.repo.ts';

/**
 * An event the caller may see: at a unit inside their turf (they organise it or lead above it), or one whose audience
 * names a position they hold (for an event held at every unit of a level, their own unit's linked event, not the
 * parent), or one they answered or attended other than as a guest. Anything else is not found: a guest (someone from
 * elsewhere who checked in with the QR code) is counted at the event but reads nothing of it.
 */
export async function visibleEvent(db: Kysely<Schema>, actor: Actor, id: number): Promise<{ event: EventRow; canManage: boolean }> {
  const event = await findEventRow(db, id, actor.personId);
  if (!event) throw notFound('event');
  const canManage = actor.turf.can('events.manage', event.unit_path);
  if (canManage || actor.turf.covers(event.unit_path)) return { event, canManage };
  const { rows } = await sql<{ ok: boolean }>`
    select ((e.hold_at is null and ${inAudience(actor.personId)})
      or exists (select 1 from event_attendance a where a.event_id = e.id and a.person_id = ${actor.personId} and not a.guest)
      or exists (select 1 from event_rsvps r where r.event_id = e.id and r.person_id = ${actor.personId})) as ok
    from events e join units u on u.id = e.unit_id where e.id = ${id}`.execute(db);
  if (!rows[0]?.ok) throw notFound('event');
  return { event, canManage: false };
}

/** An event the caller runs (its unit or one above, with events.manage); 404 if they cannot see it, 403 if they only see it. */
export async function managedEvent(db: Kysely<Schema>, actor: Actor, id: number): Promise<EventRow> {
  const { event, canManage } = await visibleEvent(db, actor, id);
  if (!canManage) throw new AppError('forbidden', 'you do not run this event');
  return event;
}

/** A managed event that is still on: attendance and the record are for events not cancelled. */
export async function liveManagedEvent(db: Kysely<Schema>, actor: Actor, id: number): Promise<EventRow> {
  const event = await managedEvent(db, actor, id);
  if (event.cancelled_at) throw new AppError('event_cancelled', 'this event was cancelled');
  return event;
}

/**
 * Why the caller may not answer "will you come?", or null when they may. Only those the event invites are asked (its
 * audience: a position it names; a fanned-out parent invites nobody itself, each place's linked event does), and only
 * before it ends: an answer to a meeting already over, or from someone who merely sees it (a leader above, a guest),
 * would count as a promise nobody was asked for.
 */
export async function rsvpRefusal(db: Kysely<Schema>, actor: Actor, event: EventRow): Promise<AppError | null> {
  if (event.cancelled_at) return new AppError('event_cancelled', 'this event was cancelled');
  if (event.ends_at.getTime() <= Date.now()) return new AppError('event_over', 'this event is over');
  const { rows } = await sql<{ invited: boolean }>`
    select (e.hold_at is null and ${inAudience(actor.personId)}) as invited
    from events e join units u on u.id = e.unit_id where e.id = ${event.id}`.execute(db);
  return rows[0]?.invited ? null : new AppError('not_invited', 'this event does not invite you');
}

/** Whether a file is the photo of an event the caller may see (the record is published up the tree). */
export async function eventPhotoVisible(db: Kysely<Schema>, actor: Actor, fileId: number): Promise<boolean> {
  const events = await db.selectFrom('event_photos').select('event_id').where('file_id', '=', fileId).execute();
  for (const { event_id } of events) {
    const seen = await visibleEvent(db, actor, event_id).then(
      () => true,
      () => false,
    );
    if (seen) return true;
  }
  return false;
}
