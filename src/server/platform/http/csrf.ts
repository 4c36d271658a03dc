import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What an HTML form (or a no-preflight fetch) can send across sites; anything else needs a CORS preflight, which Setu never grants. */
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const mediaTypeOf = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() || undefined;

const refused = (why: string) => new AppError('csrf_refused', `a request that changes something must come from Setu's own pages (${why})`);

/**
 * Refuses a state-changing request that another site's page made with the caller's cookie (CSRF), including a page on
 * another port of the same host, which SameSite cookies let through (the port is not part of a "site").
 *
 * A browser says where a request comes from: `Sec-Fetch-Site` (every current browser on https and on localhost) is
 * taken as it stands; otherwise `Origin` (sent with every non-GET fetch and form post) must be the app's own origin:
 * PUBLIC_URL's, or without it the request's own scheme and host, which is what a page of this server sends. A request
 * with neither came from no browser page (the CLI, curl, another server), or from a browser too old to say: it must
 * then carry a type a page elsewhere could only send after a preflight (JSON, a file's own type), never a form's or none.
 */
export function refuseCrossSite(publicUrl: string | undefined): MiddlewareHandler {
  const publicOrigin = publicUrl === undefined ? undefined : new URL(publicUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined) {
      if (site !== 'same-origin' && site !== 'none') throw refused(`sec-fetch-site: ${site.slice(0, 20)}`);
      return next();
    }
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (origin !== (publicOrigin ?? new URL(c.req.url).origin)) throw refused(`origin: ${origin.slice(0, 100)}`);
      return next();
    }
    const type = mediaTypeOf(c.req.header('content-type'));
    if (type === undefined || FORM_TYPES.has(type))
      throw new AppError(
        'unsupported_media_type',
        'a request that changes something carries JSON (content-type: application/json) or a file with its own type',
      );
    return next();
  };
}
