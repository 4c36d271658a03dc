import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Turf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';

/** A live position with where it sits and what its role allows. */
export interface HeldPosition {
  positionId: number;
  unitId: number;
  path: string;
  role: string;
  /** The role's rank: 1 is the highest (convener); between two people at one unit the lower number decides. */
  rank: number;
  department: string | null;
  permissions: readonly string[];
}

/** Whether a unit's path is the root's or below it: paths are ids from the top, joined by dots. */
export const within = (path: string, root: string) => path === root || path.startsWith(root + '.');

/** The union of the subtrees under a person's positions. */
export class PositionTurf implements Turf {
  readonly positions: readonly HeldPosition[];
  readonly roots: readonly string[];
  constructor(positions: readonly HeldPosition[]) {
    this.positions = positions;
    const paths = [...new Set(positions.map((p) => p.path))].sort((a, b) => a.length - b.length);
    this.roots = paths.filter((p, i) => !paths.slice(0, i).some((r) => within(p, r)));
  }
  covers(path: string): boolean {
    return this.roots.some((r) => within(path, r));
  }
  can(permission: string, path: string): boolean {
    return this.positions.some((p) => p.permissions.includes(permission) && within(path, p.path));
  }
  grants(permission: string): readonly { path: string; rank: number }[] {
    return this.positions.filter((p) => p.permissions.includes(permission)).map((p) => ({ path: p.path, rank: p.rank }));
  }
  outranks(permission: string, path: string, rank: number): boolean {
    return this.positions.some((p) => p.permissions.includes(permission) && (p.path === path ? p.rank < rank : within(path, p.path)));
  }
}

/**
 * A person's live positions at live units as a JSON array of HeldPosition, to load with another row (the session)
 * in one query: every request needs both.
 */
export function heldPositionsJson(personId: Expression<number> | RawBuilder<number>): RawBuilder<HeldPosition[]> {
  return sql<HeldPosition[]>`coalesce((
    select json_agg(json_build_object('positionId', p.id, 'unitId', u.id, 'path', u.path::text, 'role', p.role, 'rank', r.rank, 'department', p.department,
      'permissions', r.permissions))
    from positions p join units u on u.id = p.unit_id join roles r on r.code = p.role
    where p.person_id = ${personId} and p.ended_at is null and u.archived_at is null), '[]'::json)`;
}

/** Loads a person's live positions at live units and makes their turf. */
export async function loadTurf(db: Kysely<Schema>, personId: number): Promise<PositionTurf> {
  const rows = await db
    .selectFrom('positions as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('roles as r', 'r.code', 'p.role')
    .select(['p.id as positionId', 'u.id as unitId', 'u.path', 'p.role', 'r.rank', 'p.department', 'r.permissions'])
    .where('p.person_id', '=', personId)
    .where('p.ended_at', 'is', null)
    .where('u.archived_at', 'is', null)
    .execute();
  return new PositionTurf(rows);
}

/**
 * SQL condition "this ltree path is inside the turf", for repositories that filter lists by turf in the query
 * itself. An empty turf matches nothing.
 */
export function inTurf(turf: Turf, path: Expression<string> | RawBuilder<string>): RawBuilder<boolean> {
  if (turf.roots.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${path} <@ ${[...turf.roots]}::text[]::ltree[]`;
}

/** Of the given unit ids, the ones inside the turf: the bulk check every feature uses for objects tied to units. */
export async function unitsInTurf(db: Kysely<Schema>, turf: Turf, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0 || turf.roots.length === 0) return new Set();
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', sql<number>`any(${[...ids]}::int[])`)
    .where(inTurf(turf, sql.ref('path')))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** One unit inside the turf, or the 404 that does not say whether it exists elsewhere. */
export async function unitInTurf(db: Kysely<Schema>, turf: Turf, id: number) {
  const unit = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!unit || !turf.covers(unit.path)) throw notFound('unit');
  return unit;
}
