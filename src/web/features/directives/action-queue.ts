/**
 * Acknowledgements and reports made on the phone wait here until the server has them. No DOM, no React: storage and
 * sending are passed in, so the rules are tested on their own (action-queue.test.ts). The rules are the capture
 * queue's (features/capture/queue.ts), for a smaller thing:
 *
 * - An action is keyed by worker, directive, unit and kind: tapping "acknowledge" twice, or once on each of two
 *   screens, is one action. It carries `at`, when the worker acted, so an acknowledgement made offline in the morning
 *   counts from the morning (the server ignores a time in the future or before the directive).
 * - The server ignores repeats (a second acknowledgement changes nothing), so a send whose answer was lost is simply
 *   sent again.
 * - It leaves the queue only after a 200/201. A refusal a retry would not change (403, 404, 400…) is kept with its
 *   code for the worker to see and discard; no connection, 408/425/429 and 5xx are retried with a growing wait;
 *   401 stops the round and changes nothing.
 * - A report's photo waits as a Blob and is uploaded first; its file id is then kept, so a retry does not upload it
 *   twice.
 */
import { backoffMs, classify } from '../../lib/offline-queue.ts';
import type { Ask, DirectiveSummary, MyUnit } from './types.ts';

// The rules an offline queue shares (lib/offline-queue.ts): what an answer means, and how long to wait after a failure.
export { backoffMs, BACKOFF_BASE_MS, BACKOFF_MAX_MS, classify, type Outcome } from '../../lib/offline-queue.ts';

export type ActionKind = 'ack' | 'done';

/** What a report says: at least one of the three (the server's rule). */
export interface ReportDraft {
  text?: string;
  link?: string;
  photoFileId?: number;
}

/** A photo taken for a report while offline, uploaded before the report is sent. */
export interface PendingPhoto {
  blob: Blob;
  name: string;
  type: string;
}

export interface QueuedAction {
  /** `${by}:${directiveId}:${unitId}:${kind}`: one per worker, directive, unit and kind. */
  key: string;
  /** The signed-in worker who acted: only their session sends it. */
  by: number;
  directiveId: number;
  unitId: number;
  kind: ActionKind;
  /** When the worker acted, on the phone (ISO), sent as `at`. */
  at: string;
  report?: ReportDraft;
  photo?: PendingPhoto;
  attempts: number;
  /** Epoch ms before which no automatic try is made. */
  nextAttemptAt: number;
  /** The server refused it: kept, not sent again, until the worker discards it. */
  rejected?: { status: number; code: string };
  /** The code of the last failure that will be retried (`offline`, `internal`…). */
  lastError?: string;
}

export interface ActionStore {
  all(): Promise<QueuedAction[]>;
  put(action: QueuedAction): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What one request answered: the HTTP status (0 when no answer came), the error's code, and the body. */
export interface Answer {
  status: number;
  code?: string;
  body?: unknown;
}

export interface Transport {
  /** POST …/ack or …/done; a 200's body is the unit's new state (MyUnit). */
  send(action: QueuedAction): Promise<Answer>;
  /** POST /api/files; a 201's body is the file (`{id}`). */
  upload(photo: PendingPhoto): Promise<Answer>;
}

export const actionKey = (by: number, directiveId: number, unitId: number, kind: ActionKind) => `${by}:${directiveId}:${unitId}:${kind}`;

/** A new action, made when the worker acts. */
export function newAction(a: {
  by: number;
  directiveId: number;
  unitId: number;
  kind: ActionKind;
  at: string;
  report?: ReportDraft;
  photo?: PendingPhoto;
}): QueuedAction {
  return { ...a, key: actionKey(a.by, a.directiveId, a.unitId, a.kind), attempts: 0, nextAttemptAt: 0 };
}

/** One worker's actions in the order they were made (an acknowledgement before the report made after it). */
export function actionsOf(actions: readonly QueuedAction[], by: number): QueuedAction[] {
  return actions
    .filter((a) => a.by === by)
    .sort((a, b) => a.at.localeCompare(b.at) || (a.kind === b.kind ? 0 : a.kind === 'ack' ? -1 : 1) || a.key.localeCompare(b.key));
}

export interface SyncOptions {
  store: ActionStore;
  transport: Transport;
  by: number;
  now?: () => number;
  random?: () => number;
  /** Try every waiting action now, ignoring its wait (the connection came back, the worker asked). */
  force?: boolean;
}

export interface SyncReport {
  /** The actions the server took, with the unit's state it answered. */
  sent: Array<{ action: QueuedAction; unit: MyUnit | undefined }>;
  rejected: number;
  retrying: number;
  deferred: number;
  stopped: 'offline' | 'signed_out' | null;
}

/**
 * One round: sends each of the worker's waiting actions in the order they were made. A network failure ends the
 * round (the next would fail the same way).
 */
export async function syncActions(o: SyncOptions): Promise<SyncReport> {
  const now = o.now ?? Date.now;
  const report: SyncReport = { sent: [], rejected: 0, retrying: 0, deferred: 0, stopped: null };
  const attempt = async (call: () => Promise<Answer>): Promise<Answer> => {
    try {
      return await call();
    } catch {
      return { status: 0, code: 'offline' };
    }
  };
  for (let action of actionsOf(await o.store.all(), o.by)) {
    if (action.rejected) continue;
    if (!o.force && action.nextAttemptAt > now()) {
      report.deferred++;
      continue;
    }
    let answer: Answer = { status: 200 };
    const photo = action.photo;
    if (photo && action.report?.photoFileId === undefined) {
      answer = await attempt(() => o.transport.upload(photo));
      const fileId = (answer.body as { id?: unknown } | undefined)?.id;
      if (classify(answer.status) === 'sent' && typeof fileId === 'number') {
        // The photo is on the server: keep its id, drop the bytes, and a retry of the report will not upload it again.
        action = { ...action, report: { ...action.report, photoFileId: fileId }, photo: undefined };
        delete action.photo;
        await o.store.put(action);
      } else if (classify(answer.status) === 'sent') answer = { status: 500, code: 'internal' };
    }
    if (classify(answer.status) === 'sent') answer = await attempt(() => o.transport.send(action));
    const outcome = classify(answer.status);
    if (outcome === 'sent') {
      await o.store.delete(action.key);
      report.sent.push({ action, unit: answer.body as MyUnit | undefined });
    } else if (outcome === 'rejected') {
      await o.store.put({ ...action, attempts: action.attempts + 1, rejected: { status: answer.status, code: answer.code ?? 'internal' } });
      report.rejected++;
    } else if (outcome === 'signed_out') {
      report.stopped = 'signed_out';
      break;
    } else {
      const attempts = action.attempts + 1;
      await o.store.put({
        ...action,
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

/** When the next automatic try is due (epoch ms), or null when nothing waits for one. */
export function nextDue(actions: readonly QueuedAction[], by: number): number | null {
  let next: number | null = null;
  for (const a of actionsOf(actions, by)) if (!a.rejected && (next === null || a.nextAttemptAt < next)) next = a.nextAttemptAt;
  return next;
}

/** Whether an action completes its unit: an acknowledgement does unless a report is asked; a report always does. */
export const completes = (kind: ActionKind, ask: Ask) => kind === 'done' || ask !== 'report';

/**
 * How many of the worker's units are still open for a directive, counting what waits on the phone as done: the
 * inbox should not keep asking for what the worker already did offline.
 */
export function openAfter(item: Pick<DirectiveSummary, 'id' | 'ask' | 'myOpen'>, waiting: readonly QueuedAction[]): number {
  const units = new Set(waiting.filter((a) => a.directiveId === item.id && !a.rejected && completes(a.kind, item.ask)).map((a) => a.unitId));
  return Math.max(0, item.myOpen - units.size);
}

/** The navigation badge: directives that still need the worker (an open unit of theirs, or units below them overdue). */
export function badgeOf(items: ReadonlyArray<Pick<DirectiveSummary, 'id' | 'ask' | 'myOpen' | 'escalated'>>, waiting: readonly QueuedAction[]): number {
  return items.filter((i) => openAfter(i, waiting) > 0 || i.escalated > 0).length;
}

/** For "opening it is enough" (ask=read): the worker's units that opening the page should acknowledge now. */
export function unitsToAutoAck(
  directive: { id: number; ask: Ask; mine: ReadonlyArray<Pick<MyUnit, 'ackedAt' | 'doneAt'> & { unit: { id: number } }> },
  waiting: readonly QueuedAction[],
): number[] {
  if (directive.ask !== 'read') return [];
  return directive.mine
    .filter((m) => !m.ackedAt && !m.doneAt && !waiting.some((a) => a.directiveId === directive.id && a.unitId === m.unit.id))
    .map((m) => m.unit.id);
}

/** One of the worker's units as the page shows it: the server's state, with what waits on the phone laid over it. */
export interface UnitView {
  ackedAt: string | null;
  doneAt: string | null;
  /** Waiting on the phone, not yet on the server. */
  ackWaiting: QueuedAction | undefined;
  doneWaiting: QueuedAction | undefined;
  /** The server refused one of this unit's actions. */
  rejected: QueuedAction | undefined;
}

export function unitView(directiveId: number, mine: Pick<MyUnit, 'ackedAt' | 'doneAt'> & { unit: { id: number } }, queued: readonly QueuedAction[]): UnitView {
  const here = queued.filter((a) => a.directiveId === directiveId && a.unitId === mine.unit.id);
  const waiting = (kind: ActionKind) => here.find((a) => a.kind === kind && !a.rejected);
  const ackWaiting = mine.ackedAt ? undefined : waiting('ack');
  const doneWaiting = mine.doneAt ? undefined : waiting('done');
  return {
    ackedAt: mine.ackedAt ?? doneWaiting?.at ?? ackWaiting?.at ?? null,
    doneAt: mine.doneAt ?? doneWaiting?.at ?? null,
    ackWaiting: mine.ackedAt || doneWaiting ? undefined : ackWaiting,
    doneWaiting,
    rejected: here.find((a) => a.rejected),
  };
}

/** A memory store, for tests and for a browser where IndexedDB will not open. */
export function memoryActionStore(initial: QueuedAction[] = []): ActionStore & { actions: Map<string, QueuedAction> } {
  const actions = new Map(initial.map((a) => [a.key, a]));
  return {
    actions,
    all: async () => [...actions.values()].map((a) => ({ ...a })),
    put: async (a) => void actions.set(a.key, { ...a }),
    delete: async (key) => void actions.delete(key),
  };
}
