import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { FoundUnit, Plan } from './plan.ts';
import { stateIdOf } from './plan.ts';
import type { Levels } from './validate.ts';

export { lockTree } from '../tree-lock.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The configured levels, read once per import. */
export async function loadLevels(db: Db): Promise<Levels> {
  const rows = await db.selectFrom('levels').select(['code', 'depth']).orderBy('depth').execute();
  if (rows.length === 0) throw new Error('no levels are configured');
  return { depths: new Map(rows.map((l) => [l.code, l.depth])), top: rows[0]! };
}

/** The units with these codes, in one indexed query: a batch's own codes and its rows' parents. */
export async function findByCodes(db: Db, codes: readonly string[], levels: Levels): Promise<Map<string, FoundUnit>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{
    id: number;
    code: string;
    parent_id: number | null;
    level: string;
    name_en: string;
    name_hi: string;
    path: string;
    archived: boolean;
  }>`
    select id, code, parent_id, level, name_en, name_hi, path::text as path, archived_at is not null as archived
    from units where code = any(${codes}::text[])`.execute(db);
  return new Map(
    rows.map((r) => [
      r.code,
      {
        id: r.id,
        code: r.code,
        parentId: r.parent_id,
        level: r.level,
        depth: levels.depths.get(r.level) ?? -1,
        nameEn: r.name_en,
        nameHi: r.name_hi,
        path: r.path,
        archived: r.archived,
      },
    ]),
  );
}

/** Draws `n` ids from the units sequence in one round trip, ascending. Ids of a batch that is rolled back are lost: gaps are fine. */
export async function drawIds(db: Db, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('units', 'id'))::int as id from generate_series(1, ${n}::int)`.execute(db);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * Writes a planned batch as two set-based statements. Parents inserted by the same statement are fine: the
 * foreign key is checked at the end of the statement. The statement trigger on units keeps unit_stats right.
 */
export async function writePlan(trx: Transaction<Schema>, plan: Plan) {
  if (plan.inserts.length > 0) {
    const u = plan.inserts;
    await sql`
      insert into units (id, parent_id, level, name_en, name_hi, code, path, state_id)
      select t.id, t.parent_id, t.level, t.name_en, t.name_hi, t.code, t.path::ltree, t.state_id
      from unnest(${u.map((x) => x.place.id)}::int[], ${u.map((x) => x.parent?.id ?? null)}::int[], ${u.map((x) => x.level)}::text[],
                  ${u.map((x) => x.nameEn)}::text[], ${u.map((x) => x.nameHi)}::text[], ${u.map((x) => x.code)}::text[],
                  ${u.map((x) => x.place.path)}::text[], ${u.map((x) => stateIdOf(x.place.path))}::int[])
        as t(id, parent_id, level, name_en, name_hi, code, path, state_id)`.execute(trx);
  }
  if (plan.updates.length > 0) {
    const u = plan.updates;
    await sql`
      update units set name_en = t.name_en, name_hi = t.name_hi, updated_at = now()
      from unnest(${u.map((x) => x.id)}::int[], ${u.map((x) => x.nameEn)}::text[], ${u.map((x) => x.nameHi)}::text[]) as t(id, name_en, name_hi)
      where units.id = t.id`.execute(trx);
  }
}
