import { createRoute } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { MyChannels, PushSubscribed, PushSubscription, PushUnsubscribe, PushUnsubscribed, SetMyChannels, VapidPublicKey } from '../../../contracts/delivery.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { myChannels, setMyChannels } from './my-channels.service.ts';
import { subscribePush, unsubscribePush } from './push.service.ts';

/** What the delivery routes need from the composition root. */
export interface DeliveryDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  /** The VAPID public key browsers subscribe with; absent when this server sends no Web Push. */
  vapidPublicKey?: string | undefined;
}

const tags = ['delivery'];
const authOnly = { 400: errorResponses[400], 401: errorResponses[401] };

/** The signed-in person's own ways to be reached: push subscriptions (and the key to make one with), SMS, email. */
export function deliveryRoutes(deps: DeliveryDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/push/vapid-public-key',
      tags,
      responses: { 200: jsonResponse(VapidPublicKey, 'the key to pass to PushManager.subscribe, or null: no push here'), 401: errorResponses[401] },
    }),
    (c) => {
      actorOf(c);
      return c.json({ publicKey: deps.vapidPublicKey ?? null }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/me/push-subscriptions',
      tags,
      request: jsonBody(PushSubscription),
      responses: {
        201: jsonResponse(PushSubscribed, 'this browser now gets the caller’s push messages'),
        200: jsonResponse(PushSubscribed, 'already registered for the caller; keys refreshed'),
        ...authOnly,
      },
    }),
    async (c) => {
      const { created } = await subscribePush(deps, actorOf(c), c.req.valid('json'), c.get('ip'));
      return c.json({ ok: true as const }, created ? 201 : 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'delete',
      path: '/me/push-subscriptions',
      tags,
      request: jsonBody(PushUnsubscribe),
      responses: { 200: jsonResponse(PushUnsubscribed, 'the caller’s subscription at this endpoint is gone (removed: false if there was none)'), ...authOnly },
    }),
    async (c) => c.json(await unsubscribePush(deps, actorOf(c), c.req.valid('json').endpoint, c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/me/channels',
      tags,
      responses: { 200: jsonResponse(MyChannels, 'how the caller is reached outside the app, addresses masked'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await myChannels(deps, actorOf(c)), 200),
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/me/channels',
      tags,
      request: jsonBody(SetMyChannels),
      responses: { 200: jsonResponse(MyChannels, 'changed'), ...authOnly },
    }),
    async (c) => c.json(await setMyChannels(deps, actorOf(c), c.req.valid('json'), c.get('ip')), 200),
  );

  return r;
}
