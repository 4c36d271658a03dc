import { describe, expect, it } from 'vitest';
import { isTruncated, moveTargets, searchHits, searchPath, searchQuery } from './search.ts';
import type { SearchHit } from './types.ts';

const levels = [
  { code: 'district', depth: 3 },
  { code: 'assembly', depth: 4 },
  { code: 'mandal', depth: 5 },
  { code: 'booth', depth: 7 },
];
const roles = [
  { code: 'convener', permissions: ['units.manage'] },
  { code: 'member', permissions: [] },
];
const hit = (id: number, level: string, ancestors: number[]): SearchHit => ({
  id,
  level,
  nameEn: `U${id}`,
  nameHi: `इ${id}`,
  booths: 1,
  ancestors: ancestors.map((a) => ({ id: a, level: 'x', nameEn: '', nameHi: '' })),
});

describe('search', () => {
  it('waits for two letters, in either script, and tidies spaces', () => {
    expect(searchQuery(' s ')).toBeNull();
    expect(searchQuery('स')).toBeNull();
    expect(searchQuery('सं')).toBe('सं');
    expect(searchQuery('  Sambhal   East ')).toBe('Sambhal East');
  });

  it('builds the URL with the query escaped and the optional scope', () => {
    expect(searchPath('संभल', 55)).toBe('/api/units/search?q=%E0%A4%B8%E0%A4%82%E0%A4%AD%E0%A4%B2&limit=20&within=55');
    expect(searchPath('a&b')).toBe('/api/units/search?q=a%26b&limit=20');
  });

  it('reads a bare list or one wrapped in items/results, and nothing else', () => {
    const h = hit(1, 'district', []);
    expect(searchHits([h])).toEqual([h]);
    expect(searchHits({ items: [h] })).toEqual([h]);
    expect(searchHits({ results: [{ ...h, ancestors: undefined }] })).toEqual([h]);
    expect(searchHits({ code: 'not_found' })).toEqual([]);
    expect(searchHits(undefined)).toEqual([]);
    expect(isTruncated({ items: [h], truncated: true })).toBe(true);
    expect(isTruncated({ items: [h], truncated: false })).toBe(false);
    expect(isTruncated([h])).toBe(false);
  });

  it('offers as move targets only higher levels the person manages, outside the unit and not its current parent', () => {
    // Mandal 900 sits under assembly 120 in district 55; the person is convener of district 55.
    const unit = { id: 900, parentId: 120, level: 'mandal' };
    const me = [{ role: 'convener', department: 'it', unit: { id: 55 } }];
    const hits = [
      hit(55, 'district', []), // allowed: managed here
      hit(120, 'assembly', [55]), // current parent
      hit(121, 'assembly', [55]), // allowed
      hit(901, 'mandal', [55, 121]), // same level
      hit(7000, 'booth', [55, 120, 900]), // below the unit
      hit(66, 'district', []), // not managed (another district in turf as a member)
    ];
    expect(moveTargets(hits, unit, levels, me, roles).map((h) => h.id)).toEqual([55, 121]);
    expect(moveTargets(hits, { ...unit, level: 'unknown' }, levels, me, roles)).toEqual([]);
  });
});
