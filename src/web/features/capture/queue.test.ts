import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffMs,
  classify,
  fixedEntry,
  memoryStore,
  nextDue,
  syncQueue,
  type QueuedEntry,
  type SendAnswer,
} from './queue.ts';
import { storageStore } from './store.ts';

const WORKER = 12;
let seq = 0;

function entry(name: string, over: Partial<QueuedEntry> = {}): QueuedEntry {
  seq++;
  const clientId = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  return {
    clientId,
    unitId: 7,
    by: WORKER,
    body: { clientId, capturedAt: `2026-11-10T10:${String(seq % 60).padStart(2, '0')}:00.000Z`, name, whatsapp: false, languages: [], tags: [], consents: [] },
    attempts: 0,
    nextAttemptAt: 0,
    ...over,
  };
}

/**
 * The server as the queue meets it: POST /api/units/{id}/people, idempotent by clientId (201 for a new record, 200
 * for one a previous try made). `loseAnswers` keeps the record but drops the answer, as a connection lost on the way
 * back does.
 */
function fakeServer() {
  const records = new Map<string, { name: string; times: number }>();
  const posts: string[] = [];
  let loseAnswers = 0;
  let next: SendAnswer[] = [];
  return {
    records,
    posts,
    loseNext(n = 1) {
      loseAnswers = n;
    },
    answerNext(...answers: SendAnswer[]) {
      next = answers;
    },
    async send(e: QueuedEntry): Promise<SendAnswer> {
      posts.push(e.body.name);
      const scripted = next.shift();
      if (scripted) return scripted;
      const known = records.get(e.body.clientId);
      if (known) known.times++;
      else records.set(e.body.clientId, { name: e.body.name, times: 1 });
      if (loseAnswers > 0) {
        loseAnswers--;
        throw new TypeError('Failed to fetch');
      }
      return { status: known ? 200 : 201 };
    },
  };
}

describe('classify', () => {
  it('takes only 200 and 201 as stored', () => {
    expect(classify(200)).toBe('sent');
    expect(classify(201)).toBe('sent');
    for (const s of [202, 204, 302]) expect(classify(s)).toBe('retry');
  });
  it('keeps refusals, retries failures, stops on 401', () => {
    for (const s of [400, 403, 404, 409, 413, 422]) expect(classify(s)).toBe('rejected');
    for (const s of [0, 408, 425, 429, 500, 502, 503, 504]) expect(classify(s)).toBe('retry');
    expect(classify(401)).toBe('signed_out');
  });
});

describe('backoffMs', () => {
  it('doubles from 5 s up to 10 minutes', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, mid))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, mid)).toBe(BACKOFF_MAX_MS);
  });
  it('spreads by ±20 %', () => {
    expect(backoffMs(1, () => 0)).toBe(BACKOFF_BASE_MS * 0.8);
    expect(backoffMs(1, () => 0.999999)).toBe(BACKOFF_BASE_MS * 1.2);
  });
});

describe('syncQueue', () => {
  it('sends in capture order and lets an entry go only once the server has it', async () => {
    const a = entry('Asha');
    const b = entry('Bhola');
    const store = memoryStore([b, a]);
    const server = fakeServer();
    const report = await syncQueue({ store, send: server.send, by: WORKER });
    expect(server.posts).toEqual(['Asha', 'Bhola']);
    expect(report).toMatchObject({ sent: 2, rejected: 0, retrying: 0, stopped: null });
    expect(store.entries.size).toBe(0);
  });

  it('a retried sync after a lost answer makes no second record (same clientId, same body)', async () => {
    const a = entry('Asha');
    const store = memoryStore([a]);
    const server = fakeServer();
    server.loseNext();
    let now = 1_000;
    const first = await syncQueue({ store, send: server.send, by: WORKER, now: () => now, random: () => 0.5 });
    // The server kept it, but the phone never heard: the entry stays.
    expect(first).toMatchObject({ sent: 0, retrying: 1, stopped: 'offline' });
    expect(server.records.size).toBe(1);
    const waiting = store.entries.get(a.clientId)!;
    expect(waiting).toMatchObject({ attempts: 1, nextAttemptAt: 1_000 + 5_000, lastError: 'offline' });
    expect(waiting.body).toEqual(a.body);

    now += 5_000;
    const second = await syncQueue({ store, send: server.send, by: WORKER, now: () => now });
    expect(second).toMatchObject({ sent: 1, stopped: null });
    expect(store.entries.size).toBe(0);
    expect([...server.records.values()]).toEqual([{ name: 'Asha', times: 2 }]);
    expect(server.records.has(a.clientId)).toBe(true);
  });

  it('keeps a refusal with its code and fields, and does not send it again, even when forced', async () => {
    const bad = entry('Chanda');
    const good = entry('Dev');
    const store = memoryStore([bad, good]);
    const server = fakeServer();
    server.answerNext({ status: 400, code: 'validation', fields: ['phone'] });
    const report = await syncQueue({ store, send: server.send, by: WORKER });
    expect(report).toMatchObject({ sent: 1, rejected: 1 });
    expect(store.entries.get(bad.clientId)?.rejected).toEqual({ status: 400, code: 'validation', fields: ['phone'] });
    expect(store.entries.has(good.clientId)).toBe(false);

    await syncQueue({ store, send: server.send, by: WORKER, force: true });
    expect(server.posts).toEqual(['Chanda', 'Dev']);

    // Fixed by the worker: the same clientId and capture time go again, and are kept.
    const held = store.entries.get(bad.clientId)!;
    const fixed = fixedEntry(held, { ...held.body, name: 'Chanda Devi', phone: '+919876543210' });
    expect(fixed).toMatchObject({ clientId: bad.clientId, attempts: 0, nextAttemptAt: 0 });
    expect(fixed.rejected).toBeUndefined();
    expect(fixed.body).toMatchObject({ clientId: bad.clientId, capturedAt: bad.body.capturedAt, name: 'Chanda Devi' });
    await store.put(fixed);
    expect(await syncQueue({ store, send: server.send, by: WORKER })).toMatchObject({ sent: 1 });
    expect(server.records.get(bad.clientId)?.name).toBe('Chanda Devi');
    expect(store.entries.size).toBe(0);
  });

  it('retries 5xx and 429 with a growing backoff, not before it runs out unless forced', async () => {
    const a = entry('Ekta');
    const store = memoryStore([a]);
    const server = fakeServer();
    let now = 0;
    const opts = { store, send: server.send, by: WORKER, now: () => now, random: () => 0.5 };
    server.answerNext({ status: 503, code: 'internal' });
    expect(await syncQueue(opts)).toMatchObject({ retrying: 1, stopped: null });
    expect(store.entries.get(a.clientId)).toMatchObject({ attempts: 1, nextAttemptAt: 5_000, lastError: 'internal' });

    now = 4_999;
    expect(await syncQueue(opts)).toMatchObject({ deferred: 1, sent: 0 });
    expect(server.posts).toHaveLength(1);
    expect(nextDue(await store.all(), WORKER)).toBe(5_000);

    now = 5_000;
    server.answerNext({ status: 429, code: 'rate_limited' });
    await syncQueue(opts);
    expect(store.entries.get(a.clientId)).toMatchObject({ attempts: 2, nextAttemptAt: 5_000 + 10_000, lastError: 'rate_limited' });

    // "Sync now": tried at once, backoff or not.
    now = 6_000;
    expect(await syncQueue({ ...opts, force: true })).toMatchObject({ sent: 1 });
    expect(server.records.size).toBe(1);
    expect(store.entries.size).toBe(0);
  });

  it('stops the round at a network failure, leaving the rest untouched', async () => {
    const a = entry('Farah');
    const b = entry('Gopal');
    const store = memoryStore([a, b]);
    const send = async (): Promise<SendAnswer> => {
      throw new TypeError('Failed to fetch');
    };
    expect(await syncQueue({ store, send, by: WORKER, now: () => 0 })).toMatchObject({ retrying: 1, stopped: 'offline' });
    expect(store.entries.get(a.clientId)?.attempts).toBe(1);
    expect(store.entries.get(b.clientId)).toEqual(b);
  });

  it('stops on 401 and changes nothing: the entries wait for the worker to sign in again', async () => {
    const a = entry('Hari');
    const store = memoryStore([a]);
    const report = await syncQueue({ store, send: async () => ({ status: 401, code: 'unauthenticated' }), by: WORKER });
    expect(report.stopped).toBe('signed_out');
    expect(store.entries.get(a.clientId)).toEqual(a);
  });

  it('sends only the signed-in worker’s entries', async () => {
    const mine = entry('Indu');
    const theirs = entry('Jaya', { by: 99 });
    const store = memoryStore([mine, theirs]);
    const server = fakeServer();
    await syncQueue({ store, send: server.send, by: WORKER });
    expect(server.posts).toEqual(['Indu']);
    expect([...store.entries.keys()]).toEqual([theirs.clientId]);
    expect(nextDue(await store.all(), WORKER)).toBeNull();
  });
});

describe('storageStore (localStorage fallback)', () => {
  it('keeps entries by clientId across reads, and survives a damaged value', async () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const store = storageStore(storage);
    const a = entry('Kamla');
    await store.put(a);
    await store.put({ ...a, attempts: 3 });
    await store.put(entry('Lata'));
    expect((await storageStore(storage).all()).map((e) => [e.body.name, e.attempts])).toEqual([
      ['Kamla', 3],
      ['Lata', 0],
    ]);
    await store.delete(a.clientId);
    expect((await store.all()).map((e) => e.body.name)).toEqual(['Lata']);
    data.set('setu.capture.queue', '{not json');
    expect(await store.all()).toEqual([]);
  });
});
