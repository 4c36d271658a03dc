import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { PiiCipher } from '../../platform/crypto.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** What a new person record may carry; only the name is required. */
export interface NewPerson {
  name: string;
  phone: string | null;
  homeUnitId?: number | null;
  whatsapp?: boolean;
  ageBand?: string | null;
  languages?: string[];
  tags?: string[];
  notes?: string | null;
  clientId?: string | null;
  source?: 'admin' | 'position' | 'capture' | 'signup' | 'import';
  createdBy?: number | null;
}

/** Stores a person; the phone and notes only as ciphertext (and the phone's blind index), never as text. */
export async function insertPerson(db: Db, cipher: PiiCipher, p: NewPerson): Promise<number> {
  const row = await db
    .insertInto('people')
    .values({
      name: p.name,
      phone_enc: p.phone ? cipher.encrypt(p.phone) : null,
      phone_hash: p.phone ? cipher.blindIndex(p.phone) : null,
      notes_enc: p.notes ? cipher.encrypt(p.notes) : null,
      pii_key_id: p.phone || p.notes ? cipher.keyId : null,
      home_unit_id: p.homeUnitId ?? null,
      whatsapp: p.whatsapp ?? false,
      age_band: p.ageBand ?? null,
      languages: p.languages ?? [],
      tags: p.tags ?? [],
      client_id: p.clientId ?? null,
      source: p.source ?? 'admin',
      created_by: p.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Who may sign in with this phone: live people holding a live position. A shared household phone may belong to
 * several people; the one who has held a position longest signs in.
 */
export async function loginCandidate(db: Db, phoneHash: Uint8Array): Promise<number | undefined> {
  const row = await db
    .selectFrom('people as pe')
    .innerJoin('positions as p', 'p.person_id', 'pe.id')
    .select('pe.id')
    .where('pe.phone_hash', '=', phoneHash)
    .where('pe.disabled_at', 'is', null)
    .where('p.ended_at', 'is', null)
    .orderBy('p.created_at')
    .orderBy('pe.id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** The person's unit paths: home unit and units of live positions, for turf checks on the person. */
export async function personUnitPaths(db: Db, personId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('units as u')
    .select('u.path')
    .where((eb) =>
      eb.or([
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('people')
            .select('home_unit_id')
            .where('id', '=', personId)
            .where('home_unit_id', 'is not', null)
            .$narrowType<{ home_unit_id: number }>(),
        ),
        eb('u.id', 'in', eb.selectFrom('positions').select('unit_id').where('person_id', '=', personId).where('ended_at', 'is', null)),
      ]),
    )
    .execute();
  return rows.map((r) => r.path);
}

/**
 * The `people.name` of the row is this name, compared case-insensitively with spaces trimmed and runs of spaces made
 * one: how someone met again (same phone, same name) is known.
 */
export const sameName = (name: string) =>
  sql<boolean>`lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim(${name}), '\\s+', ' ', 'g'))`;

/**
 * A live person with this phone (by its blind index) and this name, compared case-insensitively with spaces trimmed
 * and runs of spaces made one: how an appointment by name and phone finds someone already known. Disabled people
 * never match, so nothing here depends on whether the phone belongs to anyone else.
 */
export async function findLiveByPhoneAndName(db: Db, phoneHash: Uint8Array, name: string): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('phone_hash', '=', phoneHash)
    .where('disabled_at', 'is', null)
    .where('merged_into', 'is', null)
    .where(sameName(name))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** A person's name and whether they are disabled. */
export async function findPerson(db: Db, id: number): Promise<{ id: number; name: string; disabled: boolean } | undefined> {
  const row = await db.selectFrom('people').select(['id', 'name', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, disabled: row.disabled_at !== null };
}
