import type { Kysely } from 'kysely';
import type { SearchResult, UnitRef } from '../../../contracts/org.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { boothsIn, searchUnitIds, spellingsOf } from './search.repo.ts';
import { unitInTurf } from './turf.ts';
import { presentUnit, selectUnits } from './units.repo.ts';

/**
 * Finds units by name inside the caller's turf (or inside `within`, which must be in it): English or Hindi, either
 * script, a little misspelt. Each hit carries its booth count and its ancestors inside the turf, root first; the
 * ancestor ids are the labels of the hits' paths, so the breadcrumbs are one primary-key read.
 */
export async function searchUnits(
  { db }: { db: Kysely<Schema> },
  actor: Actor,
  q: { q: string; limit: number; within?: number | undefined },
  /** Up to how many booths a scope is read whole through the path index (tests set it to try every way). */
  opts: { smallScopeBooths?: number } = {},
): Promise<SearchResult> {
  const scope = q.within === undefined ? actor.turf.roots : [(await unitInTurf(db, actor.turf, q.within)).path];
  if (scope.length === 0) return { items: [], truncated: false };
  const [{ words, spellings }, booths] = await Promise.all([spellingsOf(db, q.q), boothsIn(db, scope)]);
  const { hits, truncated } = await searchUnitIds(db, { words, spellings, scope, limit: q.limit, booths, smallScopeBooths: opts.smallScopeBooths });
  if (hits.length === 0) return { items: [], truncated };

  const above = (path: string) => {
    const labels = path.split('.');
    return labels.slice(0, -1).map((_, i) => labels.slice(0, i + 1).join('.'));
  };
  const ancestorPaths = [...new Set(hits.flatMap((h) => above(h.path)))].filter((p) => actor.turf.covers(p));
  const ids = [...new Set([...hits.map((h) => h.id), ...ancestorPaths.map((p) => Number(p.split('.').at(-1)))])];
  const units = new Map((await selectUnits(db).where('u.id', 'in', ids).execute()).map((r) => [r.id, presentUnit(r)]));
  const ref = (id: number): UnitRef => {
    const u = units.get(id)!;
    return { id: u.id, level: u.level, nameEn: u.nameEn, nameHi: u.nameHi };
  };
  return {
    items: hits.map((h) => ({
      ...units.get(h.id)!,
      ancestors: above(h.path)
        .filter((p) => actor.turf.covers(p))
        .map((p) => ref(Number(p.split('.').at(-1)))),
      score: Math.round(h.score * 1000) / 1000,
    })),
    truncated,
  };
}
