import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/errors.ts';
import { OfficeBearer, UnitId } from '../../../contracts/org.ts';
import { CreatePosition, EndedPosition, PositionId } from '../../../contracts/positions.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { PositionsImportLine } from '../../../contracts/positions-import.ts';
import { expensive } from '../../platform/http/expensive.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { importPositionsUpload } from './positions-csv/upload.ts';
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

  // Appointing a region's office-bearers at once: as people imports, one at a time per person (platform/http/expensive.ts).
  r.use('/units/:id/positions/import', expensive('positions_import'));
  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/positions/import',
      tags,
      request: {
        params: z.object({ id: UnitId }),
        body: {
          content: { 'text/csv': { schema: z.string() } },
          required: true,
          description: 'the positions CSV (unit_code,role,department,name,phone), streamed',
        },
      },
      responses: {
        200: {
          content: { 'application/x-ndjson': { schema: PositionsImportLine } },
          description: 'one JSON object per line as the import runs: progress lines, then the summary (or an error line)',
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const stream = await importPositionsUpload(deps, actorOf(c), c.req.valid('param').id, c.req.raw.body, c.get('ip'));
      // The document describes each line (PositionsImportLine); the typed router cannot see that a stream carries them.
      return c.body(stream, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }) as never;
    },
  );

  return r;
}
