import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { DisableResult, Me, Ok, OtpRequest, OtpStarted, VerifyRequest } from '../../../contracts/auth.ts';
import { ErrorBody } from '../../../contracts/errors.ts';
import { PowChallenge, PowPurpose } from '../../../contracts/pow.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { LiveStreams } from '../../platform/http/live-streams.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { recordAuditNow } from '../audit/index.ts';
import { loadTurf } from '../org/index.ts';
import { disablePerson } from './access.service.ts';
import { me } from './me.service.ts';
import { SESSION_COOKIE } from './middleware.ts';
import { OTP_TTL_SECONDS } from './challenges.ts';
import { requestOtp, verifyOtp, type AuthDeps } from './otp.service.ts';
import { issuePow } from './pow.ts';
import { revokeSession } from './sessions.ts';

const ATTEMPT_COOKIE = 'setu_login_attempt';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tags = ['auth'];

export function authRoutes(deps: AuthDeps, opts: { secureCookies: boolean; streams?: LiveStreams }) {
  const r = createRouter();
  const cookie = (maxAge: number, path = '/') => ({ httpOnly: true, sameSite: 'Lax' as const, secure: opts.secureCookies, path, maxAge });

  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/otp',
      tags,
      request: jsonBody(OtpRequest),
      responses: {
        200: jsonResponse(OtpStarted, 'a code was sent if the number may sign in'),
        400: errorResponses[400],
        422: jsonResponse(ErrorBody, 'not a mobile number of the countries Setu texts (phone_not_allowed)'),
        429: jsonResponse(ErrorBody, 'too many attempts (rate_limited), or the hourly SMS budget is spent (sms_budget_exhausted)'),
      },
    }),
    async (c) => {
      const started = await requestOtp(deps, c.req.valid('json').phone, c.get('ip'));
      setCookie(c, ATTEMPT_COOKIE, started.attemptId, cookie(OTP_TTL_SECONDS, '/api/auth'));
      return c.json(started, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/pow',
      tags,
      request: { query: z.object({ purpose: PowPurpose }) },
      responses: { 200: jsonResponse(PowChallenge, 'public: a challenge to solve before asking for a code on a public page'), 400: errorResponses[400] },
    }),
    (c) => c.json(issuePow(deps.sms.pow, c.req.valid('query').purpose), 200, { 'cache-control': 'no-store' }),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/verify',
      tags,
      request: jsonBody(VerifyRequest),
      responses: { 200: jsonResponse(Me, 'signed in; the session cookie is set'), 400: errorResponses[400] },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const attemptId = body.attemptId ?? getCookie(c, ATTEMPT_COOKIE);
      if (!attemptId || !UUID.test(attemptId)) throw new AppError('otp_invalid', 'ask for a code first');
      const session = await verifyOtp(deps, { ...body, attemptId, ip: c.get('ip'), userAgent: c.req.header('user-agent') });
      setCookie(c, SESSION_COOKIE, session.token, cookie(deps.sessionDays * 86_400));
      deleteCookie(c, ATTEMPT_COOKIE, { path: '/api/auth' });
      return c.json(await me(deps, { personId: session.personId, sessionId: session.id, turf: await loadTurf(deps.db, session.personId) }), 200);
    },
  );

  r.openapi(
    createRoute({ method: 'post', path: '/auth/logout', tags, responses: { 200: jsonResponse(Ok, 'signed out'), 401: errorResponses[401] } }),
    async (c) => {
      const actor = actorOf(c);
      await revokeSession(deps.db, actor.sessionId);
      opts.streams?.closeSession(actor.sessionId); // a live coverage stream must not outlive the sign-in that opened it
      await recordAuditNow(deps.db, { actorId: actor.personId, action: 'auth.logout', targetType: 'session', targetId: actor.sessionId, ip: c.get('ip') });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );

  r.openapi(
    createRoute({ method: 'get', path: '/me', tags, responses: { 200: jsonResponse(Me, 'the signed-in person'), 401: errorResponses[401] } }),
    async (c) => c.json(await me(deps, actorOf(c)), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/disable',
      tags: ['people'],
      request: { params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }) },
      responses: { 200: jsonResponse(DisableResult, 'disabled; their sessions have ended'), ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const result = await disablePerson(deps.db, actorOf(c), id, c.get('ip'));
      opts.streams?.closePerson(id);
      return c.json(result, 200);
    },
  );

  return r;
}
