import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CreateGroup, Group, GroupCoverage, GroupId, Groups, GroupsQuery, PatchGroup, Roster } from '../../../../contracts/groups.ts';
import { UnitId } from '../../../../contracts/org.ts';
import { createRouter } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../../platform/http/openapi.ts';
import type { PeopleDeps } from '../deps.ts';
import { groupCoverage } from './coverage.service.ts';
import { createGroup, listGroups, patchGroup } from './groups.service.ts';
import { groupRoster, groupRosterVcard } from './roster.service.ts';

const tags = ['groups'];

/** WhatsApp groups registered per unit, their rosters (whole numbers, audited) and coverage. */
export function groupRoutes(deps: PeopleDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/groups',
      tags,
      request: { params: z.object({ id: UnitId }), query: GroupsQuery },
      responses: { 200: jsonResponse(Groups, 'the groups registered at the unit'), ...errorResponses },
    }),
    async (c) => c.json(await listGroups(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query').includeArchived), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/groups',
      tags,
      request: { params: z.object({ id: UnitId }), ...jsonBody(CreateGroup) },
      responses: { 201: jsonResponse(Group, 'registered'), ...errorResponses },
    }),
    async (c) => c.json(await createGroup(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 201),
  );

  r.openapi(
    createRoute({
      method: 'patch',
      path: '/groups/{id}',
      tags,
      request: { params: z.object({ id: GroupId }), ...jsonBody(PatchGroup) },
      responses: { 200: jsonResponse(Group, 'changed'), ...errorResponses },
    }),
    async (c) => c.json(await patchGroup(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/groups/{id}/roster',
      tags,
      request: { params: z.object({ id: GroupId }) },
      responses: { 200: jsonResponse(Roster, 'the people who may be added, with whole numbers (audited)'), ...errorResponses },
    }),
    async (c) => {
      const roster = await groupRoster(deps, actorOf(c), c.req.valid('param').id, c.get('ip'));
      // Whole numbers: never kept by the browser or the service worker.
      c.header('cache-control', 'no-store');
      return c.json(roster, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/groups/{id}/roster.vcf',
      tags,
      request: { params: z.object({ id: GroupId }) },
      responses: {
        200: { content: { 'text/vcard': { schema: z.string() } }, description: 'the roster as vCard 3.0 contacts (audited)' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const { body, truncated } = await groupRosterVcard(deps, actorOf(c), id, c.get('ip'));
      return c.body(body, 200, {
        'content-type': 'text/vcard; charset=utf-8',
        'content-disposition': `attachment; filename="setu-group-${id}.vcf"`,
        'cache-control': 'no-store',
        ...(truncated ? { 'x-setu-truncated': 'true' } : {}),
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/group-coverage',
      tags,
      request: { params: z.object({ id: UnitId }) },
      responses: { 200: jsonResponse(GroupCoverage, 'group coverage of the unit and each live child, and the first gaps'), ...errorResponses },
    }),
    async (c) => c.json(await groupCoverage(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  return r;
}
