import { entriesOf, fixedEntry, nextDue, syncQueue, type CaptureBody, type QueuedEntry, type SendAnswer } from './queue.ts';
import { openQueueStore } from './store.ts';
import { syncRounds } from '../../lib/sync-rounds.ts';

/**
 * The queue at work in the page: it sends when an entry is saved, when the browser comes back online, when the app
 * opens, when the worker taps "sync now", and when an entry's backoff runs out. One round at a time per page, and one
 * per device across tabs (Web Locks), though two at once would still make one record each (idempotent by clientId).
 */

/** What the screens show of the queue. */
export interface QueueState {
  /** The signed-in worker whose entries these are; null before sign-in. */
  by: number | null;
  /** Entries still to go (including those waiting out a backoff). */
  waiting: QueuedEntry[];
  /** Entries the server refused, kept for the worker to fix or discard. */
  rejected: QueuedEntry[];
  syncing: boolean;
  /** When an entry last reached the server from this phone (ISO time). */
  lastSyncedAt: string | null;
  /** The last round stopped because the session had ended. */
  signedOut: boolean;
  /** The code of the last failure that will be retried (`offline`, `internal`…), until a round sends everything. */
  lastError: string | null;
}

const SEND_TIMEOUT_MS = 60_000;
const lastSyncedKey = (by: number) => `setu.capture.lastSynced.${by}`;

let state: QueueState = { by: null, waiting: [], rejected: [], syncing: false, lastSyncedAt: null, signedOut: false, lastError: null };
const listeners = new Set<() => void>();

function update(patch: Partial<QueueState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** For useSyncExternalStore. */
export const getQueueState = (): QueueState => state;
export function subscribeQueue(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** POSTs one entry; the answer's status, and for a refusal its code and the body fields it names. */
async function send(entry: QueuedEntry): Promise<SendAnswer> {
  const res = await fetch(`/api/units/${entry.unitId}/people`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(entry.body),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  if (res.status === 200 || res.status === 201) return { status: res.status };
  const payload = (await res.json().catch(() => null)) as { code?: string; issues?: Array<{ path: string }> } | null;
  const fields = [...new Set((payload?.issues ?? []).map((i) => i.path.replace(/^(body|json)\./, '').split('.')[0]!))];
  return { status: res.status, code: payload?.code, fields };
}

async function refresh(): Promise<void> {
  const by = state.by;
  if (by === null) return;
  const mine = entriesOf(await (await openQueueStore()).all(), by);
  if (state.by !== by) return;
  update({ waiting: mine.filter((e) => !e.rejected), rejected: mine.filter((e) => e.rejected) });
}

async function round(force: boolean): Promise<void> {
  const by = state.by;
  if (by === null) return;
  const report = await syncQueue({ store: await openQueueStore(), send, by, force });
  if (report.sent > 0) {
    const at = new Date().toISOString();
    localStorage.setItem(lastSyncedKey(by), at);
    if (state.by === by) update({ lastSyncedAt: at });
  }
  await refresh();
  if (state.by !== by) return;
  const failed = report.stopped === 'offline' ? 'offline' : report.retrying > 0 ? (state.waiting.find((e) => e.lastError)?.lastError ?? 'internal') : null;
  update({ signedOut: report.stopped === 'signed_out', lastError: failed });
}

const rounds = syncRounds({
  lock: 'setu-capture-sync',
  ready: (force) => state.by !== null && (force || navigator.onLine),
  round,
  busy: (syncing) => update({ syncing }),
  nextDue: () => (state.by === null || !navigator.onLine ? null : nextDue(state.waiting, state.by)),
});
const schedule = rounds.schedule;

/** Sends what waits; `force` tries entries still in their backoff too. A call during a round runs another after it. */
export const syncNow = (force = false): Promise<void> => rounds.run(force);

const onOnline = () => void syncNow(true);
const onVisible = () => {
  if (document.visibilityState === 'visible') void syncNow();
};

/** Starts the queue for the signed-in worker: loads it, sends what waits, and listens for the connection. */
export function startCaptureQueue(by: number): void {
  if (state.by === by) return;
  update({ by, waiting: [], rejected: [], lastSyncedAt: localStorage.getItem(lastSyncedKey(by)), signedOut: false, lastError: null });
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  void refresh().then(() => (navigator.onLine ? syncNow(true) : schedule()));
}

/** Signed out: the entries stay on the phone for their worker, and nothing is sent. */
export function stopCaptureQueue(): void {
  rounds.stop();
  window.removeEventListener('online', onOnline);
  document.removeEventListener('visibilitychange', onVisible);
  update({ by: null, waiting: [], rejected: [], signedOut: false, lastError: null });
}

/** A v4 UUID; crypto.randomUUID needs a secure context, which a server reached by LAN address over http is not. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Saves a person met at the door: made an entry now (its id and time fixed for good), stored, then sent if it can be. */
export async function enqueue(unitId: number, body: Omit<CaptureBody, 'clientId' | 'capturedAt'>): Promise<QueuedEntry> {
  const by = state.by;
  if (by === null) throw new Error('the capture queue is not started');
  const entry: QueuedEntry = {
    clientId: newClientId(),
    unitId,
    by,
    body: { ...body, clientId: '', capturedAt: new Date().toISOString() },
    attempts: 0,
    nextAttemptAt: 0,
  };
  entry.body.clientId = entry.clientId;
  await (await openQueueStore()).put(entry);
  // Ask the browser not to clear this site's storage when the phone runs short of space.
  void navigator.storage?.persist?.().catch(() => false);
  await refresh();
  if (navigator.onLine) void syncNow();
  return entry;
}

/** The worker corrected a refused entry: it keeps its id and time and goes again. */
export async function saveFixed(old: QueuedEntry, body: Omit<CaptureBody, 'clientId' | 'capturedAt'>): Promise<void> {
  await (await openQueueStore()).put(fixedEntry(old, body));
  await refresh();
  if (navigator.onLine) void syncNow(true);
}

/** The worker dropped an entry (a refused one they cannot fix). */
export async function discard(clientId: string): Promise<void> {
  await (await openQueueStore()).delete(clientId);
  await refresh();
  schedule();
}
