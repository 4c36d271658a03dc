/** The positions of the signed-in person, as /api/me lists them. */
export interface HeldPosition {
  role: string;
  unit: { id: number };
}

interface RolePermissions {
  code: string;
  permissions: readonly string[];
}

/**
 * Whether the person holds `permission` at a unit: a position whose role carries it, at the unit or above it (the
 * server's rule: a permission held at a unit covers its subtree). The unit's ancestors inside the person's turf are
 * enough, since every position above the unit is among them. The server checks again and may still answer 403; this
 * only keeps buttons that cannot work off the screen.
 */
export function holdsAt(
  positions: readonly HeldPosition[] | undefined,
  roles: readonly RolePermissions[] | undefined,
  unit: { id: number; ancestors: ReadonlyArray<{ id: number }> } | undefined,
  permission: 'people.manage' | 'people.reveal' | 'people.export',
): boolean {
  if (!positions || !roles || !unit) return false;
  const at = new Set([unit.id, ...unit.ancestors.map((a) => a.id)]);
  return positions.some((p) => at.has(p.unit.id) && (roles.find((r) => r.code === p.role)?.permissions ?? []).includes(permission));
}
