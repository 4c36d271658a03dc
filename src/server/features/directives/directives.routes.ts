import { createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import {
  AckBody,
  Coverage,
  CoverageQuery,
  Directive,
  DirectiveDelivery,
  DirectiveDeliveryQuery,
  DirectiveId,
  DoneBody,
  Inbox,
  InboxQuery,
  IssueDirective,
  Laggards,
  LaggardsQuery,
  MyUnit,
  Preview,
  PreviewRequest,
  Reports,
  UnitTarget,
} from '../../../contracts/directives.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { sessionCaller } from '../auth/index.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { acknowledger, markDone } from './act.service.ts';
import { directiveCoverage, directiveLaggards, directiveReports } from './coverage.service.ts';
import { coverageFollower } from './coverage-stream.ts';
import type { LiveStreams } from '../../platform/http/live-streams.ts';
import type { DirectivesDeps } from './deps.ts';
import { listDirectives } from './inbox.service.ts';
import { directiveOutreach } from './outreach.service.ts';
import { cancelDirective, issueDirective, previewAudience } from './issue.service.ts';
import { getDirective } from './read.service.ts';

const tags = ['directives'];
const params = z.object({ id: DirectiveId });

/**
 * The acknowledgement checks its caller's session in its own statement (the busiest write of all, every booth at
 * once; see acknowledgeMany), so the authentication middleware leaves it alone.
 */
export const checksOwnSession = (method: string, path: string) => method === 'POST' && /^\/api\/directives\/\d+\/units\/\d+\/ack$/.test(path);

/** Directives: preview, issue, the inbox, acknowledging and reporting, and coverage (also as a live stream). */
export function directiveRoutes(deps: DirectivesDeps, streams: LiveStreams) {
  const r = createRouter();
  const acknowledge = acknowledger(deps);

  r.openapi(
    createRoute({
      method: 'post',
      path: '/directives/preview',
      tags,
      request: jsonBody(PreviewRequest),
      responses: { 200: jsonResponse(Preview, 'how many units and people a send would reach, and who it would miss'), ...errorResponses },
    }),
    async (c) => {
      const { unitId, audience } = c.req.valid('json');
      return c.json(await previewAudience(deps, actorOf(c), unitId, audience), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/directives',
      tags,
      request: jsonBody(IssueDirective),
      responses: {
        201: jsonResponse(Directive, 'issued to every target unit'),
        200: jsonResponse(Directive, 'already issued with this clientKey: nothing changed'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { directive, created } = await issueDirective(deps, actorOf(c), c.req.valid('json'), c.get('ip'));
      return created ? c.json(directive, 201) : c.json(directive, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/directives',
      tags,
      request: { query: InboxQuery },
      responses: { 200: jsonResponse(Inbox, 'the inbox (what reaches your units) or the directives you follow (view=sent)'), ...errorResponses },
    }),
    async (c) => c.json(await listDirectives(deps, actorOf(c), c.req.valid('query').view), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/directives/{id}',
      tags,
      request: { params },
      responses: { 200: jsonResponse(Directive, 'the directive, with your own units and their reports'), ...errorResponses },
    }),
    async (c) => c.json(await getDirective(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/directives/{id}/cancel',
      tags,
      request: { params },
      responses: { 200: jsonResponse(Directive, 'withdrawn: gone from every inbox, no more acknowledgements (again: unchanged)'), ...errorResponses },
    }),
    async (c) => c.json(await cancelDirective(deps, actorOf(c), c.req.valid('param').id, c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/directives/{directiveId}/units/{unitId}/ack',
      tags,
      request: { params: UnitTarget, ...jsonBody(AckBody) },
      responses: { 200: jsonResponse(MyUnit, 'acknowledged for the unit (again: unchanged)'), ...errorResponses },
    }),
    async (c) => {
      const { directiveId, unitId } = c.req.valid('param');
      return c.json(await acknowledge(sessionCaller(c, deps.db), directiveId, unitId, c.req.valid('json').at), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/directives/{directiveId}/units/{unitId}/done',
      tags,
      request: { params: UnitTarget, ...jsonBody(DoneBody) },
      responses: { 200: jsonResponse(MyUnit, 'done, with the report (again: unchanged)'), ...errorResponses },
    }),
    async (c) => {
      const { directiveId, unitId } = c.req.valid('param');
      return c.json(await markDone(deps, actorOf(c), directiveId, unitId, c.req.valid('json')), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/directives/{id}/coverage',
      tags,
      request: { params, query: CoverageQuery },
      responses: { 200: jsonResponse(Coverage, 'progress at the unit and per child, overdue first'), ...errorResponses },
    }),
    async (c) => c.json(await directiveCoverage(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query').unitId), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/directives/{id}/coverage/stream',
      tags,
      request: { params, query: CoverageQuery },
      responses: {
        200: { content: { 'text/event-stream': { schema: Coverage } }, description: 'server-sent events: a `coverage` event now and whenever it changes' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const id = c.req.valid('param').id;
      const unitId = c.req.valid('query').unitId;
      const read = () => directiveCoverage(deps, actor, id, unitId);
      const lease = streams.open(actor); // 429 beyond the caller's share
      const follower = coverageFollower(deps.events, id, read, deps.log);
      let first: Awaited<ReturnType<typeof read>>;
      try {
        first = await read(); // checks access before the stream opens
      } catch (error) {
        lease.release();
        await follower.stop();
        throw error;
      }
      return streamSSE(c, async (stream) => {
        follower.start(stream, first);
        const heartbeat = setInterval(() => void stream.writeSSE({ event: 'ping', data: '' }).catch(() => {}), 15_000);
        // Until the client leaves, or the lease ends (lifetime over: EventSource opens a new one, checked afresh;
        // session ended: the new one is refused).
        await Promise.race([new Promise<void>((resolve) => stream.onAbort(resolve)), lease.ended]);
        clearInterval(heartbeat);
        lease.release();
        await follower.stop();
      }) as never;
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/directives/{id}/delivery',
      tags,
      request: { params, query: DirectiveDeliveryQuery },
      responses: {
        200: jsonResponse(DirectiveDelivery, 'its messages outside the app and the deliveries that failed for good (its issuer, or who may issue at its unit)'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await directiveOutreach(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/directives/{id}/laggards',
      tags,
      request: { params, query: LaggardsQuery },
      responses: { 200: jsonResponse(Laggards, 'target units below the unit that are not complete, with their holders'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await directiveLaggards(deps, actorOf(c), c.req.valid('param').id, q.unitId, q.limit), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/directives/{id}/reports',
      tags,
      request: { params, query: LaggardsQuery },
      responses: { 200: jsonResponse(Reports, 'reports from the target units below the unit, newest first'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await directiveReports(deps, actorOf(c), c.req.valid('param').id, q.unitId, q.limit), 200);
    },
  );

  return r;
}
