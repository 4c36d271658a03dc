import { describe, expect, it } from 'vitest';
import { memoryQueueStore, sendRound, type Answer } from '../../lib/offline-queue.ts';
import { batchOfMark, MAX_MARKS, newMark, presentCount, rollLines, sendMarks, type QueuedMark } from './attendance-queue.ts';
import { tokenFromHash, webcalOf } from './checkin-link.ts';
import type { RollEntry } from './types.ts';

const ME = 5;
const mark = (eventId: number, personId: number, at = '2026-11-10T08:00:00.000Z') => newMark({ by: ME, eventId, personId, at });
const entry = (id: number, present = false): RollEntry => ({
  person: { id, name: `P${id}` },
  unit: null,
  role: null,
  department: null,
  rsvp: null,
  present,
  method: present ? 'qr' : null,
  guest: false,
});

/** The attendance endpoint as a script: each call answers the next status, and the calls are recorded. */
function endpoint(statuses: number[]) {
  const calls: Array<{ eventId: number; people: number[] }> = [];
  const post = async (eventId: number, marks: Array<{ personId: number; at: string }>): Promise<Answer> => {
    calls.push({ eventId, people: marks.map((m) => m.personId) });
    const status = statuses.shift() ?? 200;
    return status === 200 ? { status } : { status, code: 'not_found' };
  };
  return { post, calls };
}

describe('roll-call marks on the phone', () => {
  it('are one per organiser, event and person: ticking twice is one mark', async () => {
    const store = memoryQueueStore<QueuedMark>();
    await store.put(mark(1, 10));
    await store.put(mark(1, 10, '2026-11-10T08:05:00.000Z'));
    await store.put(mark(2, 10));
    expect([...store.items.keys()]).toEqual(['5:1:10', '5:2:10']);
  });

  it('go to the server as one request per event, each with the time it was made', async () => {
    const store = memoryQueueStore([mark(1, 10), mark(2, 11), mark(1, 12, '2026-11-10T08:01:00.000Z')]);
    const { post, calls } = endpoint([]);
    const report = await sendRound({ store, by: ME, send: (b) => sendMarks(b, post), batchOf: batchOfMark, maxBatch: MAX_MARKS });
    expect(calls).toEqual([
      { eventId: 1, people: [10, 12] },
      { eventId: 2, people: [11] },
    ]);
    expect(report.sent).toHaveLength(3);
    expect(store.items.size).toBe(0);
  });

  it('when one person is not on the roll, the others still count and only that mark is kept as refused', async () => {
    const store = memoryQueueStore([mark(1, 10), mark(1, 11, '2026-11-10T08:01:00.000Z'), mark(1, 12, '2026-11-10T08:02:00.000Z')]);
    const { post, calls } = endpoint([404, 200, 404, 200]);
    const report = await sendRound({ store, by: ME, send: (b) => sendMarks(b, post), batchOf: batchOfMark, maxBatch: MAX_MARKS });
    expect(calls.map((c) => c.people)).toEqual([[10, 11, 12], [10], [11], [12]]);
    expect(report.rejected).toBe(1);
    expect([...store.items.values()]).toEqual([expect.objectContaining({ personId: 11, rejected: { status: 404, code: 'not_found' } })]);
  });

  it('show on the roll over the server’s state: waiting, refused, or already present', () => {
    const refused = { ...mark(1, 12), rejected: { status: 404, code: 'not_found' } };
    const lines = rollLines(1, [entry(10), entry(11, true), entry(12), entry(13)], [mark(1, 10), mark(1, 11), refused, mark(2, 13)]);
    expect(lines.map((l) => [l.person.id, l.present, Boolean(l.waiting), Boolean(l.refused)])).toEqual([
      [10, false, true, false],
      [11, true, false, false],
      [12, false, false, true],
      [13, false, false, false],
    ]);
    expect(presentCount(lines)).toBe(2);
  });
});

describe('check-in and calendar addresses', () => {
  it('reads the check-in code from the fragment, and nothing else', () => {
    expect(tokenFromHash('#t=mh3k2a.AbC-d_ef0123456789')).toBe('mh3k2a.AbC-d_ef0123456789');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#t=short')).toBeNull();
    expect(tokenFromHash('#t=<script>alert(1)</script>')).toBeNull();
  });
  it('offers a feed to the calendar app as webcal', () => {
    expect(webcalOf('https://setu.example.org/api/calendar/abc.ics')).toBe('webcal://setu.example.org/api/calendar/abc.ics');
    expect(webcalOf('http://127.0.0.1:3000/api/calendar/abc.ics')).toBe('webcal://127.0.0.1:3000/api/calendar/abc.ics');
  });
});
