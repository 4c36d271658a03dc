import { describe, expect, it } from 'vitest';
import { campaignMessages } from './messages.ts';
import {
  behindOf,
  campaignState,
  dayNumber,
  dueBy,
  dueShare,
  figureWords,
  formatDay,
  formatDays,
  shareOf,
  timeline,
  toneFor,
  unitsDiffer,
} from './progress-math.ts';

/** A range as written in 2026, with ICU's thin spaces around a dash read as spaces. */
const days = (start: string, end: string, lang: 'en' | 'hi') => formatDays(start, end, lang, 2026).replace(/\s/g, ' ');

const row = (id: number, nameEn: string, nameHi: string, target: number, achieved: number) => ({
  unit: { id, nameEn, nameHi },
  target,
  achieved,
  adjusted: false,
});

describe('campaign progress', () => {
  it('counts whole days', () => {
    expect(dayNumber('2026-11-21') - dayNumber('2026-11-12')).toBe(9);
    expect(dayNumber('2027-01-01') - dayNumber('2026-12-31')).toBe(1);
  });

  it('says a unit’s figures: credited of its target, everything counted beside it, and a zero target as none', () => {
    const words = (lang: 'en' | 'hi', f: { target: number; achieved: number; counted: number }) =>
      figureWords(f, String, (key, vars = {}) => campaignMessages[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? ''));
    // A district that held two workshops of one: 1 of 1, two counted.
    expect(words('en', { target: 1, achieved: 1, counted: 2 })).toEqual({ main: '1 of 1', counted: '2 counted in all' });
    expect(words('hi', { target: 1, achieved: 1, counted: 2 })).toEqual({ main: '1 में से 1', counted: 'कुल 2 गिने गए' });
    // A target of nought is no target, not "0 में से 3".
    expect(words('hi', { target: 0, achieved: 0, counted: 3 })).toEqual({ main: 'कोई लक्ष्य नहीं', counted: 'कुल 3 गिने गए' });
    expect(words('en', { target: 0, achieved: 0, counted: 0 })).toEqual({ main: 'no target', counted: null });
    expect(words('en', { target: 19, achieved: 1, counted: 1 })).toEqual({ main: '1 of 19', counted: null });
    // Units that met their target are shown where they differ from the credited figure.
    expect(unitsDiffer({ target: 19, achieved: 1, unitsMet: 1, units: 19 })).toBe(false);
    expect(unitsDiffer({ target: 750, achieved: 10, unitsMet: 1, units: 75 })).toBe(true);
    expect(unitsDiffer({ target: 0, achieved: 0, unitsMet: 0, units: 0 })).toBe(false);
  });

  it('takes the share achieved, a target of nothing as met', () => {
    expect(shareOf({ target: 4, achieved: 1 })).toBe(0.25);
    expect(shareOf({ target: 4, achieved: 9 })).toBe(1);
    expect(shareOf({ target: 0, achieved: 0 })).toBe(1);
  });

  it('expects of a phase the share of its days that have passed', () => {
    const phase = { startsOn: '2026-11-12', endsOn: '2026-11-20' }; // nine days
    expect(dueShare(phase, '2026-11-11')).toBe(0);
    expect(dueShare(phase, '2026-11-12')).toBe(0);
    expect(dueShare(phase, '2026-11-15')).toBeCloseTo(3 / 9);
    expect(dueShare(phase, '2026-11-20')).toBeCloseTo(8 / 9);
    expect(dueShare(phase, '2026-11-21')).toBe(1);
    // Whole units only: one workshop is due when the phase is over.
    expect(dueBy(1, 8 / 9)).toBe(0);
    expect(dueBy(1, 1)).toBe(1);
    expect(dueBy(20, 3 / 9)).toBe(6);
    expect(dueBy(9, 1 / 3)).toBe(3);
  });

  it('lists the units behind their share, the largest shortfall first, then by name in the reader’s language', () => {
    const rows = [
      row(1, 'Meerut', 'मेरठ', 10, 1),
      row(2, 'Sambhal', 'संभल', 10, 6),
      row(3, 'Agra', 'आगरा', 10, 3),
      row(4, 'Bareilly', 'बरेली', 10, 1),
      row(5, 'Kanpur', 'कानपुर', 0, 0),
    ];
    const behind = behindOf(rows, 0.5, 'en');
    expect(behind.map((b) => [b.unit.nameEn, b.due, b.short])).toEqual([
      ['Bareilly', 5, 4],
      ['Meerut', 5, 4],
      ['Agra', 5, 2],
    ]);
    expect(behindOf(rows, 0.5, 'hi').map((b) => b.unit.nameHi)).toEqual(['बरेली', 'मेरठ', 'आगरा']);
    expect(behindOf(rows, 0, 'en')).toEqual([]);
  });

  it('colours a bar by what is due: on track, somewhat behind, far behind', () => {
    expect(toneFor({ target: 10, achieved: 5 }, 0.5)).toBe('good');
    expect(toneFor({ target: 10, achieved: 3 }, 0.5)).toBe('warn');
    expect(toneFor({ target: 10, achieved: 2 }, 0.5)).toBe('bad');
    expect(toneFor({ target: 10, achieved: 0 }, 0)).toBe('good');
  });

  it('says where a campaign stands by its dates', () => {
    const c = { startsOn: '2026-11-12', endsOn: '2026-12-20', cancelled: false };
    expect(campaignState(c, '2026-11-11')).toBe('later');
    expect(campaignState(c, '2026-11-12')).toBe('now');
    expect(campaignState(c, '2026-12-20')).toBe('now');
    expect(campaignState(c, '2026-12-21')).toBe('past');
    expect(campaignState({ ...c, cancelled: true }, '2026-11-15')).toBe('cancelled');
  });

  it('lays the phases out on the timeline by their days, with today in the middle of its day', () => {
    const phases = [
      { startsOn: '2026-11-01', endsOn: '2026-11-10' },
      { startsOn: '2026-11-11', endsOn: '2026-11-20' },
    ];
    const t = timeline(phases, '2026-11-05');
    expect(t.segments).toEqual([
      { left: 0, width: 50 },
      { left: 50, width: 50 },
    ]);
    expect(t.today).toBeCloseTo(22.5);
    expect(timeline(phases, '2026-11-21').today).toBeNull();
    expect(timeline([], '2026-11-21')).toEqual({ segments: [], today: null });
  });

  it('writes days and ranges in the reader’s language, with the year only when it is not this one', () => {
    expect(formatDay('2026-11-12', 'en', 2026)).toBe('12 Nov');
    expect(formatDay('2026-11-12', 'hi', 2026)).toBe('12 नवंबर');
    expect(formatDay('2027-01-02', 'en', 2026)).toBe('2 Jan 2027');
    expect(days('2026-11-12', '2026-11-20', 'en')).toBe('12–20 Nov');
    expect(days('2026-11-28', '2026-12-05', 'en')).toBe('28 Nov – 5 Dec');
    expect(days('2026-11-12', '2026-11-20', 'hi')).toBe('12 – 20 नवंबर');
    expect(days('2026-11-12', '2026-11-12', 'en')).toBe('12 Nov');
  });
});
