import type { Kysely } from 'kysely';
import type { GroupCoverage, GroupCoverageRow, GroupPurpose } from '../../../../contracts/groups.ts';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { unitInTurf } from '../../org/index.ts';
import { coverageRows, gapNodes, type CoverageFigures, type GapNode } from './coverage.repo.ts';

/** How many gaps one answer lists. */
export const GAP_LIMIT = 100;

const row = ({ id, level, nameEn, nameHi, ...figures }: CoverageFigures): GroupCoverageRow => ({ unit: { id, level, nameEn, nameHi }, ...figures });

const missing = (n: GapNode): GroupPurpose[] => [...(n.missingWorkers ? (['workers'] as const) : []), ...(n.missingPublic ? (['public'] as const) : [])];
const ownGap = (n: GapNode) => (n.missingWorkers || n.missingPublic ? 1 : 0);

/**
 * The first `limit` gaps in the unit's subtree (itself included) in path order: live booths and shakti kendras
 * without a live workers' group or public group. Walks down one level per query, into only as many children as
 * hold the gaps still wanted, which the counters tell without looking inside: each unit gets a quota (how many of
 * its subtree's gaps to list, itself first, then its children in path order), so a level never reads more than the
 * children of `limit` units, and the nation costs about as much as a district.
 */
export async function firstGaps(db: Kysely<Schema>, unitId: number, limit = GAP_LIMIT): Promise<{ gaps: GapNode[]; total: number }> {
  const [root] = await gapNodes(db, { ids: [unitId] });
  if (!root) return { gaps: [], total: 0 };
  const total = ownGap(root) + root.gapsBelow;
  const gaps: GapNode[] = [];
  let level = [{ node: root, quota: Math.min(limit, total) }];
  while (level.length > 0) {
    const open = new Map<number, number>();
    for (const { node, quota } of level) {
      const own = ownGap(node);
      if (own) gaps.push(node);
      if (quota - own > 0) open.set(node.id, quota - own);
    }
    if (open.size === 0) break;
    const children = await gapNodes(db, { parents: [...open.keys()] });
    const next: typeof level = [];
    for (const child of children) {
      const left = open.get(child.parentId!) ?? 0;
      const has = ownGap(child) + child.gapsBelow;
      if (left === 0 || has === 0) continue;
      const take = Math.min(left, has);
      next.push({ node: child, quota: take });
      open.set(child.parentId!, left - take);
    }
    level = next;
  }
  // Units of different depths come out level by level; ltree orders labels as strings, and '.' sorts before any
  // label character, so plain string order of the paths is path order.
  gaps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { gaps, total };
}

/**
 * WhatsApp group coverage of a unit inside the caller's turf: its totals and one row per live child (booths and
 * shakti kendras below, how many have a live workers' and public group, groups and reported members), and the
 * first gaps. Counters only: the nation answers like a booth.
 */
export async function groupCoverage({ db }: { db: Kysely<Schema> }, actor: Actor, unitId: number): Promise<GroupCoverage> {
  await unitInTurf(db, actor.turf, unitId);
  const [rows, { gaps, total }] = await Promise.all([coverageRows(db, unitId), firstGaps(db, unitId)]);
  const children = rows
    .filter((r) => r.id !== unitId)
    .sort((a, b) => a.nameEn.localeCompare(b.nameEn, 'en') || a.id - b.id)
    .map(row);
  return {
    total: row(rows.find((r) => r.id === unitId)!),
    children,
    gaps: gaps.map((g) => ({ unit: { id: g.id, level: g.level, nameEn: g.nameEn, nameHi: g.nameHi }, missing: missing(g) })),
    gapsTruncated: total > gaps.length,
  };
}
