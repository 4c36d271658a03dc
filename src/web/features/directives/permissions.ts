import { hasLevelBelow, unitsAllowing, type HeldPosition } from '../../lib/permissions.ts';

export { hasLevelBelow, holdsAnywhere, holdsAt, type HeldPosition } from '../../lib/permissions.ts';

interface Level {
  code: string;
  depth: number;
}

/** The units a person can issue from without searching: their own positions' units that allow it and have units below. */
export function issuingUnits(
  positions: readonly HeldPosition[] | undefined,
  roles: ReadonlyArray<{ code: string; permissions: readonly string[] }> | undefined,
  levels: readonly Level[] | undefined,
): Array<HeldPosition['unit']> {
  return unitsAllowing(positions, roles, 'directives.issue', (u) => hasLevelBelow(levels, u.level));
}
