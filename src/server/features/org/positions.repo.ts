import { sql, type Kysely, type Transaction } from 'kysely';
import type { OfficeBearer } from '../../../contracts/org.ts';
import type { Schema } from '../../platform/db/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** A configured role, or undefined. */
export async function roleByCode(db: Db, code: string) {
  return db.selectFrom('roles').select(['code', 'rank']).where('code', '=', code).executeTakeFirst();
}

/** A configured department, or undefined. */
export async function departmentByCode(db: Db, code: string) {
  return db.selectFrom('departments').select('code').where('code', '=', code).executeTakeFirst();
}

/** The live position with exactly this person, unit, role and department, if there is one. */
export async function findLivePosition(db: Db, p: { personId: number; unitId: number; role: string; department: string | null }) {
  return db
    .selectFrom('positions')
    .select('id')
    .where('person_id', '=', p.personId)
    .where('unit_id', '=', p.unitId)
    .where('role', '=', p.role)
    .where((eb) => (p.department ? eb('department', '=', p.department) : eb('department', 'is', null)))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

/** A new live position; its coverage follows through the statement trigger on positions. */
export async function insertPosition(db: Db, p: { personId: number; unitId: number; role: string; department: string | null }): Promise<number> {
  const row = await db
    .insertInto('positions')
    .values({ person_id: p.personId, unit_id: p.unitId, role: p.role, department: p.department })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A position with its holder's name and its unit's path (for the turf check), ended or not. */
export async function findPosition(db: Db, id: number) {
  return db
    .selectFrom('positions as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('people as pe', 'pe.id', 'p.person_id')
    .select(['p.id', 'p.person_id', 'pe.name', 'p.unit_id', 'u.path', 'p.role', 'p.department', 'p.ended_at'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** Ends a live position now; undefined when it had already ended (a concurrent request got there first). */
export async function endPosition(db: Db, id: number): Promise<Date | undefined> {
  const row = await db
    .updateTable('positions')
    .set({ ended_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .returning('ended_at')
    .executeTakeFirst();
  return row?.ended_at ?? undefined;
}

/** A position as GET /api/units/{id} lists it among the office-bearers. */
export const presentBearer = (p: { positionId: number; personId: number; name: string; role: string; department: string | null }): OfficeBearer => ({
  positionId: p.positionId,
  personId: p.personId,
  name: p.name,
  role: p.role,
  department: p.department,
});
