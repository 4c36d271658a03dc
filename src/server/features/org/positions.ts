import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Gives a person a role at a unit (idempotent: holding it already changes nothing). Returns the position id. */
export async function assignPosition(db: Db, p: { personId: number; unitId: number; role: string; department?: string | null }): Promise<number> {
  const existing = await db
    .selectFrom('positions')
    .select('id')
    .where('person_id', '=', p.personId)
    .where('unit_id', '=', p.unitId)
    .where('role', '=', p.role)
    .where((eb) => (p.department ? eb('department', '=', p.department) : eb('department', 'is', null)))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('positions')
    .values({ person_id: p.personId, unit_id: p.unitId, role: p.role, department: p.department ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
