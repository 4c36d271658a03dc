/**
 * The door-to-door queue: people captured on the phone wait here until the server has them. No DOM, no React: the
 * storage and the sending are passed in, so the rules below are tested on their own (queue.test.ts).
 *
 * - An entry gets its `clientId` and `capturedAt` when it is saved, and keeps both for every try: the server finds
 *   the record a lost answer made instead of making a second (POST /api/units/{id}/people is idempotent by clientId).
 * - It leaves the queue only after a 200 or 201.
 * - A refusal a retry would not change (400, 403, 404, 409, 422…) is kept, with its code, for the worker to fix or discard.
 * - No connection, a timeout, 408/425/429 and 5xx are retried later, each entry waiting longer after each failure.
 * - 401 (signed out) stops the round and changes nothing: the entries wait for the worker to sign in again.
 */
import { backoffMs, classify } from '../../lib/offline-queue.ts';
import type { AgeBand } from '../../../contracts/people.ts';

// The rules an offline queue shares (lib/offline-queue.ts): what an answer means, and how long to wait after a failure.
export { backoffMs, BACKOFF_BASE_MS, BACKOFF_MAX_MS, classify, type Outcome } from '../../lib/offline-queue.ts';

/** The body of POST /api/units/{id}/people (contracts/people.ts CapturePerson) as the device keeps it. */
export interface CaptureBody {
  clientId: string;
  /** When the form was saved on the phone (ISO time). */
  capturedAt: string;
  name: string;
  phone?: string;
  whatsapp: boolean;
  ageBand?: AgeBand;
  languages: string[];
  tags: string[];
  notes?: string;
  /** The purposes the person agreed to, at the notice version the form showed. */
  consents: Array<{ purpose: string; noticeVersion: number }>;
}

/** Why the server refused an entry, kept with it until the worker acts. */
export interface Rejection {
  status: number;
  code: string;
  /** The body fields the server's validation issues name (`phone`, `name`…). */
  fields: string[];
}

export interface QueuedEntry {
  clientId: string;
  /** The home unit: the entry goes to POST /api/units/{unitId}/people. */
  unitId: number;
  /** The signed-in worker who captured it: only their session sends it. */
  by: number;
  body: CaptureBody;
  /** Tries that ended without the server keeping the entry. */
  attempts: number;
  /** Epoch ms before which no automatic try is made (a "sync now" tries anyway). */
  nextAttemptAt: number;
  /** Set when the server refused it: it is not sent again until the worker fixes it. */
  rejected?: Rejection;
  /** The code of the last failure that will be retried (`offline`, `internal`, `rate_limited`…). */
  lastError?: string;
}

/** Where entries live: IndexedDB in the browser (store.ts), memory in tests. */
export interface QueueStore {
  all(): Promise<QueuedEntry[]>;
  put(entry: QueuedEntry): Promise<void>;
  delete(clientId: string): Promise<void>;
}

/** What one POST answered: the HTTP status (0 when no answer came), the error's code and the fields it names. */
export interface SendAnswer {
  status: number;
  code?: string;
  fields?: string[];
}

/** The entries of one worker in the order they were captured. */
export function entriesOf(entries: QueuedEntry[], by: number): QueuedEntry[] {
  return entries.filter((e) => e.by === by).sort((a, b) => a.body.capturedAt.localeCompare(b.body.capturedAt) || a.clientId.localeCompare(b.clientId));
}

export interface SyncOptions {
  store: QueueStore;
  send(entry: QueuedEntry): Promise<SendAnswer>;
  /** The signed-in worker; other workers' entries stay for them. */
  by: number;
  now?: () => number;
  random?: () => number;
  /** Try every waiting entry now, ignoring its backoff (the "sync now" button, the browser coming online). */
  force?: boolean;
}

export interface SyncReport {
  sent: number;
  rejected: number;
  retrying: number;
  /** Entries not tried because their backoff had not run out. */
  deferred: number;
  /** The round stopped: the connection is gone (status 0) or the session is (401). */
  stopped: 'offline' | 'signed_out' | null;
}

/**
 * One round: sends each of the worker's waiting entries in capture order and records what became of it. A network
 * failure ends the round (the next entry would fail the same way); its entry waits out its backoff.
 */
export async function syncQueue(o: SyncOptions): Promise<SyncReport> {
  const now = o.now ?? Date.now;
  const report: SyncReport = { sent: 0, rejected: 0, retrying: 0, deferred: 0, stopped: null };
  for (const entry of entriesOf(await o.store.all(), o.by)) {
    if (entry.rejected) continue;
    if (!o.force && entry.nextAttemptAt > now()) {
      report.deferred++;
      continue;
    }
    let answer: SendAnswer;
    try {
      answer = await o.send(entry);
    } catch {
      answer = { status: 0, code: 'offline' };
    }
    const outcome = classify(answer.status);
    if (outcome === 'sent') {
      await o.store.delete(entry.clientId);
      report.sent++;
    } else if (outcome === 'rejected') {
      await o.store.put({
        ...entry,
        attempts: entry.attempts + 1,
        rejected: { status: answer.status, code: answer.code ?? 'internal', fields: answer.fields ?? [] },
      });
      report.rejected++;
    } else if (outcome === 'signed_out') {
      report.stopped = 'signed_out';
      break;
    } else {
      const attempts = entry.attempts + 1;
      await o.store.put({
        ...entry,
        attempts,
        nextAttemptAt: now() + backoffMs(attempts, o.random),
        lastError: answer.code ?? (answer.status === 0 ? 'offline' : 'internal'),
      });
      report.retrying++;
      if (answer.status === 0) {
        report.stopped = 'offline';
        break;
      }
    }
  }
  return report;
}

/** When the next automatic try is due for this worker (epoch ms), or null when nothing waits for one. */
export function nextDue(entries: QueuedEntry[], by: number): number | null {
  let next: number | null = null;
  for (const e of entriesOf(entries, by)) if (!e.rejected && (next === null || e.nextAttemptAt < next)) next = e.nextAttemptAt;
  return next;
}

/**
 * The entry after the worker fixed it: same clientId and capture time (it is still the same meeting), the refusal
 * cleared and the tries reset, due at once.
 */
export function fixedEntry(old: QueuedEntry, body: Omit<CaptureBody, 'clientId' | 'capturedAt'>): QueuedEntry {
  return {
    clientId: old.clientId,
    unitId: old.unitId,
    by: old.by,
    body: { ...body, clientId: old.clientId, capturedAt: old.body.capturedAt },
    attempts: 0,
    nextAttemptAt: 0,
  };
}

/** A memory store, for tests and for a browser where IndexedDB will not open. */
export function memoryStore(initial: QueuedEntry[] = []): QueueStore & { entries: Map<string, QueuedEntry> } {
  const entries = new Map(initial.map((e) => [e.clientId, structuredClone(e)]));
  return {
    entries,
    all: async () => [...entries.values()].map((e) => structuredClone(e)),
    put: async (e) => void entries.set(e.clientId, structuredClone(e)),
    delete: async (id) => void entries.delete(id),
  };
}
