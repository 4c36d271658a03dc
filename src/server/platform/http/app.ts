import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { Logger } from '../log.ts';
import { AppError } from './errors.ts';
import type { AppEnv } from './context.ts';
import { timeoutError } from './expensive.ts';
import { refuseCrossSite } from './csrf.ts';
import { selfUrl } from './origin.ts';
import { securityHeaders } from './security-headers.ts';

export type Api = OpenAPIHono<AppEnv>;

/** A signed-in caller was refused (403) or asked for something outside their turf (404). */
export interface Denial {
  actorId: number;
  method: string;
  path: string;
  code: string;
  ip: string;
}

export interface AppOptions {
  log: Logger;
  trustProxy: boolean;
  /** PUBLIC_URL: the app's own origin for the CSRF check, and whether it is served over https (HSTS). */
  publicUrl?: string | undefined;
  /** Where the server listens (`http://HOST:PORT`): links' address when neither PUBLIC_URL nor the connection gives one. */
  listenUrl?: string;
  /** Called for every denial so it can be audited; platform does not know the audit feature. */
  onDenied?: (denial: Denial) => Promise<void>;
  /** Routes that stream a larger body than the 1 MB every other request may carry (an upload read as it arrives). */
  largeBodies?: readonly LargeBody[];
}

/** A route allowed a larger request body: its method, its path as a pattern, and its limit in bytes. */
export interface LargeBody {
  method: string;
  path: RegExp;
  maxSize: number;
}

const MB = 1024 * 1024;

/**
 * The body limit: a declared length is checked as it stands (Node's parser never delivers more than a declared
 * Content-Length), a chunked body is counted as it streams by Hono's bodyLimit. Hono's own first step asks for the body
 * stream, which builds a whole web Request around every request, bodiless GETs included: a tenth of the server's CPU
 * on a small POST. Asking the headers first spares that.
 */
const limitBody = (maxSize: number): MiddlewareHandler<AppEnv> => {
  const tooLarge = () => new AppError('payload_too_large', `request body is larger than ${Math.round(maxSize / MB)} MB`);
  const streamed = bodyLimit({
    maxSize,
    onError: () => {
      throw tooLarge();
    },
  });
  return (c, next) => {
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const declared = c.req.header('content-length');
    if (!chunked && declared !== undefined) {
      if (Number(declared) > maxSize) throw tooLarge();
      return next();
    }
    if (!chunked && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    return streamed(c, next);
  };
};

/** Turns zod's issues into the `{ path, message }` list of the validation error. */
export function issuesOf(error: ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * Where a NUL character sits in validated input (a body, a query, path parameters), or null. PostgreSQL cannot store
 * one in text, so it would fail the statement as a 500; it is refused here once for every route, whatever its schema.
 */
export function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, v] of Object.entries(value)) {
    const found = key.includes('\u0000') ? [...path, key].join('.') : nulPath(v, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/** A router that validates with zod and answers bad input in Setu's one error shape. */
export function createRouter(): Api {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new AppError('validation', 'the request is not valid', issuesOf(result.error));
      const at = nulPath(result.data);
      if (at !== null) throw new AppError('validation', 'the request is not valid', [{ path: at, message: 'contains a NUL character' }]);
    },
  });
}

/**
 * A URL whose percent-encoding does not decode (`/%`, `/%zz`, half a UTF-8 character) or decodes to a NUL is refused
 * before any route reads it: the static files' decodeURIComponent threw on it (a 500).
 */
const refuseBadUrl: MiddlewareHandler<AppEnv> = (c, next) => {
  const url = c.req.url;
  if (url.includes('%')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(url);
    } catch {
      throw new AppError('bad_url', 'the URL has a malformed percent-encoding');
    }
    if (decoded.includes('\u0000')) throw new AppError('bad_url', 'the URL has a NUL character');
  }
  return next();
};

/**
 * The HTTP application: browser security headers, request ids, client address, the CSRF check, a body limit, and the
 * single place where errors become responses. Features add their routers to it.
 */
export function createApp({ log, trustProxy, publicUrl, listenUrl = 'http://127.0.0.1', onDenied, largeBodies = [] }: AppOptions): Api {
  const app = createRouter();
  const ownUrl = selfUrl(publicUrl, listenUrl);
  app.use('*', securityHeaders(publicUrl));
  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || randomUUID());
    // Behind one trusted proxy, the right-most X-Forwarded-For entry is the one the proxy saw; entries to its
    // left are whatever the client wrote.
    const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
    c.set('ip', forwarded || safeRemoteAddress(c));
    c.set('actor', undefined);
    c.set('selfUrl', ownUrl(c));
    await next();
  });
  app.use('*', refuseBadUrl);
  const standard = limitBody(MB);
  const large = largeBodies.map((b) => ({ ...b, limit: limitBody(b.maxSize) }));
  app.use('/api/*', refuseCrossSite(publicUrl));
  app.use('/api/*', (c, next) => (large.find((b) => b.method === c.req.method && b.path.test(c.req.path))?.limit ?? standard)(c, next));
  app.onError(async (raised, c) => {
    const err = timeoutError(raised) ?? raised;
    const actor = c.get('actor');
    if (err instanceof AppError && (err.status === 403 || err.status === 404) && actor && onDenied) {
      await onDenied({ actorId: actor.personId, method: c.req.method, path: c.req.path, code: err.code, ip: c.get('ip') }).catch((e: Error) =>
        log.error({ err: e }, 'denial not audited'),
      );
    }
    if (err instanceof AppError) {
      const retryAfterSeconds = err.retryAfterSeconds;
      if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
      return c.json(
        {
          code: err.code,
          message: err.message,
          ...(err.issues ? { issues: err.issues } : {}),
          ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        },
        err.status,
      );
    }
    if (err instanceof HTTPException && err.status === 400) {
      return c.json({ code: 'bad_json', message: 'the request body is not valid JSON' }, 400);
    }
    if (err instanceof HTTPException && err.status === 415) {
      return c.json({ code: 'unsupported_media_type', message: 'the request body is not of a type this route takes' }, 415);
    }
    if (err instanceof HTTPException) {
      return c.json({ code: 'internal', message: err.message }, err.status as ContentfulStatusCode);
    }
    log.error({ err, requestId: c.get('requestId'), method: c.req.method, route: c.req.routePath }, 'unhandled error');
    return c.json({ code: 'internal', message: 'something went wrong; the request id is ' + c.get('requestId') }, 500);
  });
  app.notFound((c) => c.json({ code: 'not_found', message: 'no such route' }, 404));
  return app;
}

function safeRemoteAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}
