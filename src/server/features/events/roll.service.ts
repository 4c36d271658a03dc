import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Roll, RollQuery } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { liveManagedEvent } from './access.ts';

/** How someone was marked present. */
export type Method = 'qr' | 'roll_call' | 'walk_in';

/**
 * Who is on an event's roll: the people its audience names in its own subtree (each with the unit nearest the top where
 * they are named), those who answered, and those already marked. CTEs `e` (the event with its unit's path), `audience`
 * and `everyone`.
 */
export const rollCtes = (id: number) => sql`
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

/** How close a searched word must come to a word of the name: one letter wrong in six still finds it (as the registry). */
const WORD_SIMILARITY = 0.5;

/**
 * SQL condition over the roll's `pe` (people): every word of the query is in the name, as the start of one of its
 * words or close to one. Names and query go through the same transliteration (search_key, setu_search_words), so
 * "ramesh" finds "रमेश". The roll is one event's people, so no index is needed.
 */
const nameMatches = (q: string) => sql<boolean>`not exists (
  select 1 from unnest(setu_search_words(${q})) as w(word)
  where w.word <> ''
    and not (coalesce(pe.search_key, '') like '% ' || w.word || '%' or word_similarity(w.word, coalesce(pe.search_key, '')) >= ${WORD_SIMILARITY}))`;

/** SQL condition over the roll's `u` (where someone is named): the filter by unit, or those named nowhere. */
function unitMatches(unit: RollQuery['unit']): RawBuilder<boolean> {
  if (unit === undefined) return sql<boolean>`true`;
  if (unit === 'other') return sql<boolean>`u.id is null`;
  return sql<boolean>`u.path <@ (select path from units where id = ${unit})`;
}

/**
 * The organiser's roll call, a page at a time: by unit (in tree order) and name, narrowed by a name search and a unit.
 * Whole rolls of thousands are read in pages, never cut; each page also carries the count per unit just below the
 * event's (for the unit filter) and the event's attendees.
 */
export async function rollCall(db: Kysely<Schema>, actor: Actor, id: number, q: RollQuery = { offset: 0, limit: 100 }): Promise<Roll> {
  await liveManagedEvent(db, actor, id);
  const [page, groups, event] = await Promise.all([
    sql<{
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
      total: number;
    }>`
      with ${rollCtes(id)}
      select x.person_id, pe.name, a.unit_id, u.level, u.name_en, u.name_hi, a.role, a.department, r.answer as rsvp, at.method, at.guest,
        count(*) over ()::int as total
      from everyone x join people pe on pe.id = x.person_id
      left join audience a on a.person_id = x.person_id
      left join units u on u.id = a.unit_id
      left join event_rsvps r on r.event_id = ${id} and r.person_id = x.person_id
      left join event_attendance at on at.event_id = ${id} and at.person_id = x.person_id
      where ${unitMatches(q.unit)} ${q.q ? sql`and ${nameMatches(q.q)}` : sql``}
      order by u.path nulls last, pe.name, x.person_id
      offset ${q.offset} limit ${q.limit}`.execute(db),
    rollGroups(db, id),
    db.selectFrom('events').select('attendees').where('id', '=', id).executeTakeFirstOrThrow(),
  ]);
  // Past the last page there is no row to carry the count: ask for the first.
  const total = page.rows[0]?.total ?? (q.offset > 0 ? (await rollCall(db, actor, id, { ...q, offset: 0, limit: 1 })).total : 0);
  const next = q.offset + page.rows.length;
  return {
    items: page.rows.map((r) => ({
      person: { id: r.person_id, name: r.name },
      unit: r.unit_id === null ? null : { id: r.unit_id, level: r.level!, nameEn: r.name_en!, nameHi: r.name_hi! },
      role: r.role,
      department: r.department,
      rsvp: r.rsvp,
      present: r.method !== null,
      method: r.method,
      guest: r.guest === true,
    })),
    attendees: event.attendees,
    total,
    nextOffset: page.rows.length > 0 && next < total ? next : null,
    groups,
  };
}

/**
 * The roll counted by the unit just below the event's where each person is named (or the event's own unit), in tree
 * order, then those named nowhere (`unit: null`): what the unit filter offers, with how many are present.
 */
async function rollGroups(db: Kysely<Schema>, id: number): Promise<Roll['groups']> {
  const { rows } = await sql<{ unit_id: number | null; level: string | null; name_en: string | null; name_hi: string | null; people: number; present: number }>`
    with ${rollCtes(id)},
    placed as (
      select case when u.id is null then null when u.id = e.unit_id then u.id else ltree2text(subpath(u.path, nlevel(e.path), 1))::int end as unit_id,
        exists (select 1 from event_attendance at where at.event_id = ${id} and at.person_id = x.person_id) as present
      from everyone x cross join e
      left join audience a on a.person_id = x.person_id
      left join units u on u.id = a.unit_id
    )
    select g.unit_id, gu.level, gu.name_en, gu.name_hi, count(*)::int as people, (count(*) filter (where g.present))::int as present
    from placed g left join units gu on gu.id = g.unit_id
    group by g.unit_id, gu.level, gu.name_en, gu.name_hi, gu.path
    order by gu.path nulls last`.execute(db);
  return rows.map((r) => ({
    unit: r.unit_id === null ? null : { id: r.unit_id, level: r.level!, nameEn: r.name_en!, nameHi: r.name_hi! },
    people: r.people,
    present: r.present,
  }));
}
