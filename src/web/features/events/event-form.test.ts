import { describe, expect, it } from 'vitest';
import { localInputToIso } from '../../lib/time.ts';
import { audienceLevels, checkEvent, EMPTY_SESSION, endAfter, fieldOfIssue, isVideoLink, type EventDraft } from './event-form.ts';

const district = { id: 5, level: 'district', nameEn: 'Sambhal', nameHi: 'संभल' };
const draft = (over: Partial<EventDraft> = {}): EventDraft => ({
  unit: district,
  kind: 'meeting',
  titleHi: ' शक्ति केंद्र बैठक ',
  titleEn: '',
  description: '',
  startsAt: '2026-11-21T17:00',
  endsAt: '2026-11-21T19:00',
  venue: '',
  video: 'none',
  videoUrl: '',
  holdAt: '',
  levels: ['district'],
  roles: [],
  departments: [],
  sessions: [],
  chair: '',
  conductor: '',
  chiefGuest: '',
  ...over,
});

const levels = [
  { code: 'state', depth: 1 },
  { code: 'district', depth: 3 },
  { code: 'mandal', depth: 5 },
  { code: 'shakti_kendra', depth: 6 },
  { code: 'booth', depth: 7 },
];

describe('the create-event form', () => {
  it('sends what was typed, trimmed, with zoned times, leaving out what is empty', () => {
    const { problems, body } = checkEvent(draft({ venue: ' Town hall ', chair: 'Rekha Yadav' }));
    expect(problems).toEqual({});
    expect(body).toEqual({
      unitId: 5,
      kind: 'meeting',
      titleHi: 'शक्ति केंद्र बैठक',
      startsAt: localInputToIso('2026-11-21T17:00'),
      endsAt: localInputToIso('2026-11-21T19:00'),
      venue: 'Town hall',
      audience: { levels: ['district'] },
      sessions: [],
      chair: 'Rekha Yadav',
    });
  });

  it('holds it at every unit of a level, for an audience narrowed by role and department', () => {
    const { body } = checkEvent(draft({ holdAt: 'shakti_kendra', levels: ['shakti_kendra', 'booth'], roles: ['convener'], departments: ['it'] }));
    expect(body).toMatchObject({ holdAt: 'shakti_kendra', audience: { levels: ['shakti_kendra', 'booth'], roles: ['convener'], departments: ['it'] } });
  });

  it('asks for a Jitsi room, or sends the pasted link', () => {
    expect(checkEvent(draft({ video: 'jitsi' })).body).toMatchObject({ virtual: true });
    expect(checkEvent(draft({ video: 'jitsi' })).body).not.toHaveProperty('videoUrl');
    expect(checkEvent(draft({ video: 'link', videoUrl: ' https://zoom.us/j/123 ' })).body).toMatchObject({ videoUrl: 'https://zoom.us/j/123' });
    expect(checkEvent(draft({ video: 'link', videoUrl: 'zoom meeting' })).problems).toEqual({ videoUrl: 'linkInvalid' });
    // A link typed and then abandoned for "no video" is not sent.
    expect(checkEvent(draft({ video: 'none', videoUrl: 'https://zoom.us/j/123' })).body).not.toHaveProperty('videoUrl');
  });

  it('says what is missing or wrong, field by field', () => {
    const { problems, body } = checkEvent(
      draft({
        unit: null,
        kind: '',
        titleHi: ' ',
        startsAt: '',
        endsAt: '',
        levels: [],
        sessions: [{ title: '', speaker: 'Manoj', startsAt: '', endsAt: '' }],
      }),
    );
    expect(body).toBeNull();
    expect(problems).toEqual({
      unit: 'unitMissing',
      kind: 'kindMissing',
      title: 'titleMissing',
      startsAt: 'startMissing',
      endsAt: 'endMissing',
      levels: 'levelsMissing',
      sessions: 'sessionTitleMissing',
    });
    expect(checkEvent(draft({ endsAt: '2026-11-21T16:00' })).problems).toEqual({ endsAt: 'endBeforeStart' });
    const backwards = { title: 'Q&A', speaker: '', startsAt: '2026-11-21T18:00', endsAt: '2026-11-21T17:00' };
    expect(checkEvent(draft({ sessions: [backwards] })).problems).toEqual({ sessions: 'sessionEndBeforeStart' });
  });

  it('allows several days, and drops empty session rows', () => {
    const { body } = checkEvent(
      draft({
        endsAt: '2026-11-23T17:00',
        sessions: [
          { title: 'सोशल मीडिया की भूमिका', speaker: ' Kavita Singh ', startsAt: '2026-11-21T17:30', endsAt: '2026-11-21T18:30' },
          { ...EMPTY_SESSION },
          { title: 'Q&A', speaker: '', startsAt: '', endsAt: '' },
        ],
      }),
    );
    expect(body?.endsAt).toBe(localInputToIso('2026-11-23T17:00'));
    expect(body?.sessions).toEqual([
      { title: 'सोशल मीडिया की भूमिका', speaker: 'Kavita Singh', startsAt: localInputToIso('2026-11-21T17:30'), endsAt: localInputToIso('2026-11-21T18:30') },
      { title: 'Q&A' },
    ]);
  });

  it('offers the audience at the level it is held at and below', () => {
    expect(audienceLevels(levels, 'district', '').map((l) => l.code)).toEqual(['district', 'mandal', 'shakti_kendra', 'booth']);
    expect(audienceLevels(levels, 'district', 'shakti_kendra').map((l) => l.code)).toEqual(['shakti_kendra', 'booth']);
    expect(audienceLevels(levels, undefined, '')).toEqual([]);
  });

  it('suggests an end two hours after the start', () => {
    expect(endAfter('2026-11-21T17:00')).toBe('2026-11-21T19:00');
    expect(endAfter('2026-11-21T23:30')).toBe('2026-11-22T01:30');
    expect(endAfter('')).toBe('');
  });

  it('knows a video link from other text', () => {
    expect(isVideoLink('https://meet.jit.si/Setu-1')).toBe(true);
    expect(isVideoLink('http://zoom.us/j/1')).toBe(true);
    expect(isVideoLink('ftp://example.org/x')).toBe(false);
    expect(isVideoLink('meet.jit.si')).toBe(false);
  });

  it("puts the server's validation issues on the fields", () => {
    expect(fieldOfIssue('body.titleEn')).toBe('title');
    expect(fieldOfIssue('audience.levels.0')).toBe('levels');
    expect(fieldOfIssue('sessions.2.title')).toBe('sessions');
    expect(fieldOfIssue('endsAt')).toBe('endsAt');
    expect(fieldOfIssue('clientKey')).toBeNull();
  });
});
