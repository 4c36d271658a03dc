import { describe, expect, it } from 'vitest';
import { coveragePath, coverageTotals, ratioOf, sortCoverage, toneOf } from './coverage.ts';
import type { CoverageItem } from './types.ts';

const item = (id: number, nameEn: string, nameHi: string, booths: number, covered: number): CoverageItem => ({
  id,
  level: 'assembly',
  nameEn,
  nameHi,
  booths,
  covered,
  ratio: booths ? covered / booths : 0,
});
const items = [
  item(1, 'Asmoli', 'असमोली', 400, 300),
  item(2, 'Chandausi', 'चंदौसी', 403, 100),
  item(3, 'Gunnaur', 'गुन्नौर', 10, 5),
  item(4, 'Bilari', 'बिलारी', 200, 50),
];
const ids = (xs: CoverageItem[]) => xs.map((x) => x.id);

describe('coverage', () => {
  it('puts the biggest gaps first by default (ratio ascending), ties broken by the larger gap', () => {
    expect(ids(sortCoverage(items, 'ratio', 'asc', 'en'))).toEqual([2, 4, 3, 1]);
    expect(ids(sortCoverage(items, 'ratio', 'desc', 'en'))).toEqual([1, 3, 4, 2]);
    // Bilari and Kundarki both have a quarter covered: Bilari's 150 missing booths come before Kundarki's 15.
    const tie = [item(5, 'Kundarki', 'कुंदरकी', 20, 5), item(4, 'Bilari', 'बिलारी', 200, 50)];
    expect(ids(sortCoverage(tie, 'ratio', 'asc', 'en'))).toEqual([4, 5]);
    expect(ids(sortCoverage(tie, 'ratio', 'desc', 'en'))).toEqual([4, 5]);
  });

  it('sorts by name in the reader’s language and by number of booths', () => {
    expect(ids(sortCoverage(items, 'name', 'asc', 'en'))).toEqual([1, 4, 2, 3]);
    expect(ids(sortCoverage(items, 'name', 'asc', 'hi'))).toEqual([1, 3, 2, 4]);
    expect(ids(sortCoverage(items, 'name', 'desc', 'en'))).toEqual([3, 2, 4, 1]);
    expect(ids(sortCoverage(items, 'booths', 'desc', 'en'))).toEqual([2, 1, 4, 3]);
  });

  it('does not change the list it was given', () => {
    const copy = [...items];
    sortCoverage(items, 'name', 'desc', 'en');
    expect(items).toEqual(copy);
  });

  it('shows the unit’s own figures, or the children’s sums when the server sent none', () => {
    expect(coverageTotals(items, { booths: 1013, covered: 460 })).toEqual({ booths: 1013, covered: 460, ratio: 460 / 1013 });
    expect(coverageTotals([], { booths: 1, covered: 1 })).toEqual({ booths: 1, covered: 1, ratio: 1 });
    expect(coverageTotals(items)).toEqual({ booths: 1013, covered: 455, ratio: 455 / 1013 });
    expect(coverageTotals([])).toEqual({ booths: 0, covered: 0, ratio: 1 });
  });

  it('treats a unit without booths as having no gap', () => {
    expect(ratioOf({ booths: 0, covered: 0 })).toBe(1);
    expect(toneOf(0.2)).toBe('bad');
    expect(toneOf(0.7)).toBe('warn');
    expect(toneOf(0.95)).toBe('good');
  });

  it('asks the server for one department only when filtered', () => {
    expect(coveragePath(55, '')).toBe('/api/units/55/coverage');
    expect(coveragePath(55, 'social_media')).toBe('/api/units/55/coverage?department=social_media');
  });
});
