import { sql, type Kysely, type Transaction } from 'kysely';
import type { Unit } from '../../../contracts/org.ts';
import type { Schema } from '../../platform/db/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Columns of a unit plus its live booth count, as the API shows it. */
export function selectUnits(db: Db) {
  return (
    db
      .selectFrom('units as u')
      .leftJoin('unit_stats as s', 's.unit_id', 'u.id')
      .select(['u.id', 'u.parent_id', 'u.level', 'u.name_en', 'u.name_hi', 'u.code', 'u.path', 'u.archived_at'])
      // unit_stats holds the booths below a unit; a live booth counts itself.
      .select(sql<number>`coalesce(s.booths, 0) + case when u.level = setu_booth_level() and u.archived_at is null then 1 else 0 end`.as('booths'))
  );
}

type UnitSelection = Awaited<ReturnType<ReturnType<typeof selectUnits>['executeTakeFirstOrThrow']>>;

export function presentUnit(r: UnitSelection): Unit {
  return {
    id: r.id,
    parentId: r.parent_id,
    level: r.level,
    nameEn: r.name_en,
    nameHi: r.name_hi,
    code: r.code,
    path: r.path,
    archived: r.archived_at !== null,
    booths: r.booths,
  };
}

export async function findUnit(db: Db, id: number): Promise<Unit | undefined> {
  const row = await selectUnits(db).where('u.id', '=', id).executeTakeFirst();
  return row && presentUnit(row);
}

/**
 * Children ordered by name then id, after a keyset cursor: the English name, or with `lang: 'hi'` the Hindi one in
 * code-point order (collation "C" on both engines, whatever the database's locale), which for Devanagari is the
 * alphabet's own: अ आ इ … क ख ग … ह.
 */
export async function listChildren(
  db: Db,
  parentId: number,
  opts: { limit: number; after?: { name: string; id: number }; includeArchived: boolean; lang?: 'en' | 'hi' },
) {
  const name = opts.lang === 'hi' ? sql`u.name_hi collate "C"` : sql`u.name_en`;
  let q = selectUnits(db).where('u.parent_id', '=', parentId);
  if (!opts.includeArchived) q = q.where('u.archived_at', 'is', null);
  if (opts.after) q = q.where(sql<boolean>`(${name}, u.id) > (${opts.after.name}, ${opts.after.id})`);
  const rows = await q
    .orderBy(name)
    .orderBy('u.id')
    .limit(opts.limit + 1)
    .execute();
  return rows.map(presentUnit);
}

/** The units above a path, root first. Their ids are the path's labels, so this is a primary-key lookup. */
export async function ancestorsOf(db: Db, path: string) {
  const ids = path.split('.').slice(0, -1).map(Number);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('units').select(['id', 'level', 'name_en as nameEn', 'name_hi as nameHi', 'path']).where('id', 'in', ids).execute();
  return rows.sort((a, b) => a.path.length - b.path.length);
}

export async function officeBearersAt(db: Db, unitId: number) {
  return db
    .selectFrom('positions as p')
    .innerJoin('people as pe', 'pe.id', 'p.person_id')
    .innerJoin('roles as r', 'r.code', 'p.role')
    .select(['p.id as positionId', 'pe.id as personId', 'pe.name', 'p.role', 'p.department'])
    .where('p.unit_id', '=', unitId)
    .where('p.ended_at', 'is', null)
    .where('pe.disabled_at', 'is', null)
    .orderBy('r.rank')
    .orderBy('pe.name')
    .execute();
}

export async function levelByCode(db: Db, code: string) {
  return db.selectFrom('levels').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts one unit under a parent, its path made from its own new id in the same statement. */
export async function insertUnit(
  db: Db,
  parent: { id: number; path: string; state_id: number | null },
  v: { level: string; nameEn: string; nameHi: string; code: string | null },
): Promise<number> {
  const row = await sql<{ id: number }>`
    insert into units (id, parent_id, level, name_en, name_hi, code, path, state_id)
    select n.id, ${parent.id}, ${v.level}, ${v.nameEn}, ${v.nameHi}, ${v.code},
           (${parent.path}::text || '.' || n.id)::ltree,
           coalesce(${parent.state_id}::int, case when nlevel(${parent.path}::ltree) = 1 then n.id end)
    from (select nextval(pg_get_serial_sequence('units', 'id'))::int as id) n
    returning id`.execute(db);
  return row.rows[0]!.id;
}

/**
 * Moves a subtree in one statement: every path under `from` is re-rooted under the new parent's path.
 * The booth counters follow through the statement trigger on units.
 */
export async function moveSubtree(db: Db, unit: { id: number; path: string }, newParent: { id: number; path: string; state_id: number | null }) {
  const result = await sql`
    update units set
      path = ${newParent.path}::ltree || subpath(path, nlevel(${unit.path}::ltree) - 1),
      parent_id = case when id = ${unit.id} then ${newParent.id} else parent_id end,
      state_id = coalesce(${newParent.state_id}::int, case when nlevel(${newParent.path}::ltree) = 1 then ${unit.id}::int end),
      updated_at = now()
    where path <@ ${unit.path}::ltree`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
