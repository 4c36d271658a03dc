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
 * People whose home unit is in the subtree at `unitPath`, after a keyset cursor; erased and merged records are left
 * out. Without words, newest first (by id). With words, every query word must be in the name: as the start of one of
 * its words, or a word close to it (pg_trgm word similarity ≥ WORD_SIMILARITY, the `<%` operator the trigram index
 * on search_key answers): "rmesh" and "ramsh" still find Ramesh. Then the closest first (see matchRank), newest
 * first among equals, so "Deepak" lists the Deepaks and दीपक before a newer Dipankar.
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
    before?: Cursor | undefined;
  },
) {
  let query = selectSummaries(db)
    .where(sql<boolean>`u.path <@ ${q.unitPath}::ltree`)
    .where('p.erased_at', 'is', null)
    .where('p.merged_into', 'is', null);
  for (const w of q.words) query = query.where(sql<boolean>`(${w} <% p.search_key or p.search_key like ${`% ${w}%`})`);
  const rank = matchRank(q.words);
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
  if (q.before) {
    const { rank: r, id } = q.before;
    query = query.where(sql<boolean>`(${rank} < ${r} or (${rank} = ${r} and p.id < ${id}))`);
  }
  // Without words the rank is a constant, and a constant in ORDER BY would be read as a column number.
  if (q.words.length > 0) query = query.orderBy(rank, 'desc');
  return query
    .select(rank.as('rank'))
    .orderBy('p.id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

/**
 * How closely a name matches the query words: for each word, 2 when the key holds it whole, 1 when a word of the
 * key starts with it, 0 when it only comes close (pg_trgm). Keys and query are folded alike (0018), so "Deepak" and
 * दीपक both hold "dipk" whole. Computed on the rows the trigram index found, never to find them. 0 without words.
 */
function matchRank(words: string[]) {
  if (words.length === 0) return sql<number>`0::int`;
  const one = (w: string) => sql`case when p.search_key like ${`% ${w} %`} then 2 when p.search_key like ${`% ${w}%`} then 1 else 0 end`;
  return sql<number>`(${sql.join(words.map(one), sql` + `)})`;
}

/** Where the next page starts: after this person, among those of this rank (0 for a list without words). */
export interface Cursor {
  rank: number;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c.rank === 0 ? [c.id] : [c.id, c.rank])).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const [id, rank = 0] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown?];
    if (Number.isInteger(id) && (id as number) > 0 && Number.isInteger(rank) && (rank as number) >= 0 && (rank as number) <= 2 * MAX_WORDS)
      return { id: id as number, rank: rank as number };
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
