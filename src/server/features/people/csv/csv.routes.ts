import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { UnitId } from '../../../../contracts/org.ts';
import { ImportLine } from '../../../../contracts/people-import.ts';
import { createRouter } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/context.ts';
import { expensive } from '../../../platform/http/expensive.ts';
import { errorResponses } from '../../../platform/http/openapi.ts';
import type { PeopleDeps } from '../deps.ts';
import { exportForUnit, importForUnit } from './csv.service.ts';

const tags = ['people'];
const params = z.object({ id: UnitId });
/** Where the signed consent forms are and who collected them; required when rows carry consent. Never personal data. */
const ImportQuery = z.object({ evidence: z.string().trim().min(1).max(500).optional() });

/** Bulk import and export of people as CSV (docs/PEOPLE_CSV.md). */
export function csvRoutes(deps: PeopleDeps) {
  const r = createRouter();
  // Both read or write a whole subtree's registry: limited per person, and tied to the request (platform/http/expensive.ts).
  r.use('/units/:id/people/import', expensive('people_import', deps.expensive));
  r.use('/units/:id/people/export', expensive('people_export', deps.expensive));

  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/people/import',
      tags,
      request: {
        params,
        query: ImportQuery,
        body: { content: { 'text/csv': { schema: z.string() } }, required: true, description: 'the people CSV, streamed (up to 100 MB)' },
      },
      responses: {
        200: {
          content: { 'application/x-ndjson': { schema: ImportLine } },
          description: 'one JSON object per line as the import runs: progress lines, then the summary (or an error line)',
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const stream = await importForUnit(deps, actorOf(c), c.req.valid('param').id, c.req.raw.body, c.req.valid('query'), c.get('ip'));
      // The document describes each line (ImportLine); the typed router cannot see that a stream carries them.
      return c.body(stream, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }) as never;
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/people/export',
      tags,
      request: { params },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'people in the subtree with whole numbers, in the import format (audited)' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { body, fileName } = await exportForUnit(deps, actorOf(c), c.req.valid('param').id, c.get('ip'));
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      });
    },
  );

  return r;
}
