import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ConfirmPhoneChange, PersonDetail, PersonIdParam, PhoneChangeStarted, RequestPhoneChange } from '../../../../contracts/people.ts';
import { createRouter } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../../platform/http/openapi.ts';
import type { PeopleDeps } from '../deps.ts';
import { confirmPhoneChange, requestPhoneChange } from './phone-change.service.ts';

const tags = ['people'];
const params = z.object({ id: PersonIdParam });

/** A new phone for someone it signs in: a code to the new number first, the change when it comes back. */
export function phoneChangeRoutes(deps: PeopleDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/phone-change',
      tags,
      request: { params, ...jsonBody(RequestPhoneChange) },
      responses: { 202: jsonResponse(PhoneChangeStarted, 'a code was sent to the new number; nothing has changed yet'), ...errorResponses },
    }),
    async (c) => c.json(await requestPhoneChange(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').phone, c.get('ip')), 202),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/phone-change/confirm',
      tags,
      request: { params, ...jsonBody(ConfirmPhoneChange) },
      responses: { 200: jsonResponse(PersonDetail, 'changed; the old number was told and the person’s sessions ended'), ...errorResponses },
    }),
    async (c) => c.json(await confirmPhoneChange(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 200),
  );

  return r;
}
