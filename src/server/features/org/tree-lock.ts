import { sql, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

/** Any constant, the same everywhere: the advisory lock for changes to the shape of the tree. */
const TREE_LOCK = 7_312_000;

/**
 * Serialises structural changes (create under a parent, move, import) for the rest of the transaction, so a
 * unit is never written under a parent path that a concurrent move has just rewritten, and two moves never make
 * a cycle. Read the parents after taking it.
 */
export async function lockTree(trx: Transaction<Schema>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TREE_LOCK})`.execute(trx);
}
