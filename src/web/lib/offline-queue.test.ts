import { describe, expect, it } from 'vitest';
import { backoffMs, classify, itemsOf, memoryQueueStore, nextDue, sendRound, type Answer, type Queued } from './offline-queue.ts';

const ME = 7;
interface Item extends Queued {
  group: string;
}
const item = (key: string, at: string, extra: Partial<Item> = {}): Item => ({ key, by: ME, at, group: key, attempts: 0, nextAttemptAt: 0, ...extra });

/** A sender that answers from a script (one answer per batch, or one per item) and records the batches it was given. */
function scripted(script: Array<Answer | Answer[] | 'throw'>) {
  const batches: string[][] = [];
  const send = async (batch: Item[]) => {
    batches.push(batch.map((i) => i.key));
    const next = script.shift() ?? { status: 200 };
    if (next === 'throw') throw new TypeError('Failed to fetch');
    return Array.isArray(next) ? next : batch.map(() => next);
  };
  return { send, batches };
}

describe('an offline queue', () => {
  it('reads an answer: only 200/201 is kept by the server; 401 stops; no answer, 429 and 5xx retry; other refusals stay', () => {
    expect([200, 201].map(classify)).toEqual(['sent', 'sent']);
    expect(classify(401)).toBe('signed_out');
    expect([0, 408, 425, 429, 500, 503].map(classify)).toEqual(Array(6).fill('retry'));
    expect([400, 403, 404, 409, 422].map(classify)).toEqual(Array(5).fill('rejected'));
    expect(classify(204)).toBe('retry');
  });

  it('waits longer after each failure, up to ten minutes, spread by a fifth', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0.5))).toEqual([5_000, 10_000, 20_000]);
    expect(backoffMs(30, () => 0.5)).toBe(600_000);
    expect(backoffMs(1, () => 0)).toBe(4_000);
    expect(backoffMs(1, () => 1)).toBe(6_000);
  });

  it("keeps one person's items in the order they were made", () => {
    const list = [item('b', '2026-11-10T09:00:00Z'), item('a', '2026-11-10T08:00:00Z'), item('c', '2026-11-10T07:00:00Z', { by: 8 })];
    expect(itemsOf(list, ME).map((i) => i.key)).toEqual(['a', 'b']);
  });

  it('sends items of one batch together, in order, and removes what the server took', async () => {
    const store = memoryQueueStore([
      item('x1', '2026-11-10T08:00:00Z', { group: 'x' }),
      item('y1', '2026-11-10T08:01:00Z', { group: 'y' }),
      item('x2', '2026-11-10T08:02:00Z', { group: 'x' }),
    ]);
    const { send, batches } = scripted([]);
    const report = await sendRound({ store, by: ME, send, batchOf: (i) => i.group, maxBatch: 10 });
    expect(batches).toEqual([['x1', 'x2'], ['y1']]);
    expect(report.sent.map((s) => s.item.key)).toEqual(['x1', 'x2', 'y1']);
    expect(store.items.size).toBe(0);
  });

  it('splits a batch at its largest size', async () => {
    const store = memoryQueueStore(['a', 'b', 'c'].map((k, n) => item(k, `2026-11-10T08:0${n}:00Z`, { group: 'g' })));
    const { send, batches } = scripted([]);
    await sendRound({ store, by: ME, send, batchOf: (i) => i.group, maxBatch: 2 });
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('keeps a refused item with its code, and gives each item of a batch its own answer', async () => {
    const store = memoryQueueStore([item('a', '2026-11-10T08:00:00Z', { group: 'g' }), item('b', '2026-11-10T08:01:00Z', { group: 'g' })]);
    const { send } = scripted([[{ status: 200 }, { status: 404, code: 'not_found' }]]);
    const report = await sendRound({ store, by: ME, send, batchOf: (i) => i.group, maxBatch: 10 });
    expect(report).toMatchObject({ rejected: 1, retrying: 0, stopped: null });
    expect([...store.items.values()]).toEqual([expect.objectContaining({ key: 'b', attempts: 1, rejected: { status: 404, code: 'not_found' } })]);
    // A refused item is not sent again.
    const again = scripted([]);
    await sendRound({ store, by: ME, send: again.send, force: true });
    expect(again.batches).toEqual([]);
  });

  it('stops at a lost connection, the item waiting out its backoff; a later forced round sends it', async () => {
    const store = memoryQueueStore([item('a', '2026-11-10T08:00:00Z'), item('b', '2026-11-10T08:01:00Z')]);
    const { send, batches } = scripted(['throw']);
    const report = await sendRound({ store, by: ME, send, now: () => 1_000, random: () => 0.5 });
    expect(report).toMatchObject({ retrying: 1, stopped: 'offline' });
    expect(batches).toEqual([['a']]);
    expect(store.items.get('a')).toMatchObject({ attempts: 1, nextAttemptAt: 6_000, lastError: 'offline' });
    expect(nextDue([...store.items.values()], ME)).toBe(0);

    const early = scripted([]);
    const deferred = await sendRound({ store, by: ME, send: early.send, now: () => 2_000 });
    expect(deferred.deferred).toBe(1);
    expect(early.batches).toEqual([['b']]);
    const forced = await sendRound({ store, by: ME, send: early.send, now: () => 2_000, force: true });
    expect(forced.sent.map((s) => s.item.key)).toEqual(['a']);
    expect(store.items.size).toBe(0);
  });

  it('changes nothing when the session has ended', async () => {
    const store = memoryQueueStore([item('a', '2026-11-10T08:00:00Z'), item('b', '2026-11-10T08:01:00Z')]);
    const { send, batches } = scripted([{ status: 401, code: 'unauthorized' }]);
    const report = await sendRound({ store, by: ME, send });
    expect(report.stopped).toBe('signed_out');
    expect(batches).toEqual([['a']]);
    expect([...store.items.values()].map((i) => i.attempts)).toEqual([0, 0]);
  });

  it("leaves another person's items alone", async () => {
    const store = memoryQueueStore([item('theirs', '2026-11-10T08:00:00Z', { by: 8 })]);
    const { send, batches } = scripted([]);
    await sendRound({ store, by: ME, send });
    expect(batches).toEqual([]);
    expect(nextDue([...store.items.values()], ME)).toBeNull();
  });
});
