// The answers these screens read, as types only (`import type`): the zod schemas stay out of the browser's bundle.
export type { Activity, Campaign, CampaignProgress, CreateCampaign, Measure, ProgressRow } from '../../../contracts/campaigns.ts';
export type { EventKind } from '../../../contracts/events.ts';
export type { DirectiveSummary } from '../../../contracts/directives.ts';
export type { UnitDetail, UnitRef } from '../../../contracts/org.ts';

import type { CampaignList, CampaignProgress, Measure } from '../../../contracts/campaigns.ts';
import type { z } from 'zod';

export type CampaignListItem = z.infer<typeof CampaignList>['items'][number];
export type ActivityProgress = CampaignProgress['activities'][number];

/** The measures in the order the form offers them (the contract's list, repeated so zod stays out). */
export const MEASURES = ['events_held', 'people_enrolled', 'directives_done', 'reported'] as const satisfies readonly Measure[];
