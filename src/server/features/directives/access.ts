import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor, Turf } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { findDirective, myTargetUnits, type DirectiveRow } from './directives.repo.ts';
import { pathWithin } from '../org/index.ts';

/** A path is ids from the root, so its last label is the unit's own id. */
export const unitIdOfPath = (path: string) => Number(path.slice(path.lastIndexOf('.') + 1));

/**
 * A leader follows a directive when it reaches into their turf: issued inside it, or issued above it with targets
 * below one of their turf's top units (a district convener follows a national directive for their district; a booth
 * worker only receives it).
 */
export async function follows(db: Kysely<Schema>, turf: Turf, directiveId: number, directivePath: string): Promise<boolean> {
  return turf.covers(directivePath) || (await followedRoots(db, turf, directiveId, directivePath)).length > 0;
}

/** The turf's top units below a directive's unit that it has targets under: where a follower's view starts. */
async function followedRoots(db: Kysely<Schema>, turf: Turf, directiveId: number, directivePath: string): Promise<string[]> {
  const below = turf.roots.filter((root) => pathWithin(root, directivePath));
  const ids = below.map(unitIdOfPath);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('directive_units')
    .select('unit_id')
    .where('directive_id', '=', directiveId)
    .where('unit_id', 'in', ids)
    .where(sql<boolean>`targets > target::int`)
    .execute();
  return below.filter((_, i) => rows.some((r) => r.unit_id === ids[i]));
}

/** A directive the caller receives or follows; anything else is not found. */
export async function visibleDirective(db: Kysely<Schema>, actor: Actor, id: number) {
  const directive = await findDirective(db, id);
  if (!directive) throw notFound('directive');
  const canFollow = await follows(db, actor.turf, id, directive.unit_path);
  const mine = await myTargetUnits(db, id, actor.personId);
  if (!canFollow && mine.length === 0) throw notFound('directive');
  return { directive, mine, canFollow };
}

/**
 * A unit the caller may look at within a directive: inside their turf and inside the directive's subtree (the
 * directive's own unit when none is named, or the top of the caller's turf under it).
 */
export async function followedUnitPath(db: Kysely<Schema>, actor: Actor, directive: DirectiveRow, unitPath: string | undefined): Promise<string> {
  if (actor.turf.covers(directive.unit_path)) {
    if (unitPath === undefined) return directive.unit_path;
    if (!pathWithin(unitPath, directive.unit_path)) throw notFound('unit');
    return unitPath;
  }
  const roots = await followedRoots(db, actor.turf, directive.id, directive.unit_path);
  if (unitPath === undefined) {
    if (!roots[0]) throw notFound('directive');
    return roots[0];
  }
  if (!roots.some((root) => pathWithin(unitPath, root))) throw notFound('unit');
  return unitPath;
}

/** Complete means acknowledged, or done when a report is asked. */
export const isComplete = (ask: string, row: { acked_at: Date | null; done_at: Date | null }) => (ask === 'report' ? row.done_at : row.acked_at) !== null;

/**
 * A directive the caller may manage (withdraw it, see how its messages went): its issuer, or whoever may issue at its
 * unit. Outside their turf it does not exist (404); inside it without the right, 403.
 */
export async function managedDirective(db: Kysely<Schema>, actor: Actor, id: number, refusal: string) {
  const d = await db
    .selectFrom('directives as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'd.issued_by', 'd.cancelled_at', 'u.path'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!d || !actor.turf.covers(d.path)) throw notFound('directive');
  if (d.issued_by !== actor.personId && !actor.turf.can('directives.issue', d.path)) throw new AppError('forbidden', refusal);
  return d;
}
