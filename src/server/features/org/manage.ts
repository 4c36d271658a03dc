import type { Actor } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';

const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');

/**
 * People manage what is below their positions: changing a unit, or the positions at it, needs the permission held
 * strictly above the unit (a district convener cannot rename their district or appoint its convener). 403 otherwise.
 */
export function requireAbove(actor: Actor, permission: string, unitPath: string, message: string): void {
  const parent = parentOf(unitPath);
  if (!parent || !actor.turf.can(permission, parent)) throw new AppError('forbidden', message);
}
