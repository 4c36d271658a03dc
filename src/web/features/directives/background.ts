import { openDirectivesStore } from './store.ts';
import { startInboxSync, stopInboxSync } from './inbox-sync.ts';
import { startActions, stopActions } from './sync.ts';

/** What runs for a signed-in worker whatever screen is open (loaded on demand by index.ts). */
export function startInBackground(personId: number): void {
  startActions(personId);
  startInboxSync(personId);
}

export function stopInBackground(): void {
  stopInboxSync();
  stopActions();
}

/** Signing out: the copies of this person's directives leave the phone; their waiting actions stay for them. */
export async function forget(personId: number): Promise<void> {
  await (await openDirectivesStore()).cache.clear(personId);
}

/** How many of this worker's acknowledgements and reports still wait on the phone. */
export async function waiting(personId: number): Promise<number> {
  return (await (await openDirectivesStore()).actions.all()).filter((a) => a.by === personId && !a.rejected).length;
}
