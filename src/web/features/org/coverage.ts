import type { Lang } from '../../lib/format.ts';
import type { CoverageItem } from './types.ts';

export const SORT_KEYS = ['ratio', 'name', 'booths'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** A child's share of booths covered; a unit without booths counts as fully covered (there is no gap to close). */
export const ratioOf = (x: { booths: number; covered: number }) => (x.booths > 0 ? x.covered / x.booths : 1);

/**
 * Children in the chosen order. Ties fall back to the biggest gap (most booths without a convener), then to the name,
 * so the order is stable and the worst places come first.
 */
export function sortCoverage(items: readonly CoverageItem[], key: SortKey, order: SortOrder, lang: Lang): CoverageItem[] {
  const collator = new Intl.Collator(lang === 'hi' ? 'hi' : 'en', { sensitivity: 'base', numeric: true });
  const name = (x: CoverageItem) => (lang === 'hi' ? x.nameHi : x.nameEn);
  const gap = (x: CoverageItem) => x.booths - x.covered;
  const primary = (a: CoverageItem, b: CoverageItem) => {
    switch (key) {
      case 'ratio':
        return ratioOf(a) - ratioOf(b);
      case 'booths':
        return a.booths - b.booths;
      case 'name':
        return collator.compare(name(a), name(b));
    }
  };
  const sign = order === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * primary(a, b) || gap(b) - gap(a) || collator.compare(name(a), name(b)) || a.id - b.id);
}

/** The totals shown at the top: the unit's own figures from the server, or the children's sums when it sent none. */
export function coverageTotals(
  items: readonly CoverageItem[],
  unit?: { booths?: number | undefined; covered?: number | undefined },
): { booths: number; covered: number; ratio: number } {
  const sums =
    unit?.booths !== undefined && unit.covered !== undefined
      ? { booths: unit.booths, covered: unit.covered }
      : items.reduce((t, x) => ({ booths: t.booths + x.booths, covered: t.covered + x.covered }), { booths: 0, covered: 0 });
  return { ...sums, ratio: ratioOf(sums) };
}

/** The coverage URL for a unit and a department filter ('' for all departments). */
export function coveragePath(unitId: number | string, department: string): string {
  return department ? `/api/units/${unitId}/coverage?department=${encodeURIComponent(department)}` : `/api/units/${unitId}/coverage`;
}

/** How a ratio looks: under half is a gap to act on, under 90% needs attention. */
export function toneOf(ratio: number): 'good' | 'warn' | 'bad' {
  return ratio < 0.5 ? 'bad' : ratio < 0.9 ? 'warn' : 'good';
}
