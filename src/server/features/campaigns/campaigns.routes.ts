import { createRoute, z } from '@hono/zod-openapi';
import { Campaign, CampaignId, CampaignList, CampaignProgress, CreateCampaign, ReportFigure, SetTargets } from '../../../contracts/campaigns.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { reportFigure, setTargets } from './adjust.service.ts';
import { createCampaign } from './create.service.ts';
import type { CampaignsDeps } from './deps.ts';
import { campaignPhaseEntries } from './calendar.ts';
import { registerCalendarSource } from '../events/index.ts';
import { campaignProgress } from './progress.service.ts';
import { campaignDetail, listCampaigns } from './read.service.ts';

const tags = ['campaigns'];
const params = z.object({ id: CampaignId });
const activityParams = z.object({ id: CampaignId, activityId: CampaignId });
const Updated = z.object({ updated: z.number().int() });

/** Campaigns: plan (phases, activities, targets at a level), follow (target vs achieved per child), adjust and report. */
export function campaignRoutes(deps: CampaignsDeps) {
  const r = createRouter();
  const { db } = deps;
  // The phases show in calendar feeds beside the events.
  registerCalendarSource(campaignPhaseEntries);

  r.openapi(
    createRoute({
      method: 'post',
      path: '/campaigns',
      tags,
      request: jsonBody(CreateCampaign),
      responses: {
        201: jsonResponse(Campaign, 'planned; its counts follow within seconds'),
        200: jsonResponse(Campaign, 'already planned with this clientKey: nothing changed'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id, created } = await createCampaign(deps, actor, c.req.valid('json'));
      return c.json(await campaignDetail(db, actor, id), created ? 201 : 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/campaigns',
      tags,
      responses: { 200: jsonResponse(CampaignList, 'campaigns in your turf or above it'), ...errorResponses },
    }),
    async (c) => c.json({ items: await listCampaigns(db, actorOf(c)) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{id}',
      tags,
      request: { params },
      responses: { 200: jsonResponse(Campaign, 'the campaign’s calendar'), ...errorResponses },
    }),
    async (c) => c.json(await campaignDetail(db, actorOf(c), c.req.valid('param').id), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{id}/progress',
      tags,
      request: { params, query: z.object({ unitId: z.coerce.number().int().positive().optional() }) },
      responses: { 200: jsonResponse(CampaignProgress, 'target vs achieved per activity at the unit and per child, furthest behind first'), ...errorResponses },
    }),
    async (c) => c.json(await campaignProgress(db, actorOf(c), c.req.valid('param').id, c.req.valid('query').unitId), 200),
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/campaigns/{id}/activities/{activityId}/targets',
      tags,
      request: { params: activityParams, ...jsonBody(SetTargets) },
      responses: { 200: jsonResponse(Updated, 'the targets replace the split for those units'), ...errorResponses },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid('param');
      return c.json(await setTargets(db, actorOf(c), id, activityId, c.req.valid('json').targets), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/activities/{activityId}/reports',
      tags,
      request: { params: activityParams, ...jsonBody(ReportFigure) },
      responses: { 200: jsonResponse(Updated, 'the unit’s figure, replacing its last one'), ...errorResponses },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid('param');
      const { unitId, value } = c.req.valid('json');
      return c.json(await reportFigure(db, actorOf(c), id, activityId, unitId, value), 200);
    },
  );
  return r;
}
