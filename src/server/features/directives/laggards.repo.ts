import { sql, type Kysely } from 'kysely';
import { READ_ONLY, type Schema } from '../../platform/db/index.ts';

export interface LaggardRow {
  id: number;
  level: string;
  name_en: string;
  name_hi: string;
  acked: boolean;
}

interface Row extends LaggardRow {
  target: boolean;
  targets: number;
  acked_n: number;
  done_n: number;
  open_self: boolean;
}

const rowsUnder = (db: Kysely<Schema>, directiveId: number, open: ReturnType<typeof sql>, where: ReturnType<typeof sql>) =>
  sql<Row>`${sql.raw(READ_ONLY)}
    select u.id, u.level, u.name_en, u.name_hi, du.acked_at is not null as acked, du.target, du.targets, du.acked as acked_n, du.done as done_n,
      (du.target and ${open}) as open_self
    from units u join directive_units du on du.directive_id = ${directiveId} and du.unit_id = u.id
    where ${where}
    order by u.id`.execute(db);

/**
 * Target units at or below a unit that are not complete yet, in tree order, at most `want + 1`. Rather than sort a
 * subtree (a nation is a million rows), it walks down from the unit and enters only the children whose counters say
 * something below them is still open; counters may trail by the rollup's interval, which only costs a wasted look.
 */
export async function findLaggards(db: Kysely<Schema>, directiveId: number, ask: string, unitId: number, want: number): Promise<LaggardRow[]> {
  const open = ask === 'report' ? sql`du.done_at is null` : sql`du.acked_at is null`;
  const found: LaggardRow[] = [];
  const openBelow = (r: Row) => r.targets - (ask === 'report' ? r.done_n : r.acked_n) - (r.open_self ? 1 : 0);
  const take = (r: Row) => found.push({ id: r.id, level: r.level, name_en: r.name_en, name_hi: r.name_hi, acked: r.acked });
  const walk = async (parentId: number): Promise<void> => {
    const { rows } = await rowsUnder(db, directiveId, open, sql`u.parent_id = ${parentId}`);
    for (const r of rows) {
      if (found.length > want) return;
      if (r.open_self) take(r);
      if (openBelow(r) > 0) await walk(r.id);
    }
  };
  const { rows: own } = await rowsUnder(db, directiveId, open, sql`u.id = ${unitId}`);
  if (own[0]?.open_self) take(own[0]);
  if (own[0] && openBelow(own[0]) > 0) await walk(unitId);
  return found;
}
