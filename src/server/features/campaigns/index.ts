/** Campaigns: a calendar of phases with activities and targets down the tree, and progress counted from what happened. */
import { campaignRoutes } from './campaigns.routes.ts';
import type { CampaignsDeps } from './deps.ts';
import { startRefresher } from './refresher.ts';

export type { CampaignsDeps } from './deps.ts';
export { refreshDue } from './refresher.ts';
export { indianDay, refreshActivity } from './figures.repo.ts';
export { addDemoCampaign } from './demo.ts';

export const campaignsRoutes = campaignRoutes;

/** The background work: recounting running campaigns' progress. */
export function startCampaignJobs(deps: CampaignsDeps, options: { refreshMs?: number } = {}) {
  return startRefresher(deps, options.refreshMs);
}
