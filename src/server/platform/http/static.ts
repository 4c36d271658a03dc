import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built web app from `dir` for every GET outside /api: files as they are (hashed assets cached for a
 * year, the page and the service worker always revalidated), and index.html for any other path, since the app
 * routes on the client. Without a build it says how to make one.
 */
export function serveWebApp(dir: string): MiddlewareHandler {
  const root = normalize(dir + sep);
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.req.path.startsWith('/api/')) return next();
    if (!existsSync(join(root, 'index.html'))) return c.text('The web app is not built yet: run `npm run build` (npm start does it for you).', 503);
    const wanted = normalize(join(root, decodeURIComponent(c.req.path)));
    const file = wanted.startsWith(root) && (await stat(wanted).catch(() => null))?.isFile() ? wanted : join(root, 'index.html');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file.startsWith(join(root, 'assets') + sep);
    return c.body(new Uint8Array(await readFile(file)), 200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
  };
}
