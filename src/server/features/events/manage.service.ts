import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { EventRecord, Rsvp } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { liveManagedEvent, managedEvent, rsvpRefusal, visibleEvent } from './access.ts';

/** Calls an event off, with its linked events; the record stays. Doing it again changes nothing. */
export async function cancelEvent(db: Kysely<Schema>, actor: Actor, id: number): Promise<void> {
  await managedEvent(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const r =
      await sql`update events set cancelled_at = now(), revision = revision + 1, updated_at = now() where (id = ${id} or parent_id = ${id}) and cancelled_at is null`.execute(
        trx,
      );
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'event.cancel',
      targetType: 'event',
      targetId: id,
      details: { cancelled: Number(r.numAffectedRows ?? 0) },
    });
  });
}

/** Whether the caller will come; answering again replaces the answer. Asked only of those invited, before it ends. */
export async function answerRsvp(db: Kysely<Schema>, actor: Actor, id: number, input: z.infer<typeof Rsvp>): Promise<void> {
  const { event } = await visibleEvent(db, actor, id);
  const refusal = await rsvpRefusal(db, actor, event);
  if (refusal) throw refusal;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('event_rsvps')
      .values({ event_id: id, person_id: actor.personId, answer: input.answer })
      .onConflict((oc) => oc.columns(['event_id', 'person_id']).doUpdateSet({ answer: input.answer, answered_at: new Date() }))
      .execute();
    await recordAudit(trx, { actorId: actor.personId, action: 'event.rsvp', targetType: 'event', targetId: id, details: { answer: input.answer } });
  });
}

/**
 * After the event (from its start: `held: true` or minutes earlier → `event_not_started`): held or not, the minutes, and photos (uploaded by the caller through /api/files). The record is what
 * the units above read as the documentation of the event.
 */
export async function recordEvent(db: Kysely<Schema>, actor: Actor, id: number, input: z.infer<typeof EventRecord>): Promise<void> {
  const event = await liveManagedEvent(db, actor, id);
  // Held, and what happened at it, only from its start (as `heldAt` and check-in count it): a camp five days away
  // ticked "held" would fill the campaigns' and roll-ups' figures once its day came, whether or not it took place.
  if (event.starts_at.getTime() > Date.now() && (input.held === true || Boolean(input.minutes)))
    throw new AppError('event_not_started', 'this event has not started: it is marked held, and its minutes written, from its start');
  // People were marked present: it was held, whatever the form says.
  if (input.held === false && event.attendees > 0)
    throw new AppError('validation', 'people were marked present at this event', [{ path: 'held', message: 'held, since people attended' }]);
  await db.transaction().execute(async (trx) => {
    if (input.photoFileIds && input.photoFileIds.length > 0) {
      const files = await trx.selectFrom('files').select(['id', 'mime', 'uploaded_by']).where('id', 'in', input.photoFileIds).execute();
      for (const fileId of input.photoFileIds) {
        const f = files.find((x) => x.id === fileId);
        if (!f || f.uploaded_by !== actor.personId) throw notFound('file');
        if (!f.mime.startsWith('image/')) throw new AppError('validation', 'a photo must be an image', [{ path: 'photoFileIds', message: 'images only' }]);
      }
      await trx
        .insertInto('event_photos')
        .values(input.photoFileIds.map((file_id) => ({ event_id: id, file_id, added_by: actor.personId })))
        .onConflict((oc) => oc.columns(['event_id', 'file_id']).doNothing())
        .execute();
    }
    const changes = {
      ...(input.minutes !== undefined ? { minutes: input.minutes || null } : {}),
      ...(input.held === true ? { held_at: sql<Date>`coalesce(held_at, now())` } : {}),
      ...(input.held === false ? { held_at: null } : {}),
    };
    if (Object.keys(changes).length > 0) await trx.updateTable('events').set(changes).where('id', '=', id).execute();
    // The minutes are free text: only whether they were written.
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'event.record',
      targetType: 'event',
      targetId: id,
      details: { held: input.held ?? null, minutes: input.minutes === undefined ? null : Boolean(input.minutes), photoFileIds: input.photoFileIds ?? [] },
    });
  });
}
