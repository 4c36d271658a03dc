import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/errors.ts';
import { OfficeBearer, UnitId } from '../../../contracts/org.ts';
import { CreatePosition, EndedPosition, PositionId } from '../../../contracts/positions.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import * as positions from './positions.service.ts';
import type { PositionDeps } from './positions.service.ts';

const tags = ['positions'];

/** Appointing people to positions and ending positions; turf and roles are checked in the service. */
export function positionRoutes(deps: PositionDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/positions',
      tags,
      request: { params: z.object({ id: UnitId }), ...jsonBody(CreatePosition) },
      responses: {
        201: jsonResponse(OfficeBearer, 'appointed'),
        ...errorResponses,
        409: jsonResponse(ErrorBody, 'the person already holds this position here (position_exists)'),
      },
    }),
    async (c) => c.json(await positions.createPosition(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 201),
  );

  r.openapi(
    createRoute({
      method: 'delete',
      path: '/positions/{id}',
      tags,
      request: { params: z.object({ id: PositionId }) },
      responses: { 200: jsonResponse(EndedPosition, 'the position has ended'), ...errorResponses },
    }),
    async (c) => c.json(await positions.endPosition(deps, actorOf(c), c.req.valid('param').id, c.get('ip')), 200),
  );

  return r;
}
