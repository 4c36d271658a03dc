import { sql, type Expression, type RawBuilder } from 'kysely';
import { reachableFor } from '../people/index.ts';

/** A person row's columns the conditions read, as references into the query (`sql.ref('p.id')`). */
export interface PersonRefs {
  id: Expression<number>;
  ageBand: Expression<string | null>;
  homeUnitId: Expression<number | null>;
}

/**
 * "May be sent a message for this purpose now": a live record (not erased, merged or disabled) that people's one
 * consent rule accepts (live consent, not a child). Read at dispatch and again just before each send, so a
 * withdrawal stops the messages still waiting in the queue.
 */
export function reachableNow(
  purpose: string,
  p: PersonRefs & { erasedAt: Expression<Date | null>; mergedInto: Expression<number | null>; disabledAt: Expression<Date | null> },
): RawBuilder<boolean> {
  return sql<boolean>`(${p.erasedAt} is null and ${p.mergedInto} is null and ${p.disabledAt} is null and ${reachableFor(purpose, { id: p.id, ageBand: p.ageBand })})`;
}

/** The person columns of `people as <alias>` for the conditions. */
export function personRefs(alias: string) {
  return {
    id: sql.ref<number>(`${alias}.id`),
    ageBand: sql.ref<string | null>(`${alias}.age_band`),
    homeUnitId: sql.ref<number | null>(`${alias}.home_unit_id`),
    erasedAt: sql.ref<Date | null>(`${alias}.erased_at`),
    mergedInto: sql.ref<number | null>(`${alias}.merged_into`),
    disabledAt: sql.ref<Date | null>(`${alias}.disabled_at`),
  };
}

/**
 * The paths of the units under an election silence now, as one `ltree[]` (empty when there is none). Computed once
 * per statement, so the per-person test below is a comparison against a handful of paths, not a join per period.
 */
export const silentPaths: RawBuilder<string[]> = sql<string[]>`(select coalesce(array_agg(su.path), '{}'::ltree[])
  from silence_periods s join units su on su.id = s.unit_id
  where s.cancelled_at is null and s.starts_at <= now() and s.ends_at > now())`;

/**
 * Whether a person is inside a silenced unit: their home unit, or the unit of any live position, lies in the subtree
 * of a unit under silence (`path <@ ltree[]`: some element is an ancestor or the unit itself).
 */
export function silenced(paths: Expression<string[]>, p: Pick<PersonRefs, 'id' | 'homeUnitId'>): RawBuilder<boolean> {
  return sql<boolean>`(cardinality(${paths}) > 0 and (
    exists (select 1 from units hu where hu.id = ${p.homeUnitId} and hu.path <@ ${paths})
    or exists (select 1 from positions pos join units pu on pu.id = pos.unit_id
               where pos.person_id = ${p.id} and pos.ended_at is null and pu.path <@ ${paths})))`;
}
