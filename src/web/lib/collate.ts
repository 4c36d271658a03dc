import type { Lang } from './format.ts';

const collators = new Map<Lang, Intl.Collator>();

/**
 * The reader's alphabetical order: Hindi collation (अ आ इ … क ख ग …, Devanagari before Latin) when Hindi is chosen,
 * English otherwise; case and accents ignored, digits compared as numbers ("Booth 2" before "Booth 10").
 * Made once per language: a collator costs far more to build than to use.
 */
export function collatorFor(lang: Lang): Intl.Collator {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(lang === 'hi' ? 'hi' : 'en', { sensitivity: 'base', numeric: true })));
  return c;
}

/** A comparator by name in the reader's order, ties by id so the order is stable: `items.sort(byName(lang, nameOf))`. */
export function byName<T extends { id: number }>(lang: Lang, nameOf: (x: T) => string): (a: T, b: T) => number {
  const c = collatorFor(lang);
  return (a, b) => c.compare(nameOf(a), nameOf(b)) || a.id - b.id;
}

/** A copy of a complete list in the reader's order, each item named in that language (nameHi or nameEn when both). */
export function sortByName<T extends { id: number }>(items: readonly T[], lang: Lang, nameOf: (x: T) => string): T[] {
  return [...items].sort(byName(lang, nameOf));
}
