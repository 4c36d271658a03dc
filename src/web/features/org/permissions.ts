import type { HeldPosition } from './types.ts';

/** What the signed-in person could do at one unit; the server checks again and may still answer 403. */
export interface Grants {
  /** Add a unit below this one: `units.manage` held here or above. */
  addChild: boolean;
  /** Rename, move or archive this unit: `units.manage` held strictly above it (nobody edits their own unit). */
  editUnit: boolean;
  /** Give or end positions at this unit: `positions.manage` held strictly above it. */
  managePositions: boolean;
  /** Appoint office-bearers below this unit from a file: `positions.manage` held here or above (each row still needs it strictly above its unit). */
  importPositions: boolean;
}

export const NO_GRANTS: Grants = Object.freeze({ addChild: false, editUnit: false, managePositions: false, importPositions: false });

interface RolePermissions {
  code: string;
  permissions: readonly string[];
}

/**
 * Mirrors the server's rule (a permission held at a unit covers its subtree) using only what the browser already has:
 * the person's positions, each role's permissions, and the unit's ancestors (all of them inside the turf, so every
 * position above the unit is among them).
 */
export function grantsAt(
  positions: readonly HeldPosition[],
  roles: readonly RolePermissions[] | undefined,
  unit: { id: number; ancestors: ReadonlyArray<{ id: number }> },
): Grants {
  if (!roles) return NO_GRANTS;
  const above = new Set(unit.ancestors.map((a) => a.id));
  const permissionsOf = (role: string) => roles.find((r) => r.code === role)?.permissions ?? [];
  const holds = (permission: string, includingHere: boolean) =>
    positions.some((p) => permissionsOf(p.role).includes(permission) && (above.has(p.unit.id) || (includingHere && p.unit.id === unit.id)));
  return {
    addChild: holds('units.manage', true),
    editUnit: holds('units.manage', false),
    managePositions: holds('positions.manage', false),
    importPositions: holds('positions.manage', true),
  };
}
