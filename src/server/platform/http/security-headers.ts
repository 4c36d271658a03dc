import type { MiddlewareHandler } from 'hono';

/**
 * The web app's policy: its own scripts, styles, images, fetches and workers only, no inline script or style, no
 * plugins, no <base> rewriting, forms posting only here, and never inside another site's frame (clickjacking).
 * Styles React sets through `style={…}` go through the CSSOM and are not inline styles to CSP.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** An API answer is data, never a document: opened directly, nothing in it may run or load, nor be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Browser security headers on every answer: the content security policy (the app's for its pages and files, a closed
 * one for the API), nosniff, no Referer (sign-up and check-in links carry tokens in their paths and fragments), no
 * framing; and HSTS when the app is served over https (PUBLIC_URL), so a browser never tries plain http again.
 */
export function securityHeaders(publicUrl: string | undefined): MiddlewareHandler {
  const hsts = publicUrl?.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : undefined;
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const api = c.req.path.startsWith('/api/');
    // A route that set its own policy (a calendar file, a stream) keeps it.
    if (!h.has('content-security-policy')) h.set('content-security-policy', api ? API_CSP : APP_CSP);
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'no-referrer');
    h.set('x-frame-options', 'DENY');
    if (hsts) h.set('strict-transport-security', hsts);
  };
}
