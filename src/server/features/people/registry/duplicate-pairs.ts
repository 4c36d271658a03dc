import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { Logger } from '../../../platform/log.ts';
import { repeat } from '../../../platform/repeat.ts';

/** Name similarity (pg_trgm, on the Latin search keys) from which two records on one phone may be one person. */
export const SAME_PHONE_SIMILARITY = 0.5;
/** Name similarity from which two records at one home unit, on different phones or none, may be one person. */
export const SAME_UNIT_SIMILARITY = 0.6;

/**
 * Pairs kept for one person by each reason, best first: namesakes are many in a village (fifteen Ram Kumars at a
 * booth), and an import of near-identical names ("Bulk Person 1" … "8000") would otherwise keep every pair of them,
 * quadratically. A person's best matches are what a reviewer can act on; deciding about them (a merge, or "not
 * the same person") compares the person again, and the next ones come up.
 */
export const PAIRS_PER_PERSON = 10;
/**
 * Matches looked at for one person by each reason: the best PAIRS_PER_PERSON are taken from these. Real booths have
 * far fewer similar names than this, so the pairs are exact; it bounds one person's cost when a unit holds
 * thousands of near-identical names, which would otherwise make comparing them quadratic.
 */
const CANDIDATES_PER_PERSON = 200;

const live = (p: string) => sql.raw(`${p}.erased_at is null and ${p}.merged_into is null and ${p}.search_key is not null`);
const undecided = sql`not exists (select 1 from people_not_duplicates n where n.a = least(d.id, o.id) and n.b = greatest(d.id, o.id))`;

/** Puts people back in line for comparing (after a decision about their pairs). */
export async function markDue(db: Kysely<Schema>, ids: number[]) {
  if (ids.length)
    await db
      .insertInto('person_duplicates_due')
      .values(ids.map((person_id) => ({ person_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/**
 * Compares up to `max` due people (person_duplicates_due, filled by triggers on every write that can make a pair;
 * 0015) with the live records on their phone and at their home unit, and keeps the pairs. Each comparison is an
 * index probe: the phone's hash, or the home unit with the name's trigrams (`%` at SAME_UNIT_SIMILARITY), so the
 * cost follows the due people, never the size of the subtree. `under` limits the turn to people whose home unit
 * lies in that subtree (the read's own drain). A pair is found by whichever of its two sides is compared later.
 * Returns how many due people were taken.
 */
export async function pairDue(db: Kysely<Schema>, max: number, under?: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(SAME_UNIT_SIMILARITY)}, true)`.execute(trx);
    const within = under ? sql`join people p on p.id = q.person_id join units u on u.id = p.home_unit_id where u.path <@ ${under}::ltree` : sql``;
    const { rows } = await sql<{ due: number }>`
      with batch as (
        delete from person_duplicates_due where person_id in (
          select q.person_id from person_duplicates_due q ${within} order by q.person_id limit ${max} for update of q skip locked)
        returning person_id
      ), d as (
        select p.id, p.home_unit_id, p.phone_hash, p.search_key from batch join people p on p.id = batch.person_id
        where ${live('p')} and p.home_unit_id is not null
      ), found as (
        select d.id, d.home_unit_id as unit, o.id as other, o.home_unit_id as other_unit, 'same_phone_similar_name' as reason, o.score
        from d cross join lateral (
          select * from (
            select o.id, o.home_unit_id, similarity(d.search_key, o.search_key) as score from people o
            where o.phone_hash = d.phone_hash and o.id <> d.id and o.home_unit_id is not null and ${live('o')} and ${undecided}
              and similarity(d.search_key, o.search_key) >= ${SAME_PHONE_SIMILARITY}
            limit ${CANDIDATES_PER_PERSON}) o
          order by score desc, id limit ${PAIRS_PER_PERSON}) o
        union all
        select d.id, d.home_unit_id, o.id, o.home_unit_id, 'similar_name_same_booth', o.score
        from d cross join lateral (
          select * from (
            select o.id, o.home_unit_id, similarity(d.search_key, o.search_key) as score from people o
            where o.home_unit_id = d.home_unit_id and o.search_key % d.search_key and o.id <> d.id and ${live('o')} and ${undecided}
              and similarity(d.search_key, o.search_key) >= ${SAME_UNIT_SIMILARITY}
            limit ${CANDIDATES_PER_PERSON}) o
          order by score desc, id limit ${PAIRS_PER_PERSON}) o
      ), kept as (
        -- One row a pair: both sides may be in the batch, and the phone is the stronger reason.
        select distinct on (least(id, other), greatest(id, other)) least(id, other) as a, greatest(id, other) as b,
          case when id < other then unit else other_unit end as unit_a, case when id < other then other_unit else unit end as unit_b, reason, score
        from found order by least(id, other), greatest(id, other), reason = 'same_phone_similar_name' desc, score desc
      ), saved as (
        insert into person_duplicates (a, b, unit_a, unit_b, reason, score) select a, b, unit_a, unit_b, reason, score from kept
        on conflict (a, b) do update set unit_a = excluded.unit_a, unit_b = excluded.unit_b, reason = excluded.reason, score = excluded.score, found_at = now()
        returning 1
      )
      select (select count(*) from batch)::int as due, (select count(*) from saved)::int as saved`.execute(trx);
    return rows[0]!.due;
  });
}

/** People still waiting to be compared whose home unit lies in the subtree (counted up to `cap`). */
export async function countDue(db: Kysely<Schema>, under: string, cap = 100_000): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from person_duplicates_due q join people p on p.id = q.person_id join units u on u.id = p.home_unit_id
      where u.path <@ ${under}::ltree limit ${cap}) due`.execute(db);
  return rows[0]!.n;
}

/**
 * Compares due people in turns of `batch` until none is left or `budgetMs` is spent (the next turn finishes the
 * rest). Turns are small so that on PGlite, one connection for everything, a request waits for one turn at most.
 * Returns how many were compared.
 */
export async function pairDueFor(db: Kysely<Schema>, budgetMs: number, batch = 100, under?: string): Promise<number> {
  const until = performance.now() + budgetMs;
  let done = 0;
  for (;;) {
    const n = await pairDue(db, batch, under);
    done += n;
    if (n < batch || performance.now() >= until) return done;
  }
}

/** The background turn: every `everyMs`, up to a second of comparing; a turn still running makes the next one wait. */
export function startDuplicatePairing(deps: { db: Kysely<Schema>; log: Logger }, everyMs = 2_000) {
  let busy = false;
  return repeat(
    async () => {
      if (busy) return;
      busy = true;
      try {
        await pairDueFor(deps.db, 1_000);
      } finally {
        busy = false;
      }
    },
    everyMs,
    (error) => deps.log.error({ err: error }, 'duplicate pairing failed'),
  );
}
