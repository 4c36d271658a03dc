import { describe, expect, it } from 'vitest';
import { otherLang, pickLang } from './text.ts';
import { formatWhen, isoToLocalInput, localInputToIso } from './time.ts';

describe('a text in two languages', () => {
  it('shows the reader’s language first and falls back to the other', () => {
    expect(pickLang('hi', 'बैठक', 'Meeting')).toEqual({ text: 'बैठक', lang: 'hi' });
    expect(pickLang('en', 'बैठक', 'Meeting')).toEqual({ text: 'Meeting', lang: 'en' });
    expect(pickLang('en', 'बैठक', null)).toEqual({ text: 'बैठक', lang: 'hi' });
    expect(pickLang('hi', null, 'Meeting')).toEqual({ text: 'Meeting', lang: 'en' });
    expect(pickLang('hi', null, null)).toEqual({ text: '', lang: 'en' });
  });
  it('offers the other language only when there is one', () => {
    expect(otherLang('hi', 'बैठक', 'Meeting')).toEqual({ text: 'Meeting', lang: 'en' });
    expect(otherLang('hi', 'बैठक', null)).toBeNull();
    expect(otherLang('en', 'बैठक', null)).toBeNull();
  });
});

describe('times', () => {
  it('writes a time today as the time alone, another day with its date', () => {
    const now = new Date(2026, 10, 10, 12, 0);
    expect(formatWhen(new Date(2026, 10, 10, 14, 5).toISOString(), 'en', now)).toBe('14:05');
    expect(formatWhen(new Date(2026, 10, 3, 9, 30).toISOString(), 'en', now)).toMatch(/^3 Nov,? 09:30$/);
    expect(formatWhen(new Date(2025, 10, 3, 9, 30).toISOString(), 'en', now)).toMatch(/2025/);
    expect(formatWhen('nonsense', 'hi', now)).toBe('');
  });
  it('turns a datetime-local value into a zoned ISO time and back', () => {
    const local = '2026-11-10T18:00';
    const iso = localInputToIso(local)!;
    expect(iso).toBe(new Date(2026, 10, 10, 18, 0).toISOString());
    expect(isoToLocalInput(iso)).toBe(local);
    expect(localInputToIso('')).toBeUndefined();
  });
});
