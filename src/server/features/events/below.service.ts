import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { EventPage, UnitEventsQuery } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { eventColumns, heldAt, presentListItem, type EventRow } from './events.repo.ts';

/** A page's bookmark: the last row's start (microseconds since 1970, exact) and id, as `<µs>.<id>`. */
const parseCursor = (cursor: string) => {
  const [us, id] = cursor.split('.') as [string, string];
  return { us, id: Number(id) };
};

/** The filters of the list, over `events e` joined to `units u` (the event's unit). */
function filters(q: UnitEventsQuery): RawBuilder<unknown> {
  const past = q.period === 'past';
  const parts = [past ? sql`e.ends_at < now()` : sql`e.ends_at >= now()`];
  if (q.from) parts.push(sql`e.ends_at >= ${q.from}`);
  if (q.to) parts.push(sql`e.starts_at < ${q.to}`);
  // A fanned-out event is found by the level it is held at too: "meetings at shakti kendras".
  if (q.level) parts.push(sql`(u.level = ${q.level} or e.hold_at = ${q.level})`);
  if (q.kind) parts.push(sql`e.kind = ${q.kind}`);
  if (q.held === 'yes') parts.push(sql`${heldAt} is not null`);
  // Not held: it should have been (started, not called off), and it is held here, not at every unit of a level.
  if (q.held === 'no') parts.push(sql`${heldAt} is null and e.starts_at <= now() and e.cancelled_at is null and e.hold_at is null`);
  if (q.cursor) {
    const c = parseCursor(q.cursor);
    const at = sql`(timestamptz 'epoch' + ${c.us}::bigint * interval '1 microsecond')`;
    parts.push(past ? sql`(e.starts_at, e.id) < (${at}, ${c.id}::int)` : sql`(e.starts_at, e.id) > (${at}, ${c.id}::int)`);
  }
  return sql.join(parts, sql` and `);
}

/**
 * The events held in a unit's subtree, for its leaders: a state convener lists the districts' workshops, past ones too.
 * An event held at every unit of a level is one row, its parent (the roll-up shows each place); when that parent is
 * above the unit asked about, it is out of sight and its linked events inside the subtree are the rows instead. Two
 * ordered branches, each stopping at a page: the events that are not linked (at the national unit every event, read in
 * time order from `events_top_by_start`), and the linked events of the few fan-outs from above.
 */
export async function eventsBelow(db: Kysely<Schema>, actor: Actor, unitId: number, q: UnitEventsQuery): Promise<EventPage> {
  const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!unit || !actor.turf.covers(unit.path)) throw notFound('unit');
  const order = q.period === 'past' ? sql`e.starts_at desc, e.id desc` : sql`e.starts_at, e.id`;
  const where = filters(q);
  const take = q.limit + 1;
  const { rows } = await sql<EventRow & { cursor_us: string }>`
    with scope as (select ${unit.path}::ltree as path),
    above as (
      select pe.id from events pe join units pu on pu.id = pe.unit_id, scope s
      where pe.hold_at is not null and pu.path @> s.path and pu.path <> s.path
    ),
    found as (
      (select e.id from events e join units u on u.id = e.unit_id, scope s
        where e.parent_id is null and u.path <@ s.path and ${where} order by ${order} limit ${take})
      union all
      (select e.id from events e join units u on u.id = e.unit_id, scope s
        where e.parent_id in (select id from above) and u.path <@ s.path and ${where} order by ${order} limit ${take})
    )
    select ${eventColumns(actor.personId)}, (extract(epoch from e.starts_at) * 1000000)::bigint::text as cursor_us
    from found join events e on e.id = found.id join units u on u.id = e.unit_id join event_kinds k on k.code = e.kind
    order by ${order} limit ${take}`.execute(db);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { items: page.map(presentListItem), next: rows.length > q.limit && last ? `${last.cursor_us}.${last.id}` : null };
}
