import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  backoffMs,
  badgeOf,
  classify,
  memoryActionStore,
  newAction,
  nextDue,
  openAfter,
  syncActions,
  unitsToAutoAck,
  unitView,
  type Answer,
  type QueuedAction,
  type Transport,
} from './action-queue.ts';

const ME = 7;
const ack = (directiveId: number, unitId: number, at = '2026-11-10T08:00:00.000Z', by = ME) => newAction({ by, directiveId, unitId, kind: 'ack', at });
const done = (directiveId: number, unitId: number, at = '2026-11-10T09:00:00.000Z', extra: Partial<QueuedAction> = {}) => ({
  ...newAction({ by: ME, directiveId, unitId, kind: 'done', at, report: { text: 'बैठक हो गई' } }),
  ...extra,
});

/** A transport that answers from a script and records what it was asked. */
function scripted(answers: Answer[], uploads: Answer[] = []) {
  const sent: QueuedAction[] = [];
  const uploaded: string[] = [];
  const transport: Transport = {
    send: async (a) => {
      sent.push(a);
      const next = answers.shift() ?? { status: 200 };
      if (next.status === -1) throw new TypeError('Failed to fetch');
      return next;
    },
    upload: async (p) => {
      uploaded.push(p.name);
      return uploads.shift() ?? { status: 201, body: { id: 99 } };
    },
  };
  return { transport, sent, uploaded };
}

describe('the acknowledgement queue', () => {
  it('keys an action by worker, directive, unit and kind, so a double tap is one action', async () => {
    const store = memoryActionStore();
    await store.put(ack(1, 10));
    await store.put(ack(1, 10, '2026-11-10T08:00:05.000Z'));
    await store.put(done(1, 10));
    expect([...store.actions.keys()]).toEqual(['7:1:10:ack', '7:1:10:done']);
  });

  it('sends in the order the worker acted, an acknowledgement before a report made at the same time', () => {
    const at = '2026-11-10T08:00:00.000Z';
    const list = [done(2, 10, at), ack(2, 10, at), ack(1, 11, '2026-11-09T08:00:00.000Z'), ack(1, 12, at, 8)];
    expect(actionsOf(list, ME).map((a) => a.key)).toEqual(['7:1:11:ack', '7:2:10:ack', '7:2:10:done']);
  });

  it('removes what the server took and hands back the unit it answered', async () => {
    const store = memoryActionStore([ack(1, 10)]);
    const unit = { unit: { id: 10 }, ackedAt: '2026-11-10T08:00:00.000Z' };
    const { transport, sent } = scripted([{ status: 200, body: unit }]);
    const r = await syncActions({ store, transport, by: ME });
    expect(r.sent).toEqual([{ action: expect.objectContaining({ key: '7:1:10:ack' }), unit }]);
    expect(store.actions.size).toBe(0);
    expect(sent[0]!.at).toBe('2026-11-10T08:00:00.000Z');
  });

  it('stops at the first network failure and waits longer after each', async () => {
    const store = memoryActionStore([ack(1, 10), ack(1, 11, '2026-11-10T08:01:00.000Z')]);
    const { transport, sent } = scripted([{ status: -1 }]);
    const r = await syncActions({ store, transport, by: ME, now: () => 1_000, random: () => 0.5 });
    expect(r.stopped).toBe('offline');
    expect(sent).toHaveLength(1);
    const first = store.actions.get('7:1:10:ack')!;
    expect(first).toMatchObject({ attempts: 1, nextAttemptAt: 1_000 + 5_000, lastError: 'offline' });
    // The failed one is not due yet: deferred while the next goes, unless forced (the connection came back).
    const later = await syncActions({ store, transport, by: ME, now: () => 2_000 });
    expect([later.deferred, later.sent.length]).toEqual([1, 1]);
    const forced = await syncActions({ store, transport, by: ME, now: () => 2_000, force: true });
    expect(forced.sent.map((s) => s.action.key)).toEqual(['7:1:10:ack']);
  });

  it('keeps a refusal for the worker and does not send it again', async () => {
    const store = memoryActionStore([ack(1, 10)]);
    const { transport, sent } = scripted([{ status: 404, code: 'not_found' }]);
    expect((await syncActions({ store, transport, by: ME })).rejected).toBe(1);
    expect(store.actions.get('7:1:10:ack')!.rejected).toEqual({ status: 404, code: 'not_found' });
    await syncActions({ store, transport, by: ME, force: true });
    expect(sent).toHaveLength(1);
  });

  it('changes nothing when the session has ended, and leaves other workers’ actions alone', async () => {
    const store = memoryActionStore([ack(1, 10), ack(1, 10, undefined, 8)]);
    const { transport } = scripted([{ status: 401, code: 'unauthenticated' }]);
    expect((await syncActions({ store, transport, by: ME })).stopped).toBe('signed_out');
    expect(store.actions.get('7:1:10:ack')).toMatchObject({ attempts: 0 });
    expect(store.actions.has('8:1:10:ack')).toBe(true);
  });

  it('uploads a waiting photo once, then sends the report with its file id', async () => {
    const photo = { blob: new Blob(['x'], { type: 'image/jpeg' }), name: 'booth.jpg', type: 'image/jpeg' };
    const store = memoryActionStore([done(1, 10, undefined, { photo })]);
    // The report's answer is lost the first time: the retry must not upload the photo again.
    const { transport, sent, uploaded } = scripted([{ status: 503, code: 'internal' }, { status: 200 }]);
    await syncActions({ store, transport, by: ME, random: () => 0.5 });
    const waiting = store.actions.get('7:1:10:done')!;
    expect(waiting.photo).toBeUndefined();
    expect(waiting.report).toEqual({ text: 'बैठक हो गई', photoFileId: 99 });
    await syncActions({ store, transport, by: ME, force: true });
    expect(uploaded).toEqual(['booth.jpg']);
    expect(sent.map((a) => a.report?.photoFileId)).toEqual([99, 99]);
    expect(store.actions.size).toBe(0);
  });

  it('keeps the report when its photo is refused', async () => {
    const photo = { blob: new Blob(['x']), name: 'x.gif', type: 'image/gif' };
    const store = memoryActionStore([done(1, 10, undefined, { photo })]);
    const { transport, sent } = scripted([], [{ status: 400, code: 'validation' }]);
    expect((await syncActions({ store, transport, by: ME })).rejected).toBe(1);
    expect(sent).toEqual([]);
  });

  it('classifies answers and backs off like the capture queue', () => {
    expect([200, 201, 401, 0, 429, 503, 404, 400].map(classify)).toEqual(['sent', 'sent', 'signed_out', 'retry', 'retry', 'retry', 'rejected', 'rejected']);
    expect(backoffMs(1, () => 0.5)).toBe(5_000);
    expect(backoffMs(3, () => 0.5)).toBe(20_000);
    expect(backoffMs(30, () => 0.5)).toBe(600_000);
  });

  it('says when the next automatic try is due', () => {
    expect(nextDue([], ME)).toBeNull();
    expect(
      nextDue(
        [
          { ...ack(1, 10), nextAttemptAt: 50 },
          { ...ack(1, 11), nextAttemptAt: 20 },
        ],
        ME,
      ),
    ).toBe(20);
  });
});

describe('what waits on the phone counts as done on screen', () => {
  const item = (id: number, ask: 'read' | 'ack' | 'report', myOpen: number, escalated = 0) => ({ id, ask, myOpen, escalated });

  it('takes actions waiting to be sent off the open count and the badge', () => {
    const items = [item(1, 'ack', 1), item(2, 'report', 1), item(3, 'read', 0, 4), item(4, 'ack', 2)];
    expect(badgeOf(items, [])).toBe(4);
    const waiting = [ack(1, 10), ack(2, 10), ack(4, 10)];
    // 1 is done; 2 asks for a report, so an acknowledgement does not close it; 3 is an escalation; 4 has another unit.
    expect(badgeOf(items, waiting)).toBe(3);
    expect(openAfter(items[3]!, waiting)).toBe(1);
    expect(openAfter(items[1]!, [...waiting, done(2, 10)])).toBe(0);
    // A refused action does not count.
    expect(openAfter(items[0]!, [{ ...ack(1, 10), rejected: { status: 404, code: 'not_found' } }])).toBe(1);
  });

  it('acknowledges a read-only directive on opening, once, for the units not yet acknowledged', () => {
    const mine = [
      { unit: { id: 10 }, ackedAt: null, doneAt: null },
      { unit: { id: 11 }, ackedAt: '2026-11-10T08:00:00.000Z', doneAt: null },
      { unit: { id: 12 }, ackedAt: null, doneAt: null },
    ];
    expect(unitsToAutoAck({ id: 1, ask: 'read', mine }, [])).toEqual([10, 12]);
    expect(unitsToAutoAck({ id: 1, ask: 'read', mine }, [ack(1, 12)])).toEqual([10]);
    expect(unitsToAutoAck({ id: 1, ask: 'ack', mine }, [])).toEqual([]);
  });

  it('lays waiting actions over the server’s state of a unit', () => {
    const fresh = { unit: { id: 10 }, ackedAt: null, doneAt: null };
    expect(unitView(1, fresh, [])).toEqual({ ackedAt: null, doneAt: null, ackWaiting: undefined, doneWaiting: undefined, rejected: undefined });
    const a = ack(1, 10);
    expect(unitView(1, fresh, [a])).toMatchObject({ ackedAt: a.at, ackWaiting: a });
    const d = done(1, 10);
    expect(unitView(1, fresh, [a, d])).toMatchObject({ ackedAt: d.at, doneAt: d.at, ackWaiting: undefined, doneWaiting: d });
    // Once the server has it, its own time wins and nothing shows as waiting.
    expect(unitView(1, { ...fresh, ackedAt: '2026-11-10T07:59:00.000Z' }, [a])).toMatchObject({ ackedAt: '2026-11-10T07:59:00.000Z', ackWaiting: undefined });
  });
});
