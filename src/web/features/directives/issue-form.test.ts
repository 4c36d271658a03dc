import { describe, expect, it } from 'vitest';
import { audienceOf, checkIssue, fieldOfIssue, levelsBelow, parseLinks, startingLevels, type IssueDraft } from './issue-form.ts';
import { isoToLocalInput } from '../../lib/time.ts';

const NOW = Date.parse('2026-11-10T06:30:00.000Z');
const at = (hoursFromNow: number) => isoToLocalInput(new Date(NOW + hoursFromNow * 3_600_000));

const draft = (over: Partial<IssueDraft> = {}): IssueDraft => ({
  unit: { id: 5, level: 'district', nameEn: 'Sambhal', nameHi: 'संभल' },
  titleHi: ' बूथ बैठक ',
  titleEn: '',
  bodyHi: 'रविवार शाम तक',
  bodyEn: '  ',
  links: '',
  fileIds: [],
  priority: 'normal',
  ask: 'ack',
  dueAt: '',
  remindAt: '',
  escalateAt: '',
  levels: ['booth'],
  roles: [],
  departments: [],
  ...over,
});

const levels = [
  { code: 'booth', depth: 8 },
  { code: 'district', depth: 4 },
  { code: 'national', depth: 0 },
  { code: 'mandal', depth: 6 },
];

describe('the issue form', () => {
  it('offers only the levels below the unit, top first', () => {
    expect(levelsBelow(levels, 'district').map((l) => l.code)).toEqual(['mandal', 'booth']);
    expect(levelsBelow(levels, 'booth')).toEqual([]);
    expect(levelsBelow(levels, undefined)).toEqual([]);
  });

  it('starts with no level ticked, or the levels last sent to, never a default one', () => {
    const below = ['assembly', 'mandal', 'shakti_kendra', 'booth'];
    expect(startingLevels(below, [], [])).toEqual([]);
    expect(startingLevels(below, [], ['mandal'])).toEqual(['mandal']);
    // Another unit: what was ticked stays where it still lies below; a level that does not is dropped.
    expect(startingLevels(['booth'], ['mandal'], ['mandal'])).toEqual([]);
    expect(startingLevels(['shakti_kendra', 'booth'], ['mandal', 'booth'], [])).toEqual(['booth']);
  });

  it('makes the body the server takes: trimmed texts, blanks left out, all roles when none is ticked', () => {
    const { problems, body } = checkIssue(draft({ links: 'https://a.example/x\n\n https://b.example ', dueAt: at(24) }), NOW);
    expect(problems).toEqual({});
    expect(body).toEqual({
      unitId: 5,
      titleHi: 'बूथ बैठक',
      bodyHi: 'रविवार शाम तक',
      links: ['https://a.example/x', 'https://b.example'],
      fileIds: [],
      priority: 'normal',
      ask: 'ack',
      dueAt: new Date(NOW + 24 * 3_600_000).toISOString(),
      audience: { levels: ['booth'] },
    });
    expect(audienceOf({ levels: ['booth'], roles: ['convener'], departments: ['it'] })).toEqual({
      levels: ['booth'],
      roles: ['convener'],
      departments: ['it'],
    });
  });

  it('needs a unit, a title in either language and a level', () => {
    expect(checkIssue(draft({ unit: null, titleHi: ' ', levels: [] }), NOW).problems).toEqual({
      unit: 'unitMissing',
      title: 'titleMissing',
      levels: 'levelsMissing',
    });
    expect(checkIssue(draft({ titleHi: '', titleEn: 'Booth meeting' }), NOW).problems).toEqual({});
  });

  it('takes only full web links, at most ten', () => {
    expect(checkIssue(draft({ links: 'www.example.com' }), NOW).problems.links).toBe('linksInvalid');
    expect(checkIssue(draft({ links: 'javascript:alert(1)' }), NOW).problems.links).toBe('linksInvalid');
    const eleven = Array.from({ length: 11 }, (_, i) => `https://x.example/${i}`).join('\n');
    expect(checkIssue(draft({ links: eleven }), NOW).problems.links).toBe('linksTooMany');
    expect(parseLinks('https://a.example https://a.example')).toEqual(['https://a.example']);
  });

  it('keeps times in order: due in the future, the reminder before it, escalation not before it', () => {
    expect(checkIssue(draft({ dueAt: at(-1) }), NOW).problems.dueAt).toBe('duePast');
    expect(checkIssue(draft({ remindAt: at(2) }), NOW).problems.remindAt).toBe('needsDue');
    expect(checkIssue(draft({ escalateAt: at(2) }), NOW).problems.escalateAt).toBe('needsDue');
    expect(checkIssue(draft({ dueAt: at(5), remindAt: at(6) }), NOW).problems.remindAt).toBe('remindAfterDue');
    expect(checkIssue(draft({ dueAt: at(5), escalateAt: at(4) }), NOW).problems.escalateAt).toBe('escalateBeforeDue');
    const ok = checkIssue(draft({ dueAt: at(5), remindAt: at(3), escalateAt: at(6) }), NOW);
    expect(ok.problems).toEqual({});
    expect(ok.body).toMatchObject({ remindAt: expect.any(String), escalateAt: expect.any(String) });
  });

  it('puts the server’s validation issues on the form’s fields', () => {
    expect(['body.titleHi', 'links.2', 'audience.levels', 'dueAt', 'priority'].map(fieldOfIssue)).toEqual(['title', 'links', 'levels', 'dueAt', null]);
  });
});
