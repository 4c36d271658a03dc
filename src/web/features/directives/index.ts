import { lazy } from 'react';
import { selectBadgePerson } from './badge.ts';

/**
 * Directives (निर्देश): the worker's inbox and a directive's page (both readable offline, acknowledgements and reports
 * queued on the phone), issuing with a preview, live progress for leaders, and silence periods. The screens are one
 * chunk loaded on demand; the first load carries only the header's link with its badge.
 */
export { DirectivesNavLink } from './nav-link.tsx';
export { useDirectiveBadge } from './badge.ts';
export { UnitDirectiveLinks } from './unit-links.tsx';
export { navMessages as directiveNavMessages } from './nav-messages.ts';

const loadScreens = () => import('./screens.ts');

/** /directives — the inbox. */
export const InboxPage = lazy(() => loadScreens().then((m) => ({ default: m.InboxPage })));
/** /directives/sent — what a leader sent or follows, with completion. */
export const SentPage = lazy(() => loadScreens().then((m) => ({ default: m.SentPage })));
/** /directives/new — the issue form with its preview. */
export const IssuePage = lazy(() => loadScreens().then((m) => ({ default: m.IssuePage })));
/** /directives/:id — one directive, with acknowledging and reporting. */
export const DirectivePage = lazy(() => loadScreens().then((m) => ({ default: m.DirectivePage })));
/** /directives/:id/coverage[/:unitId] — live progress below a unit. */
export const DirectiveCoveragePage = lazy(() => loadScreens().then((m) => ({ default: m.DirectiveCoveragePage })));
/** /units/:id/silence — a unit's silence periods. */
export const SilencePage = lazy(() => loadScreens().then((m) => ({ default: m.SilencePage })));

/** Fetches the screens' code in the background once signed in, so the service worker has it for offline use. */
export function preloadDirectiveScreens(): void {
  loadScreens().catch(() => {
    // Offline or a new deployment: the screen will try again when it is opened.
  });
}

/**
 * For the signed-in worker, once the app is up: the badge they last saw at once, then (in the background) what waited
 * on the phone is sent and the inbox is read and kept for offline use.
 */
export function startDirectives(personId: number): void {
  selectBadgePerson(personId);
  import('./background.ts')
    .then((m) => m.startInBackground(personId))
    .catch(() => {
      // Offline with the code never fetched: the directive screens start it when they open.
    });
}

/** Signed out: nothing more is sent; the waiting actions stay on the phone for their worker. */
export function stopDirectives(): void {
  selectBadgePerson(null);
  import('./background.ts').then((m) => m.stopInBackground()).catch(() => {});
}

/** How many acknowledgements and reports of this worker still wait on the phone (signing out says so). */
export async function waitingDirectiveActions(personId: number): Promise<number> {
  return (await import('./background.ts')).waiting(personId);
}

/** Signing out: this person's copies of directives leave the phone (their waiting actions stay). */
export async function forgetDirectives(personId: number): Promise<void> {
  await (await import('./background.ts')).forget(personId);
}
