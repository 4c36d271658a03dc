import { describe, expect, it } from 'vitest';
import { formatSpan, orderEvents, phaseOf, sessionsByDay, sessionTime } from './when.ts';

const at = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m).toISOString();

describe('when an event is', () => {
  const now = new Date(2026, 10, 10, 12, 0);
  it('writes one day with its times, and several days with both dates', () => {
    const oneDay = formatSpan(at(14, 18), at(14, 20), 'en', now);
    expect(oneDay).toMatch(/14 Nov/);
    expect(oneDay).toMatch(/18:00.*20:00/);
    expect(oneDay.match(/14/g)).toHaveLength(1);
    const days = formatSpan(at(21, 10), at(23, 17), 'en', now);
    expect(days).toMatch(/21.*23/);
    expect(formatSpan(at(14, 18), at(14, 20), 'hi', now)).toMatch(/18:00.*20:00/);
    expect(formatSpan(new Date(2027, 0, 5, 10).toISOString(), new Date(2027, 0, 5, 12).toISOString(), 'en', now)).toMatch(/2027/);
    expect(formatSpan('nonsense', at(14, 20), 'en', now)).toBe('');
  });

  it('is upcoming, on now or over', () => {
    const t = now.getTime();
    expect(phaseOf({ startsAt: at(10, 13), endsAt: at(10, 14) }, t)).toBe('upcoming');
    expect(phaseOf({ startsAt: at(10, 11), endsAt: at(10, 13) }, t)).toBe('now');
    expect(phaseOf({ startsAt: at(10, 9), endsAt: at(10, 10) }, t)).toBe('past');
  });

  it('lists what is on and coming first, soonest first, then what is over, latest first', () => {
    const items = [
      { id: 1, startsAt: at(9, 10), endsAt: at(9, 11) },
      { id: 2, startsAt: at(12, 10), endsAt: at(12, 11) },
      { id: 3, startsAt: at(10, 11), endsAt: at(10, 13) },
      { id: 4, startsAt: at(10, 8), endsAt: at(10, 9) },
      { id: 5, startsAt: at(11, 10), endsAt: at(11, 11) },
    ];
    expect(orderEvents(items, now.getTime()).map((e) => e.id)).toEqual([3, 5, 2, 4, 1]);
  });
});

describe('a programme', () => {
  const now = new Date(2026, 10, 10, 12, 0);
  const s = (title: string, startsAt: string | null, endsAt: string | null = null) => ({ title, startsAt, endsAt });
  it('is grouped by day when it runs over several, an untimed session staying with the day before it', () => {
    const groups = sessionsByDay([s('App', at(21, 10), at(21, 12)), s('Lunch', null), s('Social media', at(22, 10))], 'hi');
    expect(groups.map((g) => g.sessions.map((x) => x.title))).toEqual([['App', 'Lunch'], ['Social media']]);
    expect(groups[0]!.day).toMatch(/21/);
    expect(groups[1]!.day).toMatch(/22/);
  });
  it('is one list without a heading on one day', () => {
    expect(sessionsByDay([s('Intro', null), s('App', at(21, 10)), s('Q&A', at(21, 11))], 'en')).toEqual([
      { day: null, sessions: [s('Intro', null), s('App', at(21, 10)), s('Q&A', at(21, 11))] },
    ]);
  });
  it('says a session’s start and end, with the day only where no heading says it', () => {
    expect(sessionTime(s('App', at(21, 10), at(21, 12, 30)), 'en', false)).toBe('10:00 – 12:30');
    expect(sessionTime(s('App', at(21, 10), at(21, 12, 30)), 'en', true, now)).toMatch(/^21 Nov, 10:00 – 12:30$/);
    expect(sessionTime(s('App', at(21, 10)), 'hi', false)).toBe('10:00');
  });
});
