import { createRoute, z } from '@hono/zod-openapi';
import { CalendarFeed, CalendarFeeds, CreateCalendarFeed } from '../../../../contracts/events.ts';
import { createRouter } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../../platform/http/openapi.ts';
import type { EventsDeps } from '../deps.ts';
import { createFeed, feedCalendar, listFeeds, revokeFeed } from './feeds.service.ts';

const tags = ['events'];

/** Private calendar feeds (iCalendar): made and stopped by their owner; read by a calendar app with the token alone. */
export function calendarRoutes(deps: EventsDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({ method: 'get', path: '/calendar-feeds', tags, responses: { 200: jsonResponse(CalendarFeeds, 'your feeds'), ...errorResponses } }),
    async (c) => c.json({ items: await listFeeds(deps.db, deps.cipher, actorOf(c), c.get('selfUrl')) }, 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/calendar-feeds',
      tags,
      request: jsonBody(CreateCalendarFeed),
      responses: { 201: jsonResponse(CalendarFeed, 'a new private address (for a unit in your turf, or your own events)'), ...errorResponses },
    }),
    async (c) => c.json(await createFeed(deps.db, deps.cipher, actorOf(c), c.req.valid('json').unitId, c.get('selfUrl')), 201),
  );

  r.openapi(
    createRoute({
      method: 'delete',
      path: '/calendar-feeds/{id}',
      tags,
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 204: { description: 'stopped: its address answers 404 from now on' }, ...errorResponses },
    }),
    async (c) => {
      await revokeFeed(deps.db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/calendar/{file}',
      tags,
      request: {
        params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }),
        query: z.object({ lang: z.enum(['hi', 'en']).default('hi') }),
      },
      responses: {
        200: { content: { 'text/calendar': { schema: z.string() } }, description: 'the events as iCalendar (RFC 5545); no sign-in, the token is the key' },
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const token = c.req.valid('param').file.slice(0, -'.ics'.length);
      const body = await feedCalendar(deps.db, token, c.req.valid('query').lang, c.get('selfUrl'));
      return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' });
    },
  );
  return r;
}
