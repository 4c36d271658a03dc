/**
 * The rules of an offline queue: things done on the phone wait here until the server has them. No DOM, no React:
 * storage and sending are passed in, so the rules are tested on their own (offline-queue.test.ts). The runtime that
 * sends them from the page is queue-runtime.ts; the storage, idb.ts.
 *
 * - An item is keyed so that doing the same thing twice (a double tap, a second screen) is one item, and it belongs to
 *   the signed-in person who made it: only their session sends it.
 * - The server ignores repeats, so a send whose answer was lost is simply sent again.
 * - It leaves the queue only after a 200/201. A refusal a retry would not change (403, 404, 400…) is kept with its
 *   code for the person to see and discard; no connection, 408/425/429 and 5xx are retried with a growing wait;
 *   401 stops the round and changes nothing.
 * - Items that go in one request (marks of one event's roll call) are sent as a batch, and each gets its own answer.
 */

/** What every queued item carries besides its own data. */
export interface Queued {
  /** One item per thing done: putting the same key again replaces it. */
  key: string;
  /** The signed-in person who made it. */
  by: number;
  /** When it was done on the phone (ISO): items go in this order. */
  at: string;
  attempts: number;
  /** Epoch ms before which no automatic try is made. */
  nextAttemptAt: number;
  /** The server refused it: kept, not sent again, until the person discards it. */
  rejected?: { status: number; code: string };
  /** The code of the last failure that will be retried (`offline`, `internal`…). */
  lastError?: string;
}

export interface QueueStore<T extends Queued> {
  all(): Promise<T[]>;
  put(item: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What one request answered: the HTTP status (0 when no answer came), the error's code, and the body. */
export interface Answer {
  status: number;
  code?: string;
  body?: unknown;
}

export type Outcome = 'sent' | 'rejected' | 'retry' | 'signed_out';

/** What an answer means for an item. Only 200 and 201 say the server has it. */
export function classify(status: number): Outcome {
  if (status === 200 || status === 201) return 'sent';
  if (status === 401) return 'signed_out';
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'rejected';
  // 202, 204, a redirect: not a stored record; try again later.
  return 'retry';
}

export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 10 * 60_000;

/** 5 s, 10 s, 20 s… up to 10 minutes, spread by ±20 % so phones back on the network together do not all call at once. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const plain = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

/** One person's items in the order they were made. */
export function itemsOf<T extends Queued>(items: readonly T[], by: number): T[] {
  return items.filter((i) => i.by === by).sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

/** When the next automatic try is due (epoch ms), or null when nothing waits for one. */
export function nextDue(items: readonly Queued[], by: number): number | null {
  let next: number | null = null;
  for (const i of items) if (i.by === by && !i.rejected && (next === null || i.nextAttemptAt < next)) next = i.nextAttemptAt;
  return next;
}

export interface RoundOptions<T extends Queued> {
  store: QueueStore<T>;
  by: number;
  /** Sends a batch (items with the same `batchOf`, in order), answering for each item in the same order. */
  send(batch: T[]): Promise<Answer[]>;
  /** Items with the same value go in one request; by default each item alone. */
  batchOf?(item: T): string;
  maxBatch?: number;
  now?: () => number;
  random?: () => number;
  /** Try every waiting item now, ignoring its wait (the connection came back, the person asked). */
  force?: boolean;
}

export interface RoundReport<T extends Queued> {
  /** The items the server took, with what it answered. */
  sent: Array<{ item: T; answer: Answer }>;
  rejected: number;
  retrying: number;
  deferred: number;
  stopped: 'offline' | 'signed_out' | null;
}

/** The person's due items as batches, in the order their first item was made. */
function batches<T extends Queued>(items: readonly T[], batchOf: (item: T) => string, max: number): T[][] {
  const groups = new Map<string, T[][]>();
  const out: T[][] = [];
  for (const item of items) {
    const chunks = groups.get(batchOf(item)) ?? [];
    const last = chunks.at(-1);
    if (last && last.length < max) last.push(item);
    else {
      const fresh = [item];
      chunks.push(fresh);
      out.push(fresh);
      groups.set(batchOf(item), chunks);
    }
  }
  return out;
}

/**
 * One round: sends the person's waiting items, batch by batch, and records what became of each. A network failure
 * ends the round (the next batch would fail the same way); so does a 401.
 */
export async function sendRound<T extends Queued>(o: RoundOptions<T>): Promise<RoundReport<T>> {
  const now = o.now ?? Date.now;
  const report: RoundReport<T> = { sent: [], rejected: 0, retrying: 0, deferred: 0, stopped: null };
  const due: T[] = [];
  for (const item of itemsOf(await o.store.all(), o.by)) {
    if (item.rejected) continue;
    if (!o.force && item.nextAttemptAt > now()) report.deferred++;
    else due.push(item);
  }
  for (const batch of batches(due, o.batchOf ?? ((i) => i.key), o.maxBatch ?? 1)) {
    let answers: Answer[];
    try {
      answers = await o.send(batch);
    } catch {
      answers = [];
    }
    for (const [n, item] of batch.entries()) {
      const answer = answers[n] ?? { status: 0, code: 'offline' };
      const outcome = classify(answer.status);
      if (outcome === 'sent') {
        await o.store.delete(item.key);
        report.sent.push({ item, answer });
      } else if (outcome === 'rejected') {
        await o.store.put({ ...item, attempts: item.attempts + 1, rejected: { status: answer.status, code: answer.code ?? 'internal' } });
        report.rejected++;
      } else if (outcome === 'signed_out') {
        report.stopped = 'signed_out';
      } else {
        const attempts = item.attempts + 1;
        await o.store.put({
          ...item,
          attempts,
          nextAttemptAt: now() + backoffMs(attempts, o.random),
          lastError: answer.code ?? (answer.status === 0 ? 'offline' : 'internal'),
        });
        report.retrying++;
        if (answer.status === 0) report.stopped ??= 'offline';
      }
    }
    if (report.stopped) break;
  }
  return report;
}

/** A memory store, for tests and for a browser where IndexedDB will not open. */
export function memoryQueueStore<T extends Queued>(initial: T[] = []): QueueStore<T> & { items: Map<string, T> } {
  const items = new Map(initial.map((i) => [i.key, structuredClone(i)]));
  return {
    items,
    all: async () => [...items.values()].map((i) => structuredClone(i)),
    put: async (i) => void items.set(i.key, structuredClone(i)),
    delete: async (key) => void items.delete(key),
  };
}
