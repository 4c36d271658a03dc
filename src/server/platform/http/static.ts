import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
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

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.txt']);

/** Compressed copies, made once per file version: on 2G every kilobyte of the first load counts. */
const compressed = new Map<string, { mtime: number; br: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }>();

async function bodyFor(file: string, acceptEncoding: string): Promise<{ body: Uint8Array<ArrayBuffer>; encoding?: 'br' | 'gzip' }> {
  const raw = new Uint8Array(await readFile(file));
  if (!COMPRESSIBLE.has(extname(file)) || raw.length < 1024) return { body: raw };
  const mtime = (await stat(file)).mtimeMs;
  let entry = compressed.get(file);
  if (!entry || entry.mtime !== mtime) {
    entry = {
      mtime,
      br: new Uint8Array(brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } })),
      gzip: new Uint8Array(gzipSync(raw, { level: 9 })),
    };
    compressed.set(file, entry);
  }
  if (/\bbr\b/.test(acceptEncoding)) return { body: entry.br, encoding: 'br' };
  if (/\bgzip\b/.test(acceptEncoding)) return { body: entry.gzip, encoding: 'gzip' };
  return { body: raw };
}

/**
 * Serves the built web app from `dir` for every GET outside /api: files as they are (hashed assets cached for a
 * year, the page and the service worker always revalidated), and index.html for any other path, since the app
 * routes on the client, brotli- or gzip-compressed when the browser takes it. Without a build it says how to make one.
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
    const { body, encoding } = await bodyFor(file, c.req.header('accept-encoding') ?? '');
    return c.body(body, 200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
  };
}
