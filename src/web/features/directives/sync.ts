import { ApiError } from '../../lib/api.ts';
import { newAction, nextDue, actionsOf, syncActions, type Answer, type PendingPhoto, type QueuedAction, type ReportDraft } from './action-queue.ts';
import { cacheKeys, openDirectivesStore } from './store.ts';
import type { Directive, MyUnit } from './types.ts';
import { syncRounds } from '../../lib/sync-rounds.ts';

/**
 * The acknowledgement queue at work in the page: an action is stored first and then sent, at once when online, when
 * the connection returns, when the app opens or comes back to the screen, and when a wait runs out. One round at a time
 * per page and one per device across tabs (Web Locks); two at once would still be harmless (the server ignores repeats).
 */
export interface ActionsState {
  by: number | null;
  waiting: QueuedAction[];
  rejected: QueuedAction[];
  syncing: boolean;
  /** The code of the last failure that will be retried (`offline`, `internal`…), until a round sends everything. */
  lastError: string | null;
  signedOut: boolean;
  /** Goes up each time the server takes an action, so open screens re-read. */
  version: number;
}

const SEND_TIMEOUT_MS = 60_000;

let state: ActionsState = { by: null, waiting: [], rejected: [], syncing: false, lastError: null, signedOut: false, version: 0 };
const listeners = new Set<() => void>();

function update(patch: Partial<ActionsState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** For useSyncExternalStore. */
export const getActionsState = (): ActionsState => state;
export function subscribeActions(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

async function answerOf(res: Response): Promise<Answer> {
  const body: unknown = await res.json().catch(() => undefined);
  return { status: res.status, code: res.ok ? undefined : (body as { code?: string } | undefined)?.code, body };
}

const transport = {
  async send(a: QueuedAction): Promise<Answer> {
    const body = a.kind === 'ack' ? { at: a.at } : { ...a.report, at: a.at };
    const res = await fetch(`/api/directives/${a.directiveId}/units/${a.unitId}/${a.kind}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    return answerOf(res);
  },
  async upload(photo: PendingPhoto): Promise<Answer> {
    const res = await fetch(`/api/files?${new URLSearchParams({ name: photo.name }).toString()}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': photo.type },
      body: photo.blob,
      signal: AbortSignal.timeout(5 * SEND_TIMEOUT_MS),
    });
    return answerOf(res);
  },
};

async function refresh(): Promise<void> {
  const by = state.by;
  if (by === null) return;
  const mine = actionsOf(await (await openDirectivesStore()).actions.all(), by);
  if (state.by !== by) return;
  update({ waiting: mine.filter((a) => !a.rejected), rejected: mine.filter((a) => a.rejected) });
}

/** The phone's copy of a directive, updated with the unit's state the server answered, so it reads right offline. */
async function keepUnit(by: number, directiveId: number, unit: MyUnit | undefined): Promise<void> {
  if (!unit?.unit) return;
  const store = await openDirectivesStore();
  const key = cacheKeys.directive(by, directiveId);
  const copy = await store.cache.get<Directive>(key);
  if (!copy) return;
  await store.cache.put(key, { ...copy.data, mine: copy.data.mine.map((m) => (m.unit.id === unit.unit.id ? unit : m)) });
}

async function round(force: boolean): Promise<void> {
  const by = state.by;
  if (by === null) return;
  const report = await syncActions({ store: (await openDirectivesStore()).actions, transport, by, force });
  for (const s of report.sent) await keepUnit(by, s.action.directiveId, s.unit as MyUnit | undefined).catch(() => {});
  await refresh();
  if (state.by !== by) return;
  const failed = report.stopped === 'offline' ? 'offline' : report.retrying > 0 ? (state.waiting.find((a) => a.lastError)?.lastError ?? 'internal') : null;
  update({ signedOut: report.stopped === 'signed_out', lastError: failed, ...(report.sent.length ? { version: state.version + 1 } : {}) });
}

const rounds = syncRounds({
  lock: 'setu-directives-sync',
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
export function startActions(by: number): void {
  if (state.by === by) return;
  update({ by, waiting: [], rejected: [], lastError: null, signedOut: false });
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  void refresh().then(() => (navigator.onLine ? syncNow(true) : schedule()));
}

/** Signed out: the actions stay on the phone for their worker, and nothing is sent. */
export function stopActions(): void {
  rounds.stop();
  window.removeEventListener('online', onOnline);
  document.removeEventListener('visibilitychange', onVisible);
  update({ by: null, waiting: [], rejected: [], lastError: null, signedOut: false });
}

async function enqueue(action: QueuedAction): Promise<void> {
  const store = await openDirectivesStore();
  // The same action again (a double tap, a second screen) keeps the first one's time.
  const existing = (await store.actions.all()).find((a) => a.key === action.key && !a.rejected);
  if (!existing) await store.actions.put(action);
  void navigator.storage?.persist?.().catch(() => false);
  await refresh();
  if (navigator.onLine) void syncNow(true);
}

/** The worker acknowledged for a unit: kept on the phone with the time, then sent. */
export async function acknowledge(directiveId: number, unitId: number, at = new Date().toISOString()): Promise<void> {
  if (state.by === null) throw new Error('the directives queue is not started');
  await enqueue(newAction({ by: state.by, directiveId, unitId, kind: 'ack', at }));
}

/**
 * The worker reported a unit's work done. A photo waits on the phone with the report; where the phone cannot keep it
 * (no IndexedDB), it must go now, and without a connection that fails with `offline`.
 */
export async function reportDone(directiveId: number, unitId: number, report: ReportDraft, photo?: PendingPhoto): Promise<void> {
  const by = state.by;
  if (by === null) throw new Error('the directives queue is not started');
  let draft = report;
  let waitingPhoto = photo;
  if (photo && !(await openDirectivesStore()).durable) {
    const answer = await transport.upload(photo).catch((): Answer => ({ status: 0, code: 'offline' }));
    const id = (answer.body as { id?: number } | undefined)?.id;
    if (answer.status !== 201 || id === undefined) throw new ApiError(answer.status, answer.code ?? 'offline', 'the photo could not be uploaded');
    draft = { ...report, photoFileId: id };
    waitingPhoto = undefined;
  }
  await enqueue(newAction({ by, directiveId, unitId, kind: 'done', at: new Date().toISOString(), report: draft, photo: waitingPhoto }));
}

/** The worker let go of an action the server refused. */
export async function discard(key: string): Promise<void> {
  await (await openDirectivesStore()).actions.delete(key);
  await refresh();
  schedule();
}
