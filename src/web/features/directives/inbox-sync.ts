import { api } from '../../lib/api.ts';
import { badgeOf } from './action-queue.ts';
import { setBadge } from './badge.ts';
import { cacheKeys, openDirectivesStore } from './store.ts';
import { getActionsState, subscribeActions } from './sync.ts';
import type { Inbox } from './types.ts';

/**
 * The inbox kept fresh in the background for the badge and for reading offline: read when the app opens, when the
 * connection returns, when the app comes back to the screen, after an acknowledgement went through, and every few
 * minutes while it is on screen. Each fresh answer is kept on the phone (store.ts).
 */
const POLL_MS = 5 * 60_000;

let personId: number | null = null;
let inbox: Inbox | null = null;
let lastVersion = 0;
let poll: ReturnType<typeof setInterval> | undefined;
let unsubscribe: (() => void) | undefined;

function recount(): void {
  if (personId === null || !inbox) return;
  setBadge(personId, badgeOf(inbox.items, getActionsState().waiting));
}

/** An inbox read by a screen: shared, so the badge agrees with what the screen shows. */
export function acceptInbox(by: number, data: Inbox): void {
  if (by !== personId) return;
  inbox = data;
  recount();
}

/** Reads the inbox now (when online) and keeps it. */
export async function refreshInbox(): Promise<void> {
  const by = personId;
  if (by === null || !navigator.onLine) return;
  try {
    const r = await api<Inbox>('GET', '/api/directives?view=inbox');
    if (r.fromCache || by !== personId) return;
    inbox = r.data;
    recount();
    await (await openDirectivesStore()).cache.put(cacheKeys.inbox(by), r.data);
  } catch {
    // Offline or signed out: the last copy stands; the next trigger tries again.
  }
}

const onOnline = () => void refreshInbox();
const onVisible = () => {
  if (document.visibilityState === 'visible') void refreshInbox();
};

export function startInboxSync(by: number): void {
  if (personId === by) return;
  stopInboxSync();
  personId = by;
  void openDirectivesStore()
    .then((s) => s.cache.get<Inbox>(cacheKeys.inbox(by)))
    .then((copy) => {
      if (copy && personId === by && !inbox) {
        inbox = copy.data;
        recount();
      }
    })
    .catch(() => {});
  void refreshInbox();
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  poll = setInterval(() => {
    if (document.visibilityState === 'visible') void refreshInbox();
  }, POLL_MS);
  // What waits on the phone changes the badge at once; an action the server took changes the inbox itself.
  lastVersion = getActionsState().version;
  unsubscribe = subscribeActions(() => {
    recount();
    const v = getActionsState().version;
    if (v !== lastVersion) {
      lastVersion = v;
      void refreshInbox();
    }
  });
}

export function stopInboxSync(): void {
  personId = null;
  inbox = null;
  clearInterval(poll);
  unsubscribe?.();
  unsubscribe = undefined;
  window.removeEventListener('online', onOnline);
  document.removeEventListener('visibilitychange', onVisible);
}
