import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Consent, Notices, PersonIdParam, Purpose, RecordConsent, WithdrawConsent } from '../../../../contracts/people.ts';
import { createRouter } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../../platform/http/openapi.ts';
import type { PeopleDeps } from '../deps.ts';
import { giveConsent, listNotices, withdraw } from './consent.service.ts';

const tags = ['consent'];
const params = z.object({ id: PersonIdParam });

/** Notices (public) and consent given or withdrawn for a person. */
export function consentRoutes(deps: PeopleDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/notices',
      tags,
      responses: { 200: jsonResponse(Notices, 'the current notice of every purpose, Hindi and English, with its hash') },
    }),
    async (c) => c.json(await listNotices(deps), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/consents',
      tags,
      request: { params, ...jsonBody(RecordConsent) },
      responses: {
        201: jsonResponse(Consent, 'consent recorded (in person)'),
        200: jsonResponse(Consent, 'the person already consents to this purpose; the record stands'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { consent, created } = await giveConsent(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip'));
      return created ? c.json(consent, 201) : c.json(consent, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/consents/{purpose}/withdraw',
      tags,
      request: { params: params.extend({ purpose: Purpose }), ...jsonBody(WithdrawConsent) },
      responses: { 200: jsonResponse(Consent, 'withdrawn, effective at once'), ...errorResponses },
    }),
    async (c) => {
      const { id, purpose } = c.req.valid('param');
      return c.json(await withdraw(deps, actorOf(c), id, purpose, c.req.valid('json').method, c.get('ip')), 200);
    },
  );

  return r;
}
