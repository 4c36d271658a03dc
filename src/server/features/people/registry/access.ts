import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** A person record with where it sits: its home unit's path and the paths of its live positions, in one query. */
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
    .where('p.id', '=', id)
    .executeTakeFirst();
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

/** Where a person "lives" for permissions: the home unit, or, for someone without one, the units of their positions. */
const managedAt = (p: LoadedPerson): string[] => (p.home_path ? [p.home_path] : p.position_paths);

/** `permission` held at or above the person's home unit (or, without a home, one of their positions' units). */
export const holds = (actor: Actor, permission: string, p: LoadedPerson) => managedAt(p).some((path) => actor.turf.can(permission, path));

/** Whoever manages people at or above the home unit may edit; so may the worker who captured the record. */
export const mayEdit = (actor: Actor, p: LoadedPerson) => holds(actor, 'people.manage', p) || p.created_by === actor.personId;

export function requireHolds(actor: Actor, permission: string, p: LoadedPerson, message: string): void {
  if (!holds(actor, permission, p)) throw new AppError('forbidden', message);
}

/** Erased records hold nothing to act on; merged ones are acted on through the record they were merged into. */
export function requireLive(p: LoadedPerson): void {
  if (p.erased_at) throw new AppError('person_erased', 'this person’s data has been erased');
  if (p.merged_into !== null) throw new AppError('conflict', `this record was merged into person ${p.merged_into}`);
}
