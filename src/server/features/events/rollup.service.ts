import { sql, type Kysely } from 'kysely';
import type { EventRollup } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { pathWithin } from '../org/index.ts';
import { heldAt } from './events.repo.ts';
import { visibleEvent } from './access.ts';

const NOT_HELD_LIMIT = 50;

/**
 * A fanned-out event's roll-up at a unit of its subtree (the event's own unit by default): per child unit, how many
 * linked events are under it, how many were held (started, and marked held: `heldAt`) and how many attended; and the first
 * linked events not held yet, in tree order. Whoever cannot see the event (visibleEvent) cannot see its roll-up either:
 * the same 404.
 */
export async function eventRollup(db: Kysely<Schema>, actor: Actor, id: number, unitId: number | undefined): Promise<EventRollup> {
  const { event } = await visibleEvent(db, actor, id);
  if (!event.hold_at) throw new AppError('validation', 'this event is not held at the units below', [{ path: 'id', message: 'a fanned-out event' }]);
  const start = await startingUnit(db, actor, event.unit_path, unitId);

  const children = await sql<{
    id: number;
    level: string;
    name_en: string;
    name_hi: string;
    events: number;
    held: number;
    attendees: number;
    event_id: number | null;
  }>`
    with linked as (
      select e.id, e.unit_id, ${heldAt} as held_at, e.attendees, subpath(eu.path, nlevel(${start.path}::ltree), 1)::text::int as child_id
      from events e join units eu on eu.id = e.unit_id
      where e.parent_id = ${id} and e.cancelled_at is null and eu.path <@ ${start.path}::ltree and eu.id <> ${start.id}
    )
    select c.id, c.level, c.name_en, c.name_hi, count(l.child_id)::int as events, count(l.held_at)::int as held,
      coalesce(sum(l.attendees), 0)::int as attendees, min(l.id) filter (where l.unit_id = c.id) as event_id
    from units c left join linked l on l.child_id = c.id
    where c.parent_id = ${start.id} and c.archived_at is null
    group by c.id
    having count(l.child_id) > 0
    order by count(l.held_at)::float / count(l.child_id), c.name_en`.execute(db);
  const own = await sql<{ held_at: Date | null; attendees: number }>`
    select ${heldAt} as held_at, e.attendees from events e where e.parent_id = ${id} and e.unit_id = ${start.id} and e.cancelled_at is null`.execute(db);
  const notHeld = await sql<{ id: number; unit_id: number; level: string; name_en: string; name_hi: string; starts_at: Date }>`
    select e.id, u.id as unit_id, u.level, u.name_en, u.name_hi, e.starts_at
    from events e join units u on u.id = e.unit_id
    where e.parent_id = ${id} and e.cancelled_at is null and ${heldAt} is null and u.path <@ ${start.path}::ltree
    order by u.path limit ${NOT_HELD_LIMIT + 1}`.execute(db);
  const rows = children.rows.map((c) => ({
    unit: { id: c.id, level: c.level, nameEn: c.name_en, nameHi: c.name_hi },
    eventId: c.event_id,
    events: c.events,
    held: c.held,
    attendees: c.attendees,
  }));
  const ownRow = own.rows[0];
  const sum = (k: 'events' | 'held' | 'attendees') => rows.reduce((n, r) => n + r[k], 0);
  return {
    unit: { id: start.id, level: start.level, nameEn: start.name_en, nameHi: start.name_hi },
    totals: {
      events: sum('events') + (ownRow ? 1 : 0),
      held: sum('held') + (ownRow?.held_at ? 1 : 0),
      attendees: sum('attendees') + (ownRow?.attendees ?? 0),
    },
    children: rows,
    notHeld: notHeld.rows.slice(0, NOT_HELD_LIMIT).map((e) => ({
      id: e.id,
      unit: { id: e.unit_id, level: e.level, nameEn: e.name_en, nameHi: e.name_hi },
      startsAt: e.starts_at.toISOString(),
    })),
    truncated: notHeld.rows.length > NOT_HELD_LIMIT,
  };
}

/** The unit the roll-up starts at: the one asked for, inside both the event's subtree and the caller's turf. */
async function startingUnit(db: Kysely<Schema>, actor: Actor, eventPath: string, unitId: number | undefined) {
  const query = db.selectFrom('units').select(['id', 'level', 'name_en', 'name_hi', sql<string>`path::text`.as('path')]);
  if (unitId !== undefined) {
    const unit = await query.where('id', '=', unitId).executeTakeFirst();
    if (!unit || !pathWithin(unit.path, eventPath) || !(actor.turf.covers(unit.path) || actor.turf.covers(eventPath))) throw notFound('unit');
    return unit;
  }
  const path = actor.turf.covers(eventPath) ? eventPath : actor.turf.roots.find((r) => pathWithin(r, eventPath));
  if (!path) throw notFound('event');
  return query.where(sql<boolean>`path = ${path}::ltree`).executeTakeFirstOrThrow();
}
