import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

/** The role whose holders make a booth covered: the lowest rank (ties by code), as the coverage triggers read it. */
export async function headRole(db: Kysely<Schema>): Promise<string | null> {
  const { rows } = await sql<{ code: string | null }>`select setu_head_role() as code`.execute(db);
  return rows[0]?.code ?? null;
}

/**
 * A unit and its live children with their booths and covered booths, read from the counters (unit_stats,
 * unit_coverage): a few key lookups per child, however many booths lie below. A live booth counts itself, and is
 * covered when it has a live head-role position (in `department`; '*' is any).
 */
export async function coverageRows(db: Kysely<Schema>, unitId: number, department: string) {
  const { rows } = await sql<{ id: number; level: string; nameEn: string; nameHi: string; booths: number; covered: number }>`
    select u.id, u.level, u.name_en as "nameEn", u.name_hi as "nameHi",
           coalesce(s.booths, 0) + (u.level = k.booth and u.archived_at is null)::int as booths,
           coalesce(c.covered, 0) + (u.level = k.booth and u.archived_at is null and exists (
             select 1 from positions p where p.unit_id = u.id and p.role = k.head and p.ended_at is null
               and (${department} = '*' or p.department = ${department})
           ))::int as covered
    from units u
    cross join (select setu_booth_level() as booth, setu_head_role() as head) k
    left join unit_stats s on s.unit_id = u.id
    left join unit_coverage c on c.unit_id = u.id and c.department = ${department}
    where u.id = ${unitId} or (u.parent_id = ${unitId} and u.archived_at is null)`.execute(db);
  return rows;
}
