import { sql, type Transaction } from 'kysely';
import type { UpdateEvent } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { enqueue } from '../delivery/index.ts';
import { liveManagedEvent } from './access.ts';
import type { EventsDeps } from './deps.ts';
import { insertSessions, type EventRow } from './events.repo.ts';
import { CHANGED, type EventPayload } from './topics.ts';

const DAY_MS = 86_400_000;
/** The words of an event: a linked event reads them from the event it was held from. */
const PARENT_WORDS = ['titleHi', 'titleEn', 'description', 'sessions'] as const;

/** The fields the change names (given, even as null), for the audit and the checks. */
const named = (input: UpdateEvent) => Object.keys(input).filter((k) => input[k as keyof UpdateEvent] !== undefined);

/** Refuses what cannot be: the words on a linked event, no title left, an end before the start. */
function check(event: EventRow, input: UpdateEvent, startsAt: string, endsAt: string) {
  if (event.parent_id !== null) {
    const words = PARENT_WORDS.filter((k) => input[k] !== undefined);
    if (words.length > 0)
      throw new AppError(
        'validation',
        'titles, description and sessions are set on the event this one was held from',
        words.map((path) => ({ path, message: 'set on the event it was held from' })),
      );
  }
  const titleHi = input.titleHi !== undefined ? input.titleHi : event.title_hi;
  const titleEn = input.titleEn !== undefined ? input.titleEn : event.title_en;
  if (!titleHi && !titleEn) throw new AppError('validation', 'a title in Hindi or English', [{ path: 'titleHi', message: 'a title in Hindi or English' }]);
  if (Date.parse(endsAt) < Date.parse(startsAt)) throw new AppError('validation', 'ends before it starts', [{ path: 'endsAt', message: 'after the start' }]);
}

/**
 * When the audience is reminded of a moved event: as long before the new start as before the old (a day by default),
 * again even if the old reminder went; none when that moment has passed (the change notice has told them).
 */
function movedReminder(event: EventRow & { remind_at: Date | null }, startsAt: string): Date | null {
  const before = event.remind_at ? event.starts_at.getTime() - event.remind_at.getTime() : DAY_MS;
  const at = Date.parse(startsAt) - before;
  return at > Date.now() ? new Date(at) : null;
}

/**
 * Those running an event change it after making it: its words (titles, description, the programme; on the event a
 * linked one was held from, reaching every linked event), its times, venue, link and people. A change of time moves
 * the reminder and tells the audience, as the invitation did; linked events still at the old times move with their
 * parent (one a unit moved on its own stays where it put it). Every edit stamps `updated_at`, which calendars read.
 */
export async function updateEvent(deps: Pick<EventsDeps, 'db'>, actor: Actor, id: number, input: UpdateEvent): Promise<void> {
  const event = await liveManagedEvent(deps.db, actor, id);
  const startsAt = input.startsAt ?? event.starts_at.toISOString();
  const endsAt = input.endsAt ?? event.ends_at.toISOString();
  check(event, input, startsAt, endsAt);
  const moved = Date.parse(startsAt) !== event.starts_at.getTime() || Date.parse(endsAt) !== event.ends_at.getTime();
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('events').select('remind_at').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const remindAt = moved && event.parent_id === null ? movedReminder({ ...event, remind_at: before.remind_at }, startsAt) : undefined;
    const updated = await trx
      .updateTable('events')
      .set({
        ...(input.titleHi !== undefined ? { title_hi: input.titleHi } : {}),
        ...(input.titleEn !== undefined ? { title_en: input.titleEn } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.venue !== undefined ? { venue: input.venue } : {}),
        ...(input.videoUrl !== undefined ? { video_url: input.videoUrl } : {}),
        ...(input.chair !== undefined ? { chair: input.chair } : {}),
        ...(input.conductor !== undefined ? { conductor: input.conductor } : {}),
        ...(input.chiefGuest !== undefined ? { chief_guest: input.chiefGuest } : {}),
        ...(remindAt !== undefined ? { remind_at: remindAt, reminded_at: null } : {}),
        starts_at: startsAt,
        ends_at: endsAt,
        // A calendar app takes a change only when the entry's SEQUENCE grows (LAST-MODIFIED moves too).
        revision: sql<number>`revision + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returning('revision')
      .executeTakeFirstOrThrow();
    if (input.sessions) await replaceSessions(trx, id, input.sessions);
    const linked = await updateLinked(trx, event, input, moved ? { startsAt, endsAt } : null);
    if (moved) {
      const payload: EventPayload = {
        eventId: id,
        titleHi: input.titleHi !== undefined ? input.titleHi : event.title_hi,
        titleEn: input.titleEn !== undefined ? input.titleEn : event.title_en,
      };
      await enqueue(trx, { topic: CHANGED, payload, dedupeKey: `${CHANGED}:${id}:${updated.revision}` });
    }
    // Which fields changed, the times, how many sessions and linked events; the words and names are free text and stay out.
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'event.update',
      targetType: 'event',
      targetId: id,
      details: { fields: named(input), startsAt, endsAt, sessions: input.sessions?.length ?? null, linked },
    });
  });
}

/** The programme, replaced as a whole (the form sends every row, in order). */
async function replaceSessions(trx: Transaction<Schema>, id: number, sessions: NonNullable<UpdateEvent['sessions']>) {
  await trx.deleteFrom('event_sessions').where('event_id', '=', id).execute();
  await insertSessions(trx, id, sessions);
}

/**
 * The linked events of a fanned-out event take its new titles, and its new times when they still had its old ones:
 * one statement, whatever their number. Returns how many changed.
 */
async function updateLinked(trx: Transaction<Schema>, event: EventRow, input: UpdateEvent, times: { startsAt: string; endsAt: string } | null) {
  if (event.hold_at === null) return 0;
  const titled = input.titleHi !== undefined || input.titleEn !== undefined;
  if (!titled && !times) return 0;
  const titles = titled ? sql`title_hi = p.title_hi, title_en = p.title_en,` : sql``;
  const moveTimes = times
    ? sql`starts_at = case when e.starts_at = ${event.starts_at} and e.ends_at = ${event.ends_at} then p.starts_at else e.starts_at end,
          ends_at = case when e.starts_at = ${event.starts_at} and e.ends_at = ${event.ends_at} then p.ends_at else e.ends_at end,`
    : sql``;
  const r = await sql`
    update events e set ${titles} ${moveTimes} revision = e.revision + 1, updated_at = now()
    from events p where p.id = ${event.id} and e.parent_id = p.id
      ${titled ? sql`` : sql`and e.starts_at = ${event.starts_at} and e.ends_at = ${event.ends_at}`}`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
