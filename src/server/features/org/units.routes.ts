import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Coverage, CoverageQuery } from '../../../contracts/coverage.ts';
import {
  ChildrenQuery,
  CreateUnit,
  MoveResult,
  MoveUnit,
  PatchUnit,
  SearchQuery,
  SearchResult,
  Unit,
  UnitChildren,
  UnitDetail,
  UnitId,
} from '../../../contracts/org.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { unitCoverage } from './coverage.service.ts';
import { searchUnits } from './search.service.ts';
import * as units from './units.service.ts';
import type { OrgDeps } from './units.service.ts';

const params = z.object({ id: UnitId });
const tags = ['units'];

/** Thin routes: validate, take the caller, call the service, answer. Turf and roles are checked in the service. */
export function unitRoutes(deps: OrgDeps) {
  const r = createRouter();

  // Before /units/{id}, which would otherwise take "search" for an id and refuse it.
  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/search',
      tags,
      request: { query: SearchQuery },
      responses: { 200: jsonResponse(SearchResult, 'units in your turf whose English or Hindi name matches, best first'), ...errorResponses },
    }),
    async (c) => c.json(await searchUnits(deps, actorOf(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({ method: 'get', path: '/units/{id}', tags, request: { params }, responses: { 200: jsonResponse(UnitDetail, 'the unit'), ...errorResponses } }),
    async (c) => c.json(await units.getUnit(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/children',
      tags,
      request: { params, query: ChildrenQuery },
      responses: { 200: jsonResponse(UnitChildren, 'children, each with its count of booths'), ...errorResponses },
    }),
    async (c) => c.json(await units.listUnitChildren(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/coverage',
      tags,
      request: { params, query: CoverageQuery },
      responses: { 200: jsonResponse(Coverage, 'per child: booths, and how many have someone in the head role'), ...errorResponses },
    }),
    async (c) => c.json(await unitCoverage(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({ method: 'post', path: '/units', tags, request: jsonBody(CreateUnit), responses: { 201: jsonResponse(Unit, 'created'), ...errorResponses } }),
    async (c) => c.json(await units.createUnit(deps, actorOf(c), c.req.valid('json'), c.get('ip')), 201),
  );

  r.openapi(
    createRoute({
      method: 'patch',
      path: '/units/{id}',
      tags,
      request: { params, ...jsonBody(PatchUnit) },
      responses: { 200: jsonResponse(Unit, 'renamed, recoded or (un)archived'), ...errorResponses },
    }),
    async (c) => c.json(await units.patchUnit(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/move',
      tags,
      request: { params, ...jsonBody(MoveUnit) },
      responses: { 200: jsonResponse(MoveResult, 'the subtree now sits under the new parent'), ...errorResponses },
    }),
    async (c) => c.json(await units.moveUnit(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 200),
  );

  return r;
}
