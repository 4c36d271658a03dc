import { nextDue, itemsOf, sendRound, type Answer, type Queued, type QueueStore, type RoundReport } from './offline-queue.ts';
import { syncRounds } from './sync-rounds.ts';

/** What the screens show of a queue. */
export interface QueueState<T extends Queued> {
  /** The signed-in person whose items these are; null before sign-in. */
  by: number | null;
  waiting: T[];
  rejected: T[];
  syncing: boolean;
  /** The code of the last failure that will be retried (`offline`, `internal`…), until a round sends everything. */
  lastError: string | null;
  signedOut: boolean;
  /** Goes up each time the server takes something, so open screens re-read. */
  version: number;
}

export interface QueueRuntimeOptions<T extends Queued> {
  /** The Web Locks name: two tabs never send the same item at once. */
  lock: string;
  openStore(): Promise<QueueStore<T>>;
  send(batch: T[]): Promise<Answer[]>;
  batchOf?(item: T): string;
  maxBatch?: number;
  /** After a round, with what the server took (to update copies kept on the phone). */
  afterRound?(report: RoundReport<T>): Promise<void>;
}

export interface QueueRuntime<T extends Queued> {
  getState(): QueueState<T>;
  /** For useSyncExternalStore. */
  subscribe(fn: () => void): () => void;
  /** Starts the queue for the signed-in person: loads it, sends what waits, and listens for the connection. */
  start(by: number): void;
  /** Signed out: the items stay on the phone for their person, and nothing is sent. */
  stop(): void;
  /** Keeps an item on the phone (the same key again keeps the first one's time), then sends it when it can. */
  enqueue(item: T): Promise<void>;
  /** Keeps many at once (a whole list ticked together), then sends them in one round rather than one by one. */
  enqueueAll(items: readonly T[]): Promise<void>;
  /** Lets go of an item: one the server refused, or one taken back before it was sent. */
  discard(key: string): Promise<void>;
  /** Sends what waits; `force` tries items still in their backoff too. */
  syncNow(force?: boolean): Promise<void>;
  /** How many of a person's items wait on the phone (signing out says so). */
  waitingOf(by: number): Promise<number>;
}

/**
 * An offline queue at work in the page: an item is stored first and then sent, at once when online, when the
 * connection returns, when the app opens or comes back to the screen, and when a wait runs out. One round at a time
 * per page and one per device across tabs (sync-rounds.ts); two at once would still be harmless (the server ignores
 * repeats).
 */
export function queueRuntime<T extends Queued>(o: QueueRuntimeOptions<T>): QueueRuntime<T> {
  let state: QueueState<T> = { by: null, waiting: [], rejected: [], syncing: false, lastError: null, signedOut: false, version: 0 };
  const listeners = new Set<() => void>();
  const update = (patch: Partial<QueueState<T>>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const refresh = async () => {
    const by = state.by;
    if (by === null) return;
    const mine = itemsOf(await (await o.openStore()).all(), by);
    if (state.by !== by) return;
    update({ waiting: mine.filter((i) => !i.rejected), rejected: mine.filter((i) => i.rejected) });
  };

  const round = async (force: boolean) => {
    const by = state.by;
    if (by === null) return;
    const report = await sendRound({ store: await o.openStore(), send: o.send, batchOf: o.batchOf, maxBatch: o.maxBatch, by, force });
    await o.afterRound?.(report).catch(() => {});
    await refresh();
    if (state.by !== by) return;
    const failed = report.stopped === 'offline' ? 'offline' : report.retrying > 0 ? (state.waiting.find((i) => i.lastError)?.lastError ?? 'internal') : null;
    update({ signedOut: report.stopped === 'signed_out', lastError: failed, ...(report.sent.length ? { version: state.version + 1 } : {}) });
  };

  const rounds = syncRounds({
    lock: o.lock,
    ready: (force) => state.by !== null && (force || navigator.onLine),
    round,
    busy: (syncing) => update({ syncing }),
    nextDue: () => (state.by === null || !navigator.onLine ? null : nextDue(state.waiting, state.by)),
  });
  const syncNow = (force = false) => rounds.run(force);
  const onOnline = () => void syncNow(true);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void syncNow();
  };

  const runtime: QueueRuntime<T> = {
    getState: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    start(by) {
      if (state.by === by) return;
      update({ by, waiting: [], rejected: [], lastError: null, signedOut: false });
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
      void refresh().then(() => (navigator.onLine ? syncNow(true) : rounds.schedule()));
    },
    stop() {
      rounds.stop();
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      update({ by: null, waiting: [], rejected: [], lastError: null, signedOut: false });
    },
    enqueue: (item) => runtime.enqueueAll([item]),
    async enqueueAll(items) {
      const store = await o.openStore();
      const kept = new Set((await store.all()).filter((i) => !i.rejected).map((i) => i.key));
      for (const item of items) if (!kept.has(item.key)) await store.put(item);
      void navigator.storage?.persist?.().catch(() => false);
      await refresh();
      if (navigator.onLine) void syncNow(true);
    },
    async discard(key) {
      await (await o.openStore()).delete(key);
      await refresh();
      rounds.schedule();
    },
    syncNow,
    async waitingOf(by) {
      return itemsOf(await (await o.openStore()).all(), by).length;
    },
  };
  return runtime;
}
