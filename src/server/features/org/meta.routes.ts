import { createRoute } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { OrgMeta } from '../../../contracts/org.ts';
import type { Schema } from '../../platform/db/index.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.ts';
import { orgMeta } from './meta.service.ts';

/** The organisation's configuration for any signed-in person: it names no object, so it has no turf to check. */
export function metaRoutes(deps: { db: Kysely<Schema> }) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/org/meta',
      tags: ['org'],
      responses: { 200: jsonResponse(OrgMeta, 'levels, roles and departments with their names'), 401: errorResponses[401] },
    }),
    async (c) => {
      actorOf(c);
      return c.json(await orgMeta(deps.db), 200);
    },
  );
  return r;
}
