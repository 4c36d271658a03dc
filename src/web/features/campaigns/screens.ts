/** The campaigns' screens, loaded on demand as one chunk (see index.ts), with their styles. */
import './campaigns.css';

export { CampaignsPage } from './list-page.tsx';
export { PlanCampaignPage } from './plan-page.tsx';
export { CampaignPage } from './campaign-page.tsx';
