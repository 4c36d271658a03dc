import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';

/** A unit's figures: the counters for what lies below it (unit_stats, unit_group_stats) plus its own state. */
export interface CoverageFigures {
  id: number;
  level: string;
  nameEn: string;
  nameHi: string;
  booths: number;
  boothsWithWorkers: number;
  boothsWithPublic: number;
  shaktiKendras: number;
  shaktiKendrasWithWorkers: number;
  shaktiKendrasWithPublic: number;
  groups: number;
  members: number;
}

/**
 * A unit and its live children with their group coverage, read from the counters (0007_group_coverage.sql): a
 * few key lookups per child however many booths lie below. A live booth or shakti kendra counts itself, with its
 * own live groups read from whatsapp_groups (indexed by unit), as do the groups registered at the unit itself.
 */
export async function coverageRows(db: Kysely<Schema>, unitId: number): Promise<CoverageFigures[]> {
  const { rows } = await sql<CoverageFigures>`
    select u.id, u.level, u.name_en as "nameEn", u.name_hi as "nameHi",
      coalesce(s.booths, 0) + b::int as booths,
      coalesce(gs.booths_workers, 0) + (b and own.w > 0)::int as "boothsWithWorkers",
      coalesce(gs.booths_public, 0) + (b and own.p > 0)::int as "boothsWithPublic",
      coalesce(gs.shakti_kendras, 0) + k::int as "shaktiKendras",
      coalesce(gs.kendras_workers, 0) + (k and own.w > 0)::int as "shaktiKendrasWithWorkers",
      coalesce(gs.kendras_public, 0) + (k and own.p > 0)::int as "shaktiKendrasWithPublic",
      coalesce(gs.groups, 0) + case when u.archived_at is null then own.w + own.p else 0 end as groups,
      coalesce(gs.members, 0) + case when u.archived_at is null then own.m else 0 end as members
    from units u
    cross join (select setu_booth_level() as booth, setu_kendra_level() as kendra) lv
    cross join lateral (select u.archived_at is null and u.level = lv.booth as b, u.archived_at is null and u.level = lv.kendra as k) lu
    cross join lateral (
      select count(*) filter (where g.purpose = 'workers')::int as w, count(*) filter (where g.purpose = 'public')::int as p,
             coalesce(sum(g.member_count), 0)::bigint as m
      from whatsapp_groups g where g.unit_id = u.id and g.archived_at is null
    ) own
    left join unit_stats s on s.unit_id = u.id
    left join unit_group_stats gs on gs.unit_id = u.id
    where u.id = ${unitId} or (u.parent_id = ${unitId} and u.archived_at is null)`.execute(db);
  return rows;
}

/** A unit in the walk for gaps: which purposes it lacks itself (if it is a live booth or kendra) and how many gaps lie below. */
export interface GapNode {
  id: number;
  parentId: number | null;
  path: string;
  level: string;
  nameEn: string;
  nameHi: string;
  missingWorkers: boolean;
  missingPublic: boolean;
  gapsBelow: number;
}

/**
 * Units with their own gap and the number of gaps below them (booths and kendras lacking a workers' or a public
 * group: (booths − booths with both) + (kendras − kendras with both)); either the given units or the live children
 * of the given parents, in path order.
 */
export async function gapNodes(db: Kysely<Schema>, where: { ids: readonly number[] } | { parents: readonly number[] }): Promise<GapNode[]> {
  const filter = 'ids' in where ? sql`u.id = any(${[...where.ids]}::int[])` : sql`u.parent_id = any(${[...where.parents]}::int[]) and u.archived_at is null`;
  const { rows } = await sql<GapNode>`
    select u.id, u.parent_id as "parentId", u.path::text as path, u.level, u.name_en as "nameEn", u.name_hi as "nameHi",
      counted and not exists (select 1 from whatsapp_groups g where g.unit_id = u.id and g.archived_at is null and g.purpose = 'workers') as "missingWorkers",
      counted and not exists (select 1 from whatsapp_groups g where g.unit_id = u.id and g.archived_at is null and g.purpose = 'public') as "missingPublic",
      coalesce(s.booths, 0) - coalesce(gs.booths_both, 0) + coalesce(gs.shakti_kendras, 0) - coalesce(gs.kendras_both, 0) as "gapsBelow"
    from units u
    cross join (select setu_booth_level() as booth, setu_kendra_level() as kendra) lv
    cross join lateral (select u.archived_at is null and u.level in (lv.booth, lv.kendra) as counted) c
    left join unit_stats s on s.unit_id = u.id
    left join unit_group_stats gs on gs.unit_id = u.id
    where ${filter}
    order by u.path`.execute(db);
  return rows;
}
