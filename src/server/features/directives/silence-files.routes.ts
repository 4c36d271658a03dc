import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CreateSilence, FileRef, Silence, SilenceId, Silences } from '../../../contracts/directives.ts';
import { UnitId } from '../../../contracts/org.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { fileHeaders } from '../../platform/media/serve.ts';
import type { DirectivesDeps } from './deps.ts';
import { openFile, uploadFile } from './files.service.ts';
import { cancelSilence, declareSilence, listSilences } from './silence.service.ts';

const FileId = z.coerce.number().int().positive().max(2_147_483_647);
const FileQuery = z.object({ name: z.string().trim().min(1).max(200).default('file') });

/** Silence periods (the Election Commission's 48 hours), and the files directives and reports carry. */
export function silenceAndFileRoutes(deps: DirectivesDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/silence-periods',
      tags: ['silence'],
      request: { params: z.object({ id: UnitId }) },
      responses: { 200: jsonResponse(Silences, 'silence periods declared for the unit, inside it or above it'), ...errorResponses },
    }),
    async (c) => c.json(await listSilences(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/silence-periods',
      tags: ['silence'],
      request: { params: z.object({ id: UnitId }), ...jsonBody(CreateSilence) },
      responses: { 201: jsonResponse(Silence, 'declared'), ...errorResponses },
    }),
    async (c) => c.json(await declareSilence(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 201),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/silence-periods/{id}/cancel',
      tags: ['silence'],
      request: { params: z.object({ id: SilenceId }) },
      responses: { 200: jsonResponse(Silence, 'cancelled'), ...errorResponses },
    }),
    async (c) => c.json(await cancelSilence(deps, actorOf(c), c.req.valid('param').id, c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/files',
      tags: ['files'],
      request: {
        query: FileQuery,
        body: {
          content: { 'application/octet-stream': { schema: z.string() } },
          required: true,
          description:
            'the file itself (JPEG, PNG or WebP photo up to 40 megapixels, or a PDF; up to 10 MB), read from its bytes whatever its Content-Type; photos are re-encoded without metadata',
        },
      },
      responses: { 201: jsonResponse(FileRef, 'stored; attach it to a directive or a report by its id'), ...errorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await uploadFile(deps, actor, c.req.valid('query').name, bytes), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/files/{id}',
      tags: ['files'],
      request: { params: z.object({ id: FileId }) },
      responses: { 200: { content: { 'application/octet-stream': { schema: z.string() } }, description: 'the file' }, ...errorResponses },
    }),
    async (c) => {
      const { file, bytes } = await openFile(deps, actorOf(c), c.req.valid('param').id);
      return c.body(new Uint8Array(bytes), 200, fileHeaders(file.name, file.mime, bytes)) as never;
    },
  );

  return r;
}
