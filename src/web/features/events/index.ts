import { lazy } from 'react';

/**
 * Events (कार्यक्रम): meetings, workshops and training camps — the person's list with RSVP and calendar feeds, the
 * create form (also "at every shakti kendra"), an event's page with the organiser's check-in QR, roll call (ticks
 * queued on the phone offline), walk-ins and record, the roll-up of a fanned-out event, and QR check-in. The screens
 * are one chunk loaded on demand; the first load carries only the header's link.
 */
export { EventsNavLink } from './nav-link.tsx';
export { navMessages as eventNavMessages } from './nav-messages.ts';

const loadScreens = () => import('./screens.ts');

/** /events — the person's events. */
export const EventsPage = lazy(() => loadScreens().then((m) => ({ default: m.EventsPage })));
/** /events/new — the create form. */
export const NewEventPage = lazy(() => loadScreens().then((m) => ({ default: m.NewEventPage })));
/** /events/:id — one event, and running it. */
export const EventPage = lazy(() => loadScreens().then((m) => ({ default: m.EventPage })));
/** /events/:id/rollup[/:unitId] — where a fanned-out event was held. */
export const EventRollupPage = lazy(() => loadScreens().then((m) => ({ default: m.EventRollupPage })));
/** /events/:id/checkin#t=… — the address a check-in QR holds. */
export const CheckinPage = lazy(() => loadScreens().then((m) => ({ default: m.CheckinPage })));
/** On a person's record: the events they attended. */
export const AttendedEvents = lazy(() => loadScreens().then((m) => ({ default: m.AttendedEvents })));

/** Fetches the screens' code in the background once signed in, so the service worker has it for offline use. */
export function preloadEventScreens(): void {
  loadScreens().catch(() => {
    // Offline or a new deployment: the screen will try again when it is opened.
  });
}

/** For the signed-in person, once the app is up: roll-call marks that waited on the phone are sent (in the background). */
export function startEvents(personId: number): void {
  import('./background.ts')
    .then((m) => m.startInBackground(personId))
    .catch(() => {
      // Offline with the code never fetched: the event screens start it when they open.
    });
}

/** Signed out: nothing more is sent; the waiting marks stay on the phone for their organiser. */
export function stopEvents(): void {
  import('./background.ts').then((m) => m.stopInBackground()).catch(() => {});
}

/** How many roll-call marks of this person still wait on the phone (signing out says so). */
export async function waitingEventMarks(personId: number): Promise<number> {
  return (await import('./background.ts')).waiting(personId);
}
