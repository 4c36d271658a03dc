import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * A person record with where it sits: its home unit's path and the paths and role ranks of its live positions, in one
 * query (the ranks decide who has power over them).
 */
export async function loadPerson(db: Db, id: number) {
  return db
    .selectFrom('people as p')
    .leftJoin('units as u', 'u.id', 'p.home_unit_id')
    .selectAll('p')
    .select('u.path as home_path')
    .select(
      sql<string[]>`array(select xu.path::text from positions x join units xu on xu.id = x.unit_id where x.person_id = p.id and x.ended_at is null)`.as(
        'position_paths',
      ),
    )
    .select(
      sql<HeldAt[]>`coalesce((select json_agg(json_build_object('path', xu.path::text, 'rank', r.rank)) from positions x join units xu on xu.id = x.unit_id
        join roles r on r.code = x.role where x.person_id = p.id and x.ended_at is null), '[]'::json)`.as('held'),
    )
    .where('p.id', '=', id)
    .executeTakeFirst();
}
/** Where a person holds a live position, and the rank of its role there. */
export interface HeldAt {
  path: string;
  rank: number;
}
export type LoadedPerson = NonNullable<Awaited<ReturnType<typeof loadPerson>>>;

/**
 * A person the caller may see: their home unit or a live position is inside the turf. Anyone else is the 404 that
 * does not say whether they exist.
 */
export async function personInTurf(db: Db, actor: Actor, id: number): Promise<LoadedPerson> {
  const person = await loadPerson(db, id);
  if (!person || ![person.home_path, ...person.position_paths].some((p) => p !== null && actor.turf.covers(p))) throw notFound('person');
  return person;
}

/**
 * Power over a person (DESIGN.md, "Power over people"): someone who holds live positions is governed by them, not by
 * their home unit: `permission` must be held strictly above every unit where they hold one, or at that unit with a
 * higher role (a lower rank), so nobody gains power over someone at or above their own rank, themselves included.
 * Someone who holds no position (a supporter) is governed by their home unit: the permission at or above it.
 */
export function hasPower(actor: Actor, permission: string, p: Pick<LoadedPerson, 'id' | 'home_path' | 'held'>): boolean {
  if (p.id === actor.personId) return false;
  if (p.held.length > 0) return p.held.every((h) => actor.turf.outranks(permission, h.path, h.rank));
  return p.home_path !== null && actor.turf.can(permission, p.home_path);
}

/**
 * Who may edit a person: whoever has `people.manage` power over them, and the worker who captured the record while
 * the person holds no position (once they do, their record is a login identity and only power counts).
 */
export const mayEdit = (actor: Actor, p: LoadedPerson) => hasPower(actor, 'people.manage', p) || (p.created_by === actor.personId && p.held.length === 0);

export function requireHolds(actor: Actor, permission: string, p: LoadedPerson, message: string): void {
  if (!hasPower(actor, permission, p)) throw new AppError('forbidden', message);
}

/** Erased records hold nothing to act on; merged ones are acted on through the record they were merged into. */
export function requireLive(p: LoadedPerson): void {
  if (p.erased_at) throw new AppError('person_erased', 'this person’s data has been erased');
  if (p.merged_into !== null) throw new AppError('conflict', `this record was merged into person ${p.merged_into}`);
}
