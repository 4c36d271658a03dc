import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { CreateEvent } from '../../../contracts/events.ts';
import { isUniqueViolation, type Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { enqueue } from '../delivery/index.ts';
import type { EventsDeps } from './deps.ts';
import { insertSessions } from './events.repo.ts';
import { INVITED, type EventPayload } from './topics.ts';

const DAY_MS = 86_400_000;

/**
 * Fresh Jitsi Meet rooms, one per row: nobody needs an account, and a part derived from a random value made for this
 * statement keeps strangers from guessing a room (one random value, not one per row: two lakh calls to the system's
 * random source cost a second on a fan-out).
 */
export const jitsiRoomSql = (base: string, key: ReturnType<typeof sql>) => {
  const salt = randomBytes(16).toString('hex');
  return sql<string>`${base.replace(/\/+$/, '')} || '/Setu-' || ${key} || '-' || substr(md5(${salt} || ${key}), 1, 12)`;
};

/** Checks the audience and the fan-out level against the organisation's levels, roles and departments. */
async function checkShape(trx: Transaction<Schema>, unitLevel: string, input: CreateEvent) {
  const levels = new Map((await trx.selectFrom('levels').select(['code', 'depth']).execute()).map((l) => [l.code, l.depth]));
  const unitDepth = levels.get(unitLevel)!;
  let heldDepth = unitDepth;
  if (input.holdAt !== undefined) {
    const d = levels.get(input.holdAt);
    if (d === undefined) throw new AppError('unknown_level', `no level ${input.holdAt}`);
    if (d <= unitDepth) throw new AppError('level_order', 'an event is held at every unit of a level below its own');
    heldDepth = d;
  }
  for (const level of input.audience.levels) {
    const d = levels.get(level);
    if (d === undefined) throw new AppError('unknown_level', `no level ${level}`);
    if (d < heldDepth) throw new AppError('level_order', 'the audience is at the level the event is held at or below it');
  }
  if (input.audience.roles) {
    const known = await trx.selectFrom('roles').select('code').where('code', 'in', input.audience.roles).execute();
    if (known.length !== new Set(input.audience.roles).size) throw new AppError('unknown_role', 'an audience role does not exist');
  }
  if (input.audience.departments) {
    const known = await trx.selectFrom('departments').select('code').where('code', 'in', input.audience.departments).execute();
    if (known.length !== new Set(input.audience.departments).size) throw new AppError('unknown_department', 'an audience department does not exist');
  }
}

/**
 * Creates an event at a unit in the caller's turf, and with `holdAt` a linked event at every live unit of that level
 * below, in one INSERT … SELECT (two lakh shakti kendras are one statement). Invitations leave through the outbox in
 * the same transaction. The same client key again answers the first event.
 */
export async function createEvent(deps: EventsDeps, actor: Actor, input: CreateEvent): Promise<{ id: number; created: boolean }> {
  const unit = await deps.db
    .selectFrom('units')
    .select(['id', 'path', 'level'])
    .where('id', '=', input.unitId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!unit || !actor.turf.covers(unit.path)) throw notFound('unit');
  if (!actor.turf.can('events.manage', unit.path)) throw new AppError('forbidden', 'you may not hold events at this unit');
  const again = await findByClientKey(deps, actor.personId, input.clientKey);
  if (again !== undefined) return { id: again, created: false };

  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      await checkShape(trx, unit.level, input);
      const kind = await trx
        .selectFrom('event_kinds')
        .select(['code', 'virtual'])
        .where('code', '=', input.kind)
        .where('hidden', '=', false)
        .executeTakeFirst();
      if (!kind) throw new AppError('validation', 'no such kind of event', [{ path: 'kind', message: 'one of the organisation’s kinds' }]);
      const starts = new Date(input.startsAt);
      const remindAt = input.remindAt ?? (starts.getTime() - DAY_MS > Date.now() ? new Date(starts.getTime() - DAY_MS).toISOString() : null);
      const room = !input.videoUrl && (kind.virtual || input.virtual === true);
      const event = await trx
        .insertInto('events')
        .values({
          client_key: input.clientKey,
          unit_id: unit.id,
          kind: kind.code,
          title_hi: input.titleHi ?? null,
          title_en: input.titleEn ?? null,
          description: input.description ?? null,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          venue: input.venue ?? null,
          video_url: input.videoUrl ?? null,
          levels: input.audience.levels,
          roles: input.audience.roles ?? null,
          departments: input.audience.departments ?? null,
          hold_at: input.holdAt ?? null,
          chair: input.chair ?? null,
          conductor: input.conductor ?? null,
          chief_guest: input.chiefGuest ?? null,
          created_by: actor.personId,
          remind_at: remindAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The root event's own room (a fanned-out event's linked events get one each, below).
      if (room && !input.holdAt) await sql`update events set video_url = ${jitsiRoomSql(deps.jitsiBaseUrl, sql`id`)} where id = ${event.id}`.execute(trx);
      await insertSessions(trx, event.id, input.sessions);
      const children = input.holdAt ? await fanOutEvent(trx, deps, event.id, unit.path, input.holdAt, room) : 0;
      const payload: EventPayload = { eventId: event.id, titleHi: input.titleHi ?? null, titleEn: input.titleEn ?? null };
      await enqueue(trx, { topic: INVITED, payload, dedupeKey: `${INVITED}:${event.id}` });
      // Titles, venue and people's names are free text: the record keeps the shape of the event, not its words.
      await recordAudit(trx, {
        actorId: actor.personId,
        action: 'event.create',
        targetType: 'event',
        targetId: event.id,
        details: { unitId: unit.id, kind: kind.code, startsAt: input.startsAt, holdAt: input.holdAt ?? null, children, audience: input.audience },
      });
      return event.id;
    });
    return { id, created: true };
  } catch (e) {
    // Two sends with one key at once: the second insert loses the race; answer the first.
    if (isUniqueViolation(e, 'events_client_key')) {
      const first = await findByClientKey(deps, actor.personId, input.clientKey);
      if (first !== undefined) return { id: first, created: false };
    }
    throw e;
  }
}

async function findByClientKey(deps: EventsDeps, personId: number, clientKey: string) {
  const row = await deps.db.selectFrom('events').select('id').where('created_by', '=', personId).where('client_key', '=', clientKey).executeTakeFirst();
  return row?.id;
}

/**
 * The linked events of a fanned-out event: one per live unit of the level below, carrying the parent's kind, titles,
 * times, audience and people (description and sessions stay on the parent and are read from there), each with its own
 * video room when the event is virtual. One statement, then the parent's count.
 */
async function fanOutEvent(trx: Transaction<Schema>, deps: EventsDeps, parentId: number, path: string, holdAt: string, room: boolean) {
  const video = room ? jitsiRoomSql(deps.jitsiBaseUrl, sql`p.id || '-' || u.id`) : sql`p.video_url`;
  const inserted = await sql`
    insert into events (unit_id, parent_id, kind, title_hi, title_en, starts_at, ends_at, venue, video_url, levels, roles, departments,
      chair, conductor, chief_guest, created_by)
    select u.id, p.id, p.kind, p.title_hi, p.title_en, p.starts_at, p.ends_at, null, ${video}, p.levels, p.roles, p.departments,
      null, null, p.chief_guest, p.created_by
    from events p join units u on u.path <@ ${path}::ltree and u.level = ${holdAt} and u.archived_at is null
    where p.id = ${parentId}`.execute(trx);
  const children = Number(inserted.numAffectedRows ?? 0);
  await trx.updateTable('events').set({ children }).where('id', '=', parentId).execute();
  return children;
}
