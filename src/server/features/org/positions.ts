import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { findLivePosition, insertPosition } from './positions.repo.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Gives a person a role at a unit without checks or audit (demo, factories, benches); holding it already changes
 * nothing. Returns the position id. People appointing people go through positions.service.ts instead.
 */
export async function assignPosition(db: Db, p: { personId: number; unitId: number; role: string; department?: string | null }): Promise<number> {
  const position = { ...p, department: p.department ?? null };
  return (await findLivePosition(db, position))?.id ?? insertPosition(db, position);
}
