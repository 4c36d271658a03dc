import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';

/**
 * A map that forgets: at most 2 × `max` entries, the older half dropped when the newer fills. Imports look the
 * same booth codes and names up again and again; this keeps what repeats without growing with the file.
 */
export class BoundedMap<K, V> {
  readonly #max: number;
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  constructor(max: number) {
    this.#max = max;
  }
  get(key: K): V | undefined {
    const hit = this.#young.get(key);
    if (hit !== undefined || this.#young.has(key)) return hit;
    if (!this.#old.has(key)) return undefined;
    const value = this.#old.get(key)!;
    this.set(key, value);
    return value;
  }
  has(key: K): boolean {
    return this.#young.has(key) || this.#old.has(key);
  }
  set(key: K, value: V) {
    this.#young.set(key, value);
    if (this.#young.size >= this.#max) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }
}

/** A unit as a row names it: where it sits (for turf) and whether people may be added to it. */
export interface FoundUnit {
  id: number;
  path: string;
  archived: boolean;
}

/** Units by code, with the codes already looked up remembered (unknown ones too). */
export class UnitsByCode {
  readonly #cache = new BoundedMap<string, FoundUnit | null>(100_000);

  /** The units for these codes, in one indexed query for the codes not seen before; null for a code no unit has. */
  async find(db: Kysely<Schema>, codes: readonly string[]): Promise<Map<string, FoundUnit | null>> {
    const out = new Map<string, FoundUnit | null>();
    const missing: string[] = [];
    for (const code of codes) {
      if (out.has(code)) continue;
      const hit = this.#cache.get(code);
      if (hit === undefined) {
        out.set(code, null);
        missing.push(code);
      } else out.set(code, hit);
    }
    if (missing.length > 0) {
      const { rows } = await sql<{ code: string; id: number; path: string; archived: boolean }>`
        select code, id, path::text as path, archived_at is not null as archived from units where code = any(${missing}::text[])`.execute(db);
      for (const r of rows) out.set(r.code, { id: r.id, path: r.path, archived: r.archived });
      // Copies: the parser's strings are slices that would keep a whole chunk of the file alive.
      for (const code of missing) this.#cache.set((' ' + code).slice(1), out.get(code)!);
    }
    return out;
  }
}

/**
 * people.search_key for names, computed by the same SQL the people_search_key trigger uses (0006), once per distinct
 * name: names repeat a great deal, and the transliteration costs more than the rest of a row's insert.
 */
export class SearchKeys {
  readonly #cache = new BoundedMap<string, string>(200_000);

  async keysFor(db: Kysely<Schema>, names: readonly string[]): Promise<string[]> {
    const batch = new Map<string, string>();
    const missing = new Set<string>();
    for (const n of names) {
      const hit = this.#cache.get(n);
      if (hit === undefined) missing.add(n);
      else batch.set(n, hit);
    }
    if (missing.size > 0) {
      const { rows } = await sql<{ n: string; k: string }>`
        select n, ' ' || array_to_string(setu_search_words(n), ' ') || ' ' as k from unnest(${[...missing]}::text[]) as n`.execute(db);
      for (const r of rows) {
        batch.set(r.n, r.k);
        this.#cache.set(r.n, r.k);
      }
    }
    return names.map((n) => batch.get(n)!);
  }
}
