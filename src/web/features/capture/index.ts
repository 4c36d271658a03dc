import { lazy } from 'react';

/**
 * Capture: the door-to-door form that works offline (its queue sends entries when it can) and the public self
 * sign-up page. Both screens are lazy chunks, so neither weighs on the first load; the sign-up page's chunk carries
 * nothing of the form, for citizens opening it on 2G.
 */
export { AddPeopleLink } from './add-people-link.tsx';

const loadForm = () => import('./form/capture-page.tsx');

/** /units/:id/capture — the door-to-door form. */
export const CapturePage = lazy(() => loadForm().then((m) => ({ default: m.CapturePage })));

/** /join/:token — a unit's public sign-up page; works signed out. */
export const SignupPage = lazy(() => import('./signup/signup-page.tsx').then((m) => ({ default: m.SignupPage })));

/** /withdraw — withdrawing consent by phone and code; works signed out. */
export const WithdrawPage = lazy(() => import('./signup/withdraw-page.tsx').then((m) => ({ default: m.WithdrawPage })));

/**
 * For the signed-in worker, once the app is up: sends what waited on the phone since the last visit (and from then on
 * whenever the connection returns), keeps the notices on the phone, and fetches the form's code, so that the form
 * opens and records consent with no connection later.
 */
export function startCapture(personId: number): void {
  import('./background.ts')
    .then((m) => m.startInBackground(personId))
    .catch(() => {
      // Offline with the code never fetched: the form will start the queue when it opens.
    });
  // After the first screen is up, like the organisation screens.
  setTimeout(() => loadForm().catch(() => {}), 2000);
}

/** Signed out: nothing more is sent; the entries stay on the phone for their worker. */
export function stopCapture(): void {
  import('./background.ts').then((m) => m.stopInBackground()).catch(() => {});
}

/**
 * How many of this worker's entries still wait on the phone, so signing out can say so: they stay on the device
 * (for the same worker's next sign-in), and on a shared phone that is worth knowing before handing it over.
 */
export async function waitingEntries(personId: number): Promise<number> {
  const [{ openQueueStore }, { entriesOf }] = await Promise.all([import('./store.ts'), import('./queue.ts')]);
  const store = await openQueueStore();
  return entriesOf(await store.all(), personId).length;
}
