import { describe, expect, it } from 'vitest';
import { nameIn } from './i18n.tsx';
import { byName, sortByName } from './collate.ts';

const units = [
  { id: 1, nameEn: 'Bahjoi', nameHi: 'बहजोई' },
  { id: 2, nameEn: 'Anupshahr', nameHi: 'अनूपशहर' },
  { id: 3, nameEn: 'Chandausi', nameHi: 'चंदौसी' },
  { id: 4, nameEn: 'Kunderki', nameHi: 'कुंदरकी' },
  { id: 5, nameEn: 'Gunnaur', nameHi: 'गुन्नौर' },
];

describe('names in the reader’s order', () => {
  it('orders by the Hindi names in Hindi collation when Hindi is chosen, by the English ones otherwise', () => {
    expect(sortByName(units, 'hi', (u) => nameIn('hi', u)).map((u) => u.nameHi)).toEqual(['अनूपशहर', 'कुंदरकी', 'गुन्नौर', 'चंदौसी', 'बहजोई']);
    expect(sortByName(units, 'en', (u) => nameIn('en', u)).map((u) => u.nameEn)).toEqual(['Anupshahr', 'Bahjoi', 'Chandausi', 'Gunnaur', 'Kunderki']);
  });

  it('ignores case, counts digits as numbers, breaks ties by id, and leaves the input alone', () => {
    const booths = [
      { id: 9, name: 'बूथ 10' },
      { id: 8, name: 'बूथ 2' },
      { id: 7, name: 'booth 2' },
      { id: 6, name: 'Booth 2' },
    ];
    expect(sortByName(booths, 'hi', (b) => b.name).map((b) => b.id)).toEqual([8, 9, 6, 7]);
    expect([...booths].sort(byName('en', (b) => b.name)).map((b) => b.id)).toEqual([6, 7, 8, 9]);
    expect(booths.map((b) => b.id)).toEqual([9, 8, 7, 6]);
  });
});
