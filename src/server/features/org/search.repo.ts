import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

/**
 * How many matching units a search ranks at most. A common word ("Rampur", "vidyalay") can be in lakhs of keys across
 * a nation; scoring them all costs seconds, so the first ones found are ranked instead and the answer says
 * `truncated`. Through the trigram index "first" is table order, and units are written parents first (API, CSV import
 * and demo alike), so in practice the upper levels, which rank first anyway.
 */
export const SEARCH_CANDIDATES = 2_000;
/** Query words used; the rest of a long query is ignored. */
const MAX_WORDS = 5;
/** Dictionary words tried for each query word, best first… */
const SPELLINGS = 10;
/**
 * …and only those nearly as close as the best: once "chandausi" is in the dictionary, chandpur (0.45) would only add
 * lower-ranked hits, and, being a common village name, thousands of them to rank.
 */
const SPELLING_SPREAD = 0.25;
/**
 * Scopes with up to this many booths (a district or two) are read whole through the path index (≈ 1.2 units a booth,
 * a few µs each): cheaper than the trigram index, whose lists for a common word hold lakhs of units elsewhere.
 */
export const SMALL_SCOPE_BOOTHS = 20_000;
/**
 * In a larger scope, the first this many units of the path index are tried before the trigram index: if they already
 * hold SEARCH_CANDIDATES matches, the words are so common (≥ 10 %) that the trigram index would first list lakhs of
 * holders across the nation, and these suffice. Otherwise the trigram index finds the few (the probe cost ~30 ms).
 */
const PROBE_UNITS = 10 * SEARCH_CANDIDATES;

export interface Spelling {
  /** Which query word (0-based) this dictionary word stands for. */
  i: number;
  word: string;
  /** How close the query word is to this word, 0–1: the better of pg_trgm's similarity and word similarity. */
  sim: number;
}

/**
 * Step one: for each word of the query (transliterated and split like the keys), the dictionary words it may mean,
 * best first, by pg_trgm's two measures at their default thresholds: similarity ≥ 0.3 takes misspellings ("sambal",
 * "sambhl" → sambhal), word similarity ≥ 0.6 takes the start of a word as it is typed ("samb" → sambhal).
 */
export async function spellingsOf(db: Kysely<Schema>, text: string): Promise<{ words: number; spellings: Spelling[] }> {
  const { rows: wordRows } = await sql<{ words: string[] }>`select setu_search_words(${text}) as words`.execute(db);
  const words = [...new Set(wordRows[0]?.words ?? [])].filter((w) => w !== '').slice(0, MAX_WORDS);
  if (words.length === 0) return { words: 0, spellings: [] };
  const { rows } = await sql<Spelling>`
    select (q.i - 1)::int as i, d.word, d.sim
    from unnest(${words}::text[]) with ordinality q(w, i)
    cross join lateral (
      select word, greatest(similarity(q.w, word), word_similarity(q.w, word)) as sim from search_words where q.w % word or q.w <% word
      order by sim desc, length(word), word limit ${SPELLINGS}
    ) d`.execute(db);
  const best = new Map<number, number>();
  for (const r of rows) best.set(r.i, Math.max(best.get(r.i) ?? 0, r.sim));
  return { words: words.length, spellings: rows.filter((r) => r.sim >= best.get(r.i)! - SPELLING_SPREAD) };
}

/** Booths under the scope's roots (their ids are the last labels of the paths): a key read per root. */
export async function boothsIn(db: Kysely<Schema>, scope: readonly string[]): Promise<number> {
  const ids = scope.map((p) => Number(p.split('.').at(-1)));
  const { rows } = await sql<{ n: number }>`select coalesce(sum(booths), 0)::int as n from unit_stats where unit_id = any(${ids}::int[])`.execute(db);
  return rows[0]!.n;
}

/**
 * Step two: live units under any of `scope` (ltree paths) whose key holds, for every query word, one of its
 * spellings as a whole word. Each scores the mean over query words of its best spelling's similarity; best first,
 * then shallowest, then by name.
 */
export async function searchUnitIds(
  db: Kysely<Schema>,
  q: { words: number; spellings: Spelling[]; scope: readonly string[]; limit: number; booths: number; smallScopeBooths?: number },
) {
  const perWord = Array.from({ length: q.words }, (_, i) => q.spellings.filter((s) => s.i === i));
  if (q.words === 0 || perWord.some((s) => s.length === 0)) return { hits: [], truncated: false };
  // One LIKE per spelling: '% word %' needs all the word's trigrams with their padding, so the trigram index selects
  // exactly. `search_key || ''` hides that index; one `<@` per root is what the GiST path index can use.
  const viaTrigrams = holdsAll(perWord, sql`search_key`);
  const viaPaths = holdsAll(perWord, sql`(search_key || '')`);
  const underRoots = sql<boolean>`(${sql.join(
    q.scope.map((p) => sql`path <@ ${p}::ltree`),
    sql` or `,
  )})`;
  const rankIn = (trx: Transaction<Schema>, candidates: RawBuilder<unknown>) => rank(trx, candidates, q);
  return db.transaction().execute(async (trx) => {
    // Only the trigram index or the path index may find candidates: a sequential scan is what the planner picks when
    // it overestimates the matches, and it reads every unit in the nation. No JIT: it compiles longer than these run.
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    if (q.booths <= (q.smallScopeBooths ?? SMALL_SCOPE_BOOTHS)) {
      return rankIn(trx, sql`select id, path, name_en, search_key from units where ${viaPaths} and archived_at is null and ${underRoots}`);
    }
    if (q.scope.length === 1) {
      // Walk the path index (a bitmap scan would first list the whole scope) and stop early.
      await sql`set local enable_bitmapscan = off`.execute(trx);
      const probe = await rankIn(
        trx,
        sql`select * from (select id, path, name_en, search_key, archived_at from units where ${underRoots} limit ${PROBE_UNITS}) p
            where ${viaPaths} and archived_at is null`,
      );
      if (probe.truncated) return probe;
      await sql`set local enable_bitmapscan = on`.execute(trx);
    }
    return rankIn(
      trx,
      sql`select id, path, name_en, search_key from units where ${viaTrigrams} and archived_at is null and path <@ ${[...q.scope]}::text[]::ltree[]`,
    );
  });
}

/** Scores the first SEARCH_CANDIDATES `candidates` (id, path, name_en, search_key) and keeps the best `limit`. */
async function rank(trx: Transaction<Schema>, candidates: RawBuilder<unknown>, q: { words: number; spellings: Spelling[]; limit: number }) {
  const { rows } = await sql<{ id: number; path: string; score: number; matched: number }>`
    with hits as materialized (
      select id, path, name_en, search_key from (${candidates}) c limit ${SEARCH_CANDIDATES}
    ), spellings as (
      select * from unnest(${q.spellings.map((s) => s.i)}::int[], ${q.spellings.map((s) => s.word)}::text[], ${q.spellings.map((s) => s.sim)}::real[])
        as s(i, word, sim)
    ), scored as (
      select h.id, h.path, h.name_en,
             (select sum(best) / ${q.words} from (
                select max(s.sim) as best from spellings s where s.word = any(string_to_array(btrim(h.search_key), ' ')) group by s.i
             ) b) as score
      from hits h
    )
    select id, path::text as path, score, (select count(*) from hits)::int as matched
    from scored order by score desc, nlevel(path), name_en, id limit ${q.limit}`.execute(trx);
  return { hits: rows.map(({ id, path, score }) => ({ id, path, score })), truncated: (rows[0]?.matched ?? 0) >= SEARCH_CANDIDATES };
}

/** Every query word held by the key, in one of its spellings. */
function holdsAll(perWord: Spelling[][], key: RawBuilder<unknown>): RawBuilder<boolean> {
  const one = (spellings: Spelling[]) =>
    sql`(${sql.join(
      spellings.map((s) => sql`${key} like ${`% ${s.word} %`}`),
      sql` or `,
    )})`;
  return sql<boolean>`${sql.join(perWord.map(one), sql` and `)}`;
}
