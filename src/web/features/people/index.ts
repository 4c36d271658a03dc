import { lazy } from 'react';

/**
 * People: a unit's registry of workers and supporters, a person's page with consent and data requests, duplicates,
 * bulk import, and WhatsApp groups with their rosters and coverage. None of it is needed to sign in, so it is one
 * chunk loaded on demand, keeping the first load small on 2G/3G phones.
 */
const loadScreens = () => import('./screens.ts');

/** /units/:id/people — the people of a unit's subtree. */
export const PeoplePage = lazy(() => loadScreens().then((m) => ({ default: m.PeoplePage })));

/** /people/:id — one person: details, consent, reveal, edit, export, erase. */
export const PersonPage = lazy(() => loadScreens().then((m) => ({ default: m.PersonPage })));

/** /units/:id/duplicates — likely duplicates to merge or keep apart. */
export const DuplicatesPage = lazy(() => loadScreens().then((m) => ({ default: m.DuplicatesPage })));

/** /units/:id/people/import — a CSV upload with progress and a rejects report. */
export const ImportPage = lazy(() => loadScreens().then((m) => ({ default: m.ImportPage })));

/** /units/:id/positions/import — appointing many office-bearers from a CSV file. */
export const PositionsImportPage = lazy(() => loadScreens().then((m) => ({ default: m.PositionsImportPage })));

/** /units/:id/groups — a unit's WhatsApp groups and, above booths, their coverage below. */
export const GroupsPage = lazy(() => loadScreens().then((m) => ({ default: m.GroupsPage })));

/** /groups/:id/roster — who agreed to be in a group, with one-tap wa.me links. */
export const RosterPage = lazy(() => loadScreens().then((m) => ({ default: m.RosterPage })));

/** Fetches the screens' code in the background once signed in, so the service worker has it for offline use. */
export function preloadPeopleScreens(): void {
  loadScreens().catch(() => {
    // Offline or a new deployment: the screen will try again when it is opened.
  });
}
