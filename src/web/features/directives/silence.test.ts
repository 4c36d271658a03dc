import { describe, expect, it } from 'vitest';
import { checkSilence, silenceStatus, sortSilences, suggestedEnd } from './silence.ts';
import { isoToLocalInput } from '../../lib/time.ts';

const NOW = Date.parse('2026-11-10T06:30:00.000Z');
const iso = (h: number) => new Date(NOW + h * 3_600_000).toISOString();
const local = (h: number) => isoToLocalInput(new Date(NOW + h * 3_600_000));
const s = (id: number, from: number, to: number, cancelled = false) => ({ id, startsAt: iso(from), endsAt: iso(to), cancelled });

describe('silence periods', () => {
  it('says whether one runs now, is to come, has ended or was cancelled', () => {
    expect(silenceStatus(s(1, -1, 47), NOW)).toBe('active');
    expect(silenceStatus(s(1, 2, 50), NOW)).toBe('upcoming');
    expect(silenceStatus(s(1, -50, -2), NOW)).toBe('ended');
    expect(silenceStatus(s(1, -1, 47, true), NOW)).toBe('cancelled');
  });
  it('lists the running and coming ones first', () => {
    const list = [s(1, -100, -60), s(2, 30, 78), s(3, -1, 47), s(4, -1, 47, true), s(5, 5, 53), s(6, -40, -10)];
    expect(sortSilences(list, NOW).map((x) => x.id)).toEqual([3, 5, 2, 6, 1, 4]);
  });
  it('suggests an end 48 hours after the start', () => {
    expect(suggestedEnd(local(10))).toBe(local(58));
    expect(suggestedEnd('')).toBe('');
  });
  it('needs a start, an end after it and in the future, and a reason', () => {
    expect(checkSilence({ start: '', end: '', reason: ' ' }, NOW).problems).toEqual({ start: 'startMissing', end: 'endMissing', reason: 'reasonMissing' });
    expect(checkSilence({ start: local(5), end: local(4), reason: 'x' }, NOW).problems).toEqual({ end: 'endBeforeStart' });
    expect(checkSilence({ start: local(-10), end: local(-5), reason: 'x' }, NOW).problems).toEqual({ end: 'endPast' });
    const ok = checkSilence({ start: local(1), end: local(49), reason: ' मतदान से पहले ' }, NOW);
    expect(ok).toEqual({
      problems: {},
      body: { startsAt: iso(1).replace(/:\d\d\.\d{3}Z$/, ':00.000Z'), endsAt: iso(49).replace(/:\d\d\.\d{3}Z$/, ':00.000Z'), reason: 'मतदान से पहले' },
    });
  });
});
