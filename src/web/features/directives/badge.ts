import { useSyncExternalStore } from 'react';

/**
 * The count on the navigation's "Directives" link: directives that still need the signed-in worker. Part of the first
 * load (it is a few lines); the background sync (background.ts) sets it from the inbox and what waits on the phone.
 * It is kept in localStorage too, so the app opened offline shows the last count at once.
 */
let state: { personId: number | null; count: number } = { personId: null, count: 0 };
const listeners = new Set<() => void>();
const storageKey = (personId: number) => `setu.directives.badge.${personId}`;

function emit() {
  for (const l of listeners) l();
}

/** Sets the count for the signed-in person (ignored if another person has signed in meanwhile). */
export function setBadge(personId: number, count: number): void {
  if (state.personId !== null && state.personId !== personId) return;
  try {
    localStorage.setItem(storageKey(personId), String(count));
  } catch {
    // Storage full or off: the count still shows for this visit.
  }
  if (state.personId === personId && state.count === count) return;
  state = { personId, count };
  emit();
}

/** The signed-in person changed: show their last known count (0 for none). */
export function selectBadgePerson(personId: number | null): void {
  if (state.personId === personId) return;
  let count = 0;
  if (personId !== null) {
    try {
      count = Number(localStorage.getItem(storageKey(personId))) || 0;
    } catch {
      count = 0;
    }
  }
  state = { personId, count };
  emit();
}

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => void listeners.delete(fn);
};
const count = () => state.count;

/** The badge count, re-rendering as it changes. */
export function useDirectiveBadge(): number {
  return useSyncExternalStore(subscribe, count);
}
