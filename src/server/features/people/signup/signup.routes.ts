import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ErrorBody } from '../../../../contracts/errors.ts';
import { UnitId } from '../../../../contracts/org.ts';
import {
  PublicWithdraw,
  PublicWithdrawn,
  SignupCodeRequest,
  SignupCodeSent,
  SignupJoin,
  SignupJoined,
  SignupLink,
  SignupPage,
  WithdrawCodeRequest,
  WithdrawCodeSent,
} from '../../../../contracts/signup.ts';
import { createRouter } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../../platform/http/openapi.ts';
import type { PeopleDeps } from '../deps.ts';
import { joinBySignup, requestSignupCode, signupPage } from './join.service.ts';
import { createSignupLink, getSignupLink, revokeSignupLink, signupQr } from './links.service.ts';
import { requestWithdrawCode, withdrawByPhone } from './withdraw.service.ts';

const tags = ['signup'];
/** A token as links carry it; anything else is simply not found. */
const token = z.object({ token: z.string().min(1).max(100) });
const publicErrors = {
  400: errorResponses[400],
  404: jsonResponse(ErrorBody, 'no such live sign-up link'),
  429: jsonResponse(ErrorBody, 'too many attempts (rate_limited), or the hourly SMS budget is spent (sms_budget_exhausted)'),
} as const;
/** The code requests: a number no code may be texted to, and a missing or bad proof of work, besides. */
const codeErrors = {
  ...publicErrors,
  400: jsonResponse(ErrorBody, 'validation, or no valid proof of work (pow_invalid)'),
  422: jsonResponse(ErrorBody, 'not a mobile number of the countries Setu texts (phone_not_allowed)'),
} as const;

/** Sign-up links per unit (signed in), the public sign-up page, and public withdrawal of consent. */
export function signupRoutes(deps: PeopleDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/signup-link',
      tags,
      request: { params: z.object({ id: UnitId }) },
      responses: { 200: jsonResponse(SignupLink.nullable(), 'the live sign-up link, or null when the unit has none'), ...errorResponses },
    }),
    async (c) => c.json(await getSignupLink(deps, actorOf(c), c.req.valid('param').id, c.get('selfUrl')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/signup-link',
      tags,
      request: { params: z.object({ id: UnitId }) },
      responses: { 201: jsonResponse(SignupLink, 'made'), 200: jsonResponse(SignupLink, 'the unit already had a live link: that one'), ...errorResponses },
    }),
    async (c) => {
      const { link, created } = await createSignupLink(deps, actorOf(c), c.req.valid('param').id, c.get('selfUrl'), c.get('ip'));
      return created ? c.json(link, 201) : c.json(link, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'delete',
      path: '/units/{id}/signup-link',
      tags,
      request: { params: z.object({ id: UnitId }) },
      responses: { 200: jsonResponse(z.object({ revokedAt: z.string() }), 'revoked: the URL and QR code stop working'), ...errorResponses },
    }),
    async (c) => c.json(await revokeSignupLink(deps, actorOf(c), c.req.valid('param').id, c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/signup-link/qr.svg',
      tags,
      request: { params: z.object({ id: UnitId }) },
      responses: { 200: { content: { 'image/svg+xml': { schema: z.string() } }, description: 'the live link as a QR code' }, ...errorResponses },
    }),
    async (c) => {
      const svg = await signupQr(deps, actorOf(c), c.req.valid('param').id, c.get('selfUrl'));
      return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, no-cache' });
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/signup/{token}',
      tags,
      request: { params: token },
      responses: { 200: jsonResponse(SignupPage, 'public: the unit and the notices to read'), ...publicErrors },
    }),
    async (c) => c.json(await signupPage(deps, c.req.valid('param').token), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/signup/{token}/code',
      tags,
      request: { params: token, ...jsonBody(SignupCodeRequest) },
      responses: { 200: jsonResponse(SignupCodeSent, 'public: a code was sent to the phone'), ...codeErrors },
    }),
    async (c) => c.json(await requestSignupCode(deps, c.req.valid('param').token, c.req.valid('json'), c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/signup/{token}',
      tags,
      request: { params: token, ...jsonBody(SignupJoin) },
      responses: {
        200: jsonResponse(SignupJoined, 'public: joined, with the consents given'),
        ...publicErrors,
        422: jsonResponse(ErrorBody, 'a child (child_not_allowed) or an unknown notice version (unknown_notice)'),
      },
    }),
    async (c) => c.json(await joinBySignup(deps, c.req.valid('param').token, c.req.valid('json'), c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/consent/withdraw/code',
      tags: ['consent'],
      request: jsonBody(WithdrawCodeRequest),
      responses: { 200: jsonResponse(WithdrawCodeSent, 'public: the same answer for any number; a code is sent if it is known'), ...codeErrors },
    }),
    async (c) => c.json(await requestWithdrawCode(deps, c.req.valid('json'), c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/consent/withdraw',
      tags: ['consent'],
      request: jsonBody(PublicWithdraw),
      responses: { 200: jsonResponse(PublicWithdrawn, 'public: the consents of every record with the phone are withdrawn'), ...publicErrors },
    }),
    async (c) => c.json(await withdrawByPhone(deps, c.req.valid('json'), c.get('ip')), 200),
  );

  return r;
}
