import { sql, type Transaction } from 'kysely';
import type { WalkInNamesResult } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findLiveByPhoneAndName, insertPerson } from '../people/index.ts';
import { liveManagedEvent } from './access.ts';
import { markPresent } from './attendance.service.ts';
import type { EventsDeps } from './deps.ts';
import type { EventRow } from './events.repo.ts';
import { rollCtes } from './roll.service.ts';

type Person = { id: number; name: string };
/** What one name found: people on the roll with it, and phoneless people of the event's unit (not on the roll) with it. */
interface NameHits {
  /** What the name is compared by: its transliterated words, or the name in lower case when it has none. */
  key: string;
  onRoll: Person[];
  atUnit: Person[];
}

/**
 * For each name, who already bears it. "The same name" is the same words once transliterated (the people's
 * `search_key`), so "Ramesh Pal" finds "रमेश पाल"; a name with no letters to compare (only punctuation) is compared
 * as written, ignoring case. Looked for on the roll, and among the people of the event's own unit who have no phone:
 * someone met at an earlier meeting without a phone is recorded there, and is the same person met again.
 */
async function whoBears(trx: Transaction<Schema>, eventId: number, names: readonly string[]): Promise<NameHits[]> {
  const same = (alias: string) => sql.raw(`(case when btrim(g.key) = '' then lower(${alias}.name) = lower(g.n) else ${alias}.search_key = g.key end)`);
  const { rows } = await sql<{ key: string; on_roll: Person[] | null; at_unit: Person[] | null }>`
    with ${rollCtes(eventId)},
    given as (
      select g.n, g.ord, ' ' || array_to_string(setu_search_words(g.n), ' ') || ' ' as key
      from unnest(${names}::text[]) with ordinality as g(n, ord)
    ),
    on_roll as (
      select pe.id, pe.name, pe.search_key from everyone x join people pe on pe.id = x.person_id
      where pe.erased_at is null and pe.merged_into is null
    ),
    at_unit as (
      select pe.id, pe.name, pe.search_key from e join people pe on pe.home_unit_id = e.unit_id
      where pe.phone_hash is null and pe.erased_at is null and pe.merged_into is null and pe.disabled_at is null
        and pe.id not in (select id from on_roll)
    )
    select case when btrim(g.key) = '' then lower(g.n) else g.key end as key,
      (select json_agg(json_build_object('id', r.id, 'name', r.name) order by r.id) from on_roll r where ${same('r')}) as on_roll,
      (select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.id) from at_unit p where ${same('p')}) as at_unit
    from given g order by g.ord`.execute(trx);
  return rows.map((r) => ({ key: r.key, onRoll: r.on_roll ?? [], atUnit: r.at_unit ?? [] }));
}

/**
 * The person a name stands for: the one on the roll, else the first phoneless one of the unit; several on the roll
 * are ambiguous (the roll shows their units and roles, so the organiser can tell them apart there).
 */
function pick(hits: NameHits): { person: Person; onRoll: boolean } | 'ambiguous' | undefined {
  if (hits.onRoll.length > 1) return 'ambiguous';
  if (hits.onRoll[0]) return { person: hits.onRoll[0], onRoll: true };
  // Phoneless records of one unit with one name cannot be told apart by anyone: the oldest stands for them.
  return hits.atUnit[0] && { person: hits.atUnit[0], onRoll: false };
}

/** A new person of the event's unit with no phone: how a name-only walk-in is kept (source capture, as a walk-in by phone). */
const addPhoneless = (trx: Transaction<Schema>, deps: EventsDeps, actor: Actor, event: EventRow, name: string) =>
  insertPerson(trx, deps.cipher, { name, phone: null, homeUnitId: event.unit_id, source: 'capture', createdBy: actor.personId });

/**
 * Someone present who was not on the list, marked present. With a phone: found by phone and name, or added as a new
 * person at the event's unit. Without one: found by name on the roll or among the event's unit's phoneless people,
 * or added there with no phone; a name several on the roll bear is refused (`walk_in_ambiguous`: tick the right one).
 * Recording them asks nothing of their consent: nobody is messaged for having attended.
 */
export async function addWalkIn(deps: EventsDeps, actor: Actor, id: number, input: { phone?: string | undefined; name: string }) {
  const event = await liveManagedEvent(deps.db, actor, id);
  return deps.db.transaction().execute(async (trx) => {
    let known: Person | undefined;
    let onRoll = false;
    if (input.phone) known = await findLiveByPhoneAndName(trx, deps.cipher.blindIndex(input.phone), input.name);
    else {
      const found = pick((await whoBears(trx, id, [input.name]))[0]!);
      if (found === 'ambiguous') throw new AppError('walk_in_ambiguous', 'several people on the roll have this name; tick the right one');
      known = found?.person;
      onRoll = found?.onRoll ?? false;
    }
    const person: Person = known ?? {
      id: input.phone
        ? await insertPerson(trx, deps.cipher, {
            name: input.name,
            phone: input.phone,
            homeUnitId: event.unit_id,
            source: 'capture',
            createdBy: actor.personId,
          })
        : await addPhoneless(trx, deps, actor, event, input.name),
      name: input.name,
    };
    await markPresent(trx, id, [{ personId: person.id }], onRoll ? 'roll_call' : 'walk_in', actor.personId);
    // The person by id only: their name and phone are what the record must not hold.
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'event.walk_in',
      targetType: 'event',
      targetId: id,
      details: { personId: person.id, created: known === undefined, phone: Boolean(input.phone) },
    });
    return { person: { id: person.id, name: person.name }, created: known === undefined };
  });
}

/**
 * A pasted list of those present, one name a line: each name is matched to the one person on the roll (or the
 * phoneless person of the event's unit) who bears it, or added as a new phoneless person of the event's unit, and
 * all are marked present in one transaction. Nobody already on the roll is added again; a name several on the roll
 * bear is left for the organiser to tick, and a line repeating an earlier one is the same person. Says what each line became.
 */
export async function addWalkInNames(deps: EventsDeps, actor: Actor, id: number, names: readonly string[]): Promise<WalkInNamesResult> {
  const event = await liveManagedEvent(deps.db, actor, id);
  return deps.db.transaction().execute(async (trx) => {
    const hits = await whoBears(trx, id, names);
    const seen = new Set<string>();
    const items: WalkInNamesResult['items'] = [];
    // Those the roll already lists are marked as by roll call; the rest came from outside it.
    const fromRoll = new Set<number>();
    for (const [i, name] of names.entries()) {
      const h = hits[i]!;
      if (seen.has(h.key)) {
        items.push({ name, outcome: 'repeated', person: null, already: false });
        continue;
      }
      seen.add(h.key);
      const found = pick(h);
      if (found === 'ambiguous') items.push({ name, outcome: 'ambiguous', person: null, already: false });
      else if (found) {
        items.push({ name, outcome: 'matched', person: found.person, already: false });
        if (found.onRoll) fromRoll.add(found.person.id);
      } else items.push({ name, outcome: 'added', person: { id: await addPhoneless(trx, deps, actor, event, name), name }, already: false });
    }
    const ids = [...new Set(items.flatMap((x) => (x.person ? [x.person.id] : [])))];
    const before = new Set(
      (
        await trx
          .selectFrom('event_attendance')
          .select('person_id')
          .where('event_id', '=', id)
          .where('person_id', 'in', ids.length ? ids : [0])
          .execute()
      ).map((r) => r.person_id),
    );
    for (const x of items) x.already = x.person !== null && before.has(x.person.id);
    const marks = (onRoll: boolean) => ids.filter((p) => fromRoll.has(p) === onRoll).map((personId) => ({ personId }));
    await markPresent(trx, id, marks(true), 'roll_call', actor.personId);
    await markPresent(trx, id, marks(false), 'walk_in', actor.personId);
    const count = (o: string) => items.filter((x) => x.outcome === o).length;
    const result = { items, matched: count('matched'), added: count('added'), ambiguous: count('ambiguous'), repeated: count('repeated') };
    // Ids and counts only: the names are what the log must not hold.
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'event.walk_in_names',
      targetType: 'event',
      targetId: id,
      details: {
        matched: items.filter((x) => x.outcome === 'matched').map((x) => x.person!.id),
        added: items.filter((x) => x.outcome === 'added').map((x) => x.person!.id),
        ambiguous: result.ambiguous,
        repeated: result.repeated,
      },
    });
    return result;
  });
}
