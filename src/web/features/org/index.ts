import { lazy } from 'react';

/** The organisation: configured names, the unit browser and coverage. */
export { useOrgMeta, labelOf, roleLabel, type OrgMeta } from './meta.ts';
export { PositionLinks } from './position-links.tsx';
export type { SearchHit } from './types.ts';
/** A search box's value once typing pauses, for other features' searches (the roll call's). */
export { useDebouncedValue } from './debounce.ts';

// The browser and coverage screens are not needed to sign in or see home: they load on demand, keeping the first
// load small on 2G/3G phones.
const loadScreens = () => import('./screens.ts');

/** /units/:id — the organisation browser. */
export const UnitPage = lazy(() => loadScreens().then((m) => ({ default: m.UnitPage })));

/** /units/:id/coverage — booths with a convener, child by child. */
export const CoveragePage = lazy(() => loadScreens().then((m) => ({ default: m.CoveragePage })));

/**
 * The name search, for screens of other features that pick a unit (the directive form). Lazy, so that it and the
 * organisation's messages stay out of the first load; render it inside a Suspense.
 */
export const UnitSearch = lazy(() => import('./unit-search.tsx').then((m) => ({ default: m.UnitSearch })));

/**
 * A form's choice of unit (the person's own units that allow it, or one found by name below them), for the directive
 * and event forms. Lazy like UnitSearch; render it inside a Suspense.
 */
export const UnitChoice = lazy(() => import('./unit-choice.tsx').then((m) => ({ default: m.UnitChoice })));
export type { UnitChoiceLabels } from './unit-choice.tsx';

/** Fetches the screens' code in the background once signed in, so the service worker has it for offline use. */
export function preloadOrgScreens(): void {
  loadScreens().catch(() => {
    // Offline or a new deployment: the screen will try again when it is opened.
  });
}
