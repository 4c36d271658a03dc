import type { HeldPosition, SearchHit } from './types.ts';
import { grantsAt } from './permissions.ts';

/** The shortest query worth sending: one letter matches too much of a district. */
export const MIN_QUERY = 2;

/** The trimmed query, or null while it is too short to search. Counts letters, not UTF-16 units (Devanagari). */
export function searchQuery(raw: string): string | null {
  const q = raw.trim().replace(/\s+/g, ' ');
  return [...q].length >= MIN_QUERY ? q : null;
}

/** The search URL for a query, optionally within one unit's subtree. */
export function searchPath(q: string, within?: number, limit = 20): string {
  const params = new URLSearchParams({ q, limit: String(limit) });
  if (within !== undefined) params.set('within', String(within));
  return `/api/units/search?${params.toString()}`;
}

/** Whether the server ranked only the first of very many matches (`{items, truncated: true}`): the person should type more. */
export function isTruncated(payload: unknown): boolean {
  return Boolean(payload && typeof payload === 'object' && (payload as { truncated?: unknown }).truncated === true);
}

/** The hits in a search answer (`{items, truncated}`), tolerating a bare list or `{results}`. */
export function searchHits(payload: unknown): SearchHit[] {
  const list = Array.isArray(payload)
    ? payload
    : payload && typeof payload === 'object'
      ? ((payload as { items?: unknown; results?: unknown }).items ?? (payload as { results?: unknown }).results)
      : undefined;
  if (!Array.isArray(list)) return [];
  return (list as SearchHit[]).map((h) => ({ ...h, ancestors: Array.isArray(h.ancestors) ? h.ancestors : [] }));
}

/**
 * The hits a unit may move under: a level above the unit's, not the unit or anything below it, not its current
 * parent, and a place where the person may add units. The server decides in the end; this keeps the list honest.
 */
export function moveTargets(
  hits: readonly SearchHit[],
  unit: { id: number; parentId: number | null; level: string },
  levels: ReadonlyArray<{ code: string; depth: number }>,
  positions: readonly HeldPosition[],
  roles: ReadonlyArray<{ code: string; permissions: readonly string[] }>,
): SearchHit[] {
  const depth = (code: string) => levels.find((l) => l.code === code)?.depth;
  const own = depth(unit.level);
  if (own === undefined) return [];
  return hits.filter((h) => {
    const d = depth(h.level);
    if (d === undefined || d >= own) return false;
    if (h.id === unit.id || h.id === unit.parentId || h.ancestors.some((a) => a.id === unit.id)) return false;
    return grantsAt(positions, roles, h).addChild;
  });
}
