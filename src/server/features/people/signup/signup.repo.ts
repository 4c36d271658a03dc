import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { sameName } from '../people.repo.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The unit's live (not revoked) sign-up link. */
export async function liveLinkOfUnit(db: Db, unitId: number) {
  return db.selectFrom('signup_links').selectAll().where('unit_id', '=', unitId).where('revoked_at', 'is', null).executeTakeFirst();
}

/** A live link by its token, with its unit; a revoked link or an archived unit is no link. */
export async function liveLinkByToken(db: Db, token: string) {
  return db
    .selectFrom('signup_links as l')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .select(['l.token', 'l.unit_id', 'l.created_at', 'u.level', 'u.name_en', 'u.name_hi'])
    .where('l.token', '=', token)
    .where('l.revoked_at', 'is', null)
    .where('u.archived_at', 'is', null)
    .executeTakeFirst();
}

/** Inserts a link unless the unit already has a live one (then nothing: the caller reads the live one). */
export async function insertLink(trx: Transaction<Schema>, v: { token: string; unitId: number; createdBy: number }): Promise<boolean> {
  const row = await trx
    .insertInto('signup_links')
    .values({ token: v.token, unit_id: v.unitId, created_by: v.createdBy })
    .onConflict((oc) => oc.column('unit_id').where('revoked_at', 'is', null).doNothing())
    .returning('token')
    .executeTakeFirst();
  return row !== undefined;
}

export async function revokeLink(trx: Transaction<Schema>, unitId: number): Promise<{ token: string; revoked_at: Date | null } | undefined> {
  return trx
    .updateTable('signup_links')
    .set({ revoked_at: new Date() })
    .where('unit_id', '=', unitId)
    .where('revoked_at', 'is', null)
    .returning(['token', 'revoked_at'])
    .executeTakeFirst();
}

/**
 * The live person at this unit with this phone and this name (compared case-insensitively, spaces trimmed and runs
 * of spaces made one): someone joining twice by the same link is one record. Anyone else is a new record, since
 * several people may share a household phone.
 */
export async function findAtUnit(db: Db, v: { unitId: number; phoneHash: Uint8Array; name: string }) {
  return db
    .selectFrom('people')
    .select(['id', 'age_band', 'languages', 'whatsapp'])
    .where('home_unit_id', '=', v.unitId)
    .where('phone_hash', '=', v.phoneHash)
    .where('disabled_at', 'is', null)
    .where('merged_into', 'is', null)
    .where('erased_at', 'is', null)
    .where(sameName(v.name))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Live records (not erased, not merged away) with this phone: who a public withdrawal speaks for. */
export async function livePeopleWithPhone(db: Db, phoneHash: Uint8Array): Promise<number[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('phone_hash', '=', phoneHash)
    .where('erased_at', 'is', null)
    .where('merged_into', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
