import { useEffect, useSyncExternalStore } from 'react';
import { idbTable, openIdb } from '../../lib/idb.ts';
import { memoryQueueStore, type Answer, type QueueStore } from '../../lib/offline-queue.ts';
import { queueRuntime } from '../../lib/queue-runtime.ts';
import { batchOfMark, MAX_MARKS, newMark, sendMarks, type QueuedMark } from './attendance-queue.ts';

/**
 * The roll call's marks on the phone (IndexedDB, `setu-events`), sent when the phone is online: at once, when the
 * connection returns, when the app opens (background.ts) and when a wait runs out. Where IndexedDB will not open,
 * memory: the screen still works, and nothing survives a reload.
 */
let opened: Promise<QueueStore<QueuedMark>> | undefined;
const openStore = () =>
  (opened ??= openIdb('setu-events', { marks: 'key' }).then(
    (db) => idbTable<QueuedMark>(db, 'marks'),
    () => memoryQueueStore<QueuedMark>(),
  ));

const SEND_TIMEOUT_MS = 60_000;

async function post(eventId: number, marks: Array<{ personId: number; at: string }>): Promise<Answer> {
  const res = await fetch(`/api/events/${eventId}/attendance`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ marks }),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  const body: unknown = await res.json().catch(() => undefined);
  return { status: res.status, code: res.ok ? undefined : (body as { code?: string } | undefined)?.code, body };
}

export const marks = queueRuntime<QueuedMark>({
  lock: 'setu-events-sync',
  openStore,
  send: (batch) => sendMarks(batch, post),
  batchOf: batchOfMark,
  maxBatch: MAX_MARKS,
});

/** The organiser ticked a name: kept on the phone with the time, then sent. */
export async function markPresent(eventId: number, personId: number): Promise<void> {
  const by = marks.getState().by;
  if (by === null) throw new Error('the attendance queue is not started');
  await marks.enqueue(newMark({ by, eventId, personId, at: new Date().toISOString() }));
}

/** The queue's state for a screen; starts it for the signed-in person if the app has not yet. */
export function useMarks(personId: number | undefined) {
  useEffect(() => {
    if (personId !== undefined) marks.start(personId);
  }, [personId]);
  return useSyncExternalStore(marks.subscribe, marks.getState);
}

/** The organiser marked many at once (select many): all kept on the phone with one time, then sent together. */
export async function markManyPresent(eventId: number, personIds: readonly number[]): Promise<void> {
  const by = marks.getState().by;
  if (by === null) throw new Error('the attendance queue is not started');
  const at = new Date().toISOString();
  await marks.enqueueAll(personIds.map((personId) => newMark({ by, eventId, personId, at })));
}
