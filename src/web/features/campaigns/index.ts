import { lazy } from 'react';

/**
 * Campaigns (अभियान): a calendar of phases (चरण) with activities and their targets (लक्ष्य) down the tree — the list of
 * campaigns that concern the person, the planning form, and a campaign's page with its timeline and progress (प्रगति)
 * per unit below, where leaders adjust targets and units report their figures. The screens are one chunk loaded on
 * demand; the first load carries only the header's link.
 */
export { CampaignsNavLink } from './nav-link.tsx';
export { navMessages as campaignNavMessages } from './nav-messages.ts';

const loadScreens = () => import('./screens.ts');

/** /campaigns — the campaigns that concern the person. */
export const CampaignsPage = lazy(() => loadScreens().then((m) => ({ default: m.CampaignsPage })));
/** /campaigns/new — the planning form. */
export const PlanCampaignPage = lazy(() => loadScreens().then((m) => ({ default: m.PlanCampaignPage })));
/** /campaigns/:id[/units/:unitId] — the timeline and the progress at a unit, child by child. */
export const CampaignPage = lazy(() => loadScreens().then((m) => ({ default: m.CampaignPage })));

/** Fetches the screens' code in the background once signed in, so the service worker has it for offline use. */
export function preloadCampaignScreens(): void {
  loadScreens().catch(() => {
    // Offline or a new deployment: the screen will try again when it is opened.
  });
}
