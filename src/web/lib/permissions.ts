/** What the browser knows of the signed-in person's positions (from /api/me) and of the roles (from /api/org/meta). */
export interface HeldPosition {
  role: string;
  unit: { id: number; level: string; nameEn: string; nameHi: string };
}
interface RolePermissions {
  code: string;
  permissions: readonly string[];
}
interface Level {
  code: string;
  depth: number;
}

const permitted = (roles: readonly RolePermissions[], role: string, permission: string) =>
  (roles.find((r) => r.code === role)?.permissions ?? []).includes(permission);

/**
 * Whether the person holds `permission` at a unit: a position whose role carries it, at the unit or above it (the
 * server's rule: a permission held at a unit covers its subtree). The unit's ancestors inside the person's turf are
 * enough, since every position above the unit is among them. The server checks again; this only keeps buttons that
 * cannot work away.
 */
export function holdsAt(
  positions: readonly HeldPosition[] | undefined,
  roles: readonly RolePermissions[] | undefined,
  unit: { id: number; ancestors: ReadonlyArray<{ id: number }> } | undefined,
  permission: string,
): boolean {
  if (!positions || !roles || !unit) return false;
  const at = new Set([unit.id, ...unit.ancestors.map((a) => a.id)]);
  return positions.some((p) => at.has(p.unit.id) && permitted(roles, p.role, permission));
}

/** Whether any of the person's positions carries `permission` (an "issue" or "new event" button). */
export function holdsAnywhere(positions: readonly HeldPosition[] | undefined, roles: readonly RolePermissions[] | undefined, permission: string): boolean {
  return Boolean(positions && roles && positions.some((p) => permitted(roles, p.role, permission)));
}

/** Whether a level has any level below it (a booth has none: nothing to send a directive to, nothing to hold at). */
export function hasLevelBelow(levels: readonly Level[] | undefined, level: string): boolean {
  const depth = levels?.find((l) => l.code === level)?.depth;
  return depth !== undefined && Boolean(levels?.some((l) => l.depth > depth));
}

/** The person's own positions' units whose role carries `permission` (and that `keep` accepts), once each. */
export function unitsAllowing(
  positions: readonly HeldPosition[] | undefined,
  roles: readonly RolePermissions[] | undefined,
  permission: string,
  keep: (unit: HeldPosition['unit']) => boolean = () => true,
): Array<HeldPosition['unit']> {
  if (!positions || !roles) return [];
  const seen = new Set<number>();
  const out: Array<HeldPosition['unit']> = [];
  for (const p of positions) {
    if (seen.has(p.unit.id) || !permitted(roles, p.role, permission) || !keep(p.unit)) continue;
    seen.add(p.unit.id);
    out.push(p.unit);
  }
  return out;
}
