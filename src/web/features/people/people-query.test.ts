import { describe, expect, it } from 'vitest';
import { NO_FILTER, peoplePath, peopleQueryText } from './people-query.ts';

describe('people list query', () => {
  it('sends a name once it has two letters, counting Devanagari letters, not UTF-16 units', () => {
    expect(peopleQueryText('r')).toBe('');
    expect(peopleQueryText('  ra ')).toBe('ra');
    expect(peopleQueryText('र')).toBe('');
    expect(peopleQueryText('रम')).toBe('रम');
    expect(peopleQueryText('  रमेश    कुमार ')).toBe('रमेश कुमार');
    expect([...peopleQueryText('क'.repeat(150))].length).toBe(100);
  });

  it('builds the path with only the filters that are set', () => {
    expect(peoplePath(12, NO_FILTER)).toBe('/api/units/12/people?limit=50');
    expect(peoplePath(12, { q: 'रमेश', consent: 'whatsapp_groups', kind: 'supporter' }, 'abc=', 20)).toBe(
      `/api/units/12/people?q=${encodeURIComponent('रमेश')}&consent=whatsapp_groups&kind=supporter&limit=20&cursor=abc%3D`,
    );
    // A one-letter search is not sent: the list stays unfiltered.
    expect(peoplePath('7', { q: 'r', consent: '', kind: 'worker' })).toBe('/api/units/7/people?kind=worker&limit=50');
  });
});
