import { describe, expect, it } from 'vitest';
import { normaliseTypedPhone } from '../../lib/indian-phone.ts';
import { confirmsName, formOf, patchOf, splitList } from './person-form.ts';
import type { PersonDetail } from './types.ts';

const person: PersonDetail = {
  id: 7,
  name: 'रमेश कुमार',
  phoneMasked: '+91 98•••••233',
  whatsapp: true,
  ageBand: '36_50',
  homeUnit: { id: 3, level: 'booth', nameEn: 'Booth 1', nameHi: 'बूथ 1' },
  consents: ['org_updates'],
  worker: false,
  tags: ['volunteer'],
  languages: ['hi'],
  notes: null,
  source: 'capture',
  createdAt: '2026-11-10T10:00:00Z',
  createdBy: null,
  consentHistory: [],
  positions: [],
  household: [],
  mergedInto: null,
  can: { edit: true, reveal: true, erase: true, export: true },
};

describe('person edit form', () => {
  it('sends nothing when nothing changed', () => {
    expect(patchOf(person, formOf(person), normaliseTypedPhone)).toEqual({ patch: {}, problems: {} });
  });

  it('sends only what changed: a new number as E.164, lists trimmed, empty notes as null', () => {
    const form = {
      ...formOf(person),
      phone: '098765-43210',
      whatsapp: false,
      ageBand: '' as const,
      languages: 'hi, EN, hi',
      tags: ' volunteer ,',
      notes: '  ',
    };
    expect(patchOf(person, form, normaliseTypedPhone).patch).toEqual({ phone: '+919876543210', whatsapp: false, ageBand: null, languages: ['hi', 'en'] });
    expect(patchOf({ ...person, notes: 'old' }, form, normaliseTypedPhone).patch.notes).toBeNull();
  });

  it('removes the number only when there is one', () => {
    expect(patchOf(person, { ...formOf(person), removePhone: true, phone: '9876543210' }, normaliseTypedPhone).patch).toEqual({ phone: null });
    expect(patchOf({ ...person, phoneMasked: null }, { ...formOf(person), removePhone: true }, normaliseTypedPhone).patch).toEqual({});
  });

  it('names the problems and sends nothing of the wrong fields', () => {
    const form = {
      ...formOf(person),
      name: ' ',
      phone: '12345',
      languages: 'hindi',
      tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(','),
      notes: 'x'.repeat(2001),
    };
    expect(patchOf(person, form, normaliseTypedPhone).problems).toEqual({
      name: 'required',
      phone: 'phoneInvalid',
      languages: 'languagesInvalid',
      tags: 'tagsInvalid',
      notes: 'tooLong',
    });
  });

  it('splits comma lists, also with the Urdu comma', () => {
    expect(splitList('hi, en,, ur،hi')).toEqual(['hi', 'en', 'ur']);
    expect(splitList('')).toEqual([]);
  });

  it('confirms erasure only with the name as shown, ignoring case and spacing', () => {
    expect(confirmsName(' रमेश   कुमार ', 'रमेश कुमार')).toBe(true);
    expect(confirmsName('ramesh kumar', 'Ramesh Kumar')).toBe(true);
    expect(confirmsName('रमेश', 'रमेश कुमार')).toBe(false);
    expect(confirmsName('', '')).toBe(false);
  });
});
