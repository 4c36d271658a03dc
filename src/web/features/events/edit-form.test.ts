import { describe, expect, it } from 'vitest';
import { localInputToIso } from '../../lib/time.ts';
import { checkEdit, editDraftOf } from './edit-form.ts';
import { listPath, MY_EVENTS } from './list-filters.ts';
import type { EventDetail } from './types.ts';

const start = localInputToIso('2026-11-21T10:00')!;
const end = localInputToIso('2026-11-22T17:00')!;
const event = (over: Partial<EventDetail> = {}) =>
  ({
    id: 7,
    parentId: null,
    titleHi: 'प्रशिक्षण वर्ग',
    titleEn: null,
    description: null,
    startsAt: start,
    endsAt: end,
    sessions: [{ title: 'App', speaker: null, startsAt: start, endsAt: null }],
    ...over,
  }) as EventDetail;

describe('the edit-event form', () => {
  it('sends only what changed: nothing when nothing was touched', () => {
    const e = event();
    expect(checkEdit(editDraftOf(e), e)).toEqual({ problems: {}, body: {} });
    const d = { ...editDraftOf(e), titleEn: ' Training camp ', endsAt: '2026-11-23T17:00' };
    expect(checkEdit(d, e).body).toEqual({ titleEn: 'Training camp', endsAt: localInputToIso('2026-11-23T17:00') });
  });

  it('sends the whole programme when a session changed, with its end', () => {
    const e = event();
    const d = editDraftOf(e);
    d.sessions = [
      { ...d.sessions[0]!, endsAt: '2026-11-21T12:00' },
      { title: 'Social media', speaker: 'Kavita', startsAt: '2026-11-22T10:00', endsAt: '' },
    ];
    expect(checkEdit(d, e).body).toEqual({
      sessions: [
        { title: 'App', startsAt: start, endsAt: localInputToIso('2026-11-21T12:00') },
        { title: 'Social media', speaker: 'Kavita', startsAt: localInputToIso('2026-11-22T10:00') },
      ],
    });
  });

  it('marks what is wrong, and leaves a linked event’s words alone', () => {
    const e = event();
    expect(checkEdit({ ...editDraftOf(e), titleHi: ' ', endsAt: '2026-11-20T10:00' }, e).problems).toEqual({ title: 'titleMissing', endsAt: 'endBeforeStart' });
    const linked = event({ parentId: 3 });
    expect(checkEdit({ ...editDraftOf(linked), titleHi: '', startsAt: '2026-11-21T11:00' }, linked).body).toEqual({
      startsAt: localInputToIso('2026-11-21T11:00'),
    });
  });
});

describe('the events list’s address', () => {
  it('keeps the cached address for coming events of one’s own, and asks a unit with the choices made', () => {
    expect(listPath(MY_EVENTS)).toBe('/api/events?view=mine');
    expect(listPath({ ...MY_EVENTS, period: 'past' })).toBe('/api/events?view=mine&period=past');
    expect(listPath({ scope: 5, period: 'past', level: 'district', kind: 'workshop', held: 'yes' }, '123.4')).toBe(
      '/api/units/5/events?period=past&level=district&kind=workshop&held=yes&cursor=123.4',
    );
  });
});
