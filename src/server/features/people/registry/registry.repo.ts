import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { sameName } from '../people.repo.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { selectSummaries } from './present.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Query words used for a name search; the rest of a long query is ignored. */
const MAX_WORDS = 5;

/**
 * The words of a name query as the keys hold them: transliterated to Latin by the same SQL as the names
 * (setu_search_words), so "रमेश" asks for "ramesh" and "Ramesh" for the same.
 */
export async function searchWords(db: Db, q: string): Promise<string[]> {
  const { rows } = await sql<{ words: string[] | null }>`select setu_search_words(${q}) as words`.execute(db);
  return [...new Set((rows[0]?.words ?? []).filter((w) => w !== ''))].slice(0, MAX_WORDS);
}

/**
 * People whose home unit is in the subtree at `unitPath`, newest first (by id), after a keyset cursor; erased and
 * merged records are left out. Every query word must be in the name: as the start of one of its words, or a word
 * close to it (pg_trgm word similarity ≥ WORD_SIMILARITY, the `<%` operator the trigram index on search_key answers):
 * "rmesh" and "ramsh" still find Ramesh.
 */
export async function listPeople(db: Kysely<Schema>, q: Parameters<typeof selectPeople>[1]) {
  if (q.words.length === 0) return selectPeople(db, q);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`.execute(trx);
    return selectPeople(trx, q);
  });
}

/** How close a query word must come to a word of the name (0.6 is pg_trgm's default; one letter missed in six is 0.5). */
export const WORD_SIMILARITY = 0.5;

async function selectPeople(
  db: Db,
  q: {
    unitPath: string;
    words: string[];
    consent?: string | undefined;
    kind?: 'worker' | 'supporter' | undefined;
    limit: number;
    beforeId?: number | undefined;
  },
) {
  let query = selectSummaries(db)
    .where(sql<boolean>`u.path <@ ${q.unitPath}::ltree`)
    .where('p.erased_at', 'is', null)
    .where('p.merged_into', 'is', null);
  for (const w of q.words) query = query.where(sql<boolean>`(${w} <% p.search_key or p.search_key like ${`% ${w}%`})`);
  if (q.consent) {
    const purpose = q.consent;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('consents as c')
          .select(sql`1`.as('one'))
          .whereRef('c.person_id', '=', 'p.id')
          .where('c.purpose', '=', purpose)
          .where('c.withdrawn_at', 'is', null),
      ),
    );
  }
  if (q.kind) {
    const held = sql<boolean>`exists (select 1 from positions x where x.person_id = p.id and x.ended_at is null)`;
    query = query.where(q.kind === 'worker' ? held : sql<boolean>`not ${held}`);
  }
  if (q.beforeId !== undefined) query = query.where('p.id', '<', q.beforeId);
  return query
    .orderBy('p.id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

export function decodeCursor(s: string): number {
  try {
    const [id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown];
    if (Number.isInteger(id) && (id as number) > 0) return id as number;
  } catch {
    // fall through to the validation error
  }
  throw new AppError('validation', 'the cursor is not valid', [{ path: 'cursor', message: 'not a cursor from this API' }]);
}

/** The record a device's form already made, by its client-made id. */
export async function findByClientId(db: Db, clientId: string) {
  return db.selectFrom('people').select(['id', 'created_by', 'merged_into']).where('client_id', '=', clientId).executeTakeFirst();
}

/**
 * A live person at this home unit with this phone (blind index) and this name, compared case-insensitively with
 * spaces trimmed and runs of spaces made one: the same person met twice. Anyone else on the phone is a household.
 */
export async function findAtUnit(db: Db, unitId: number, phoneHash: Uint8Array, name: string) {
  return db
    .selectFrom('people')
    .select(['id', 'age_band'])
    .where('home_unit_id', '=', unitId)
    .where('phone_hash', '=', phoneHash)
    .where('erased_at', 'is', null)
    .where('merged_into', 'is', null)
    .where(sameName(name))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Serialises captures of one phone at one unit until commit, so two workers saving the same person at the same
 * moment make one record, not two. The key is the first four bytes of the blind index (collisions only wait).
 */
export async function lockPhoneAtUnit(trx: Transaction<Schema>, unitId: number, phoneHash: Uint8Array): Promise<void> {
  const key = Buffer.from(phoneHash).readInt32BE(0) ^ unitId;
  await sql`select pg_advisory_xact_lock(${CAPTURE_LOCK}, ${key}::int)`.execute(trx);
}
const CAPTURE_LOCK = 7_312_001;
