import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './download.ts';

describe('fileNameFrom', () => {
  it('reads the name a server suggests, preferring the UTF-8 form', () => {
    expect(fileNameFrom('attachment; filename="people-sambhal-2026-11-10.csv"', 'x.csv')).toBe('people-sambhal-2026-11-10.csv');
    expect(fileNameFrom('attachment; filename=people.csv', 'x.csv')).toBe('people.csv');
    expect(fileNameFrom(`attachment; filename="fallback.csv"; filename*=UTF-8''${encodeURIComponent('लोग.csv')}`, 'x.csv')).toBe('लोग.csv');
    expect(fileNameFrom('attachment; filename="say \\"hi\\".json"', 'x')).toBe('say "hi".json');
  });

  it('drops folders and falls back when there is no usable name', () => {
    expect(fileNameFrom('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('passwd');
    expect(fileNameFrom('attachment; filename="C:\\\\temp\\\\a.csv"', 'x.csv')).toBe('a.csv');
    expect(fileNameFrom(null, 'person-3.json')).toBe('person-3.json');
    expect(fileNameFrom('attachment', 'person-3.json')).toBe('person-3.json');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4", 'x.csv')).toBe('x.csv');
  });
});
