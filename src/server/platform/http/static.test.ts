import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { serveWebApp } from './static.ts';

const dir = mkdtempSync(join(tmpdir(), 'setu-static-'));
mkdirSync(join(dir, 'assets'));
const page = '<!doctype html><title>Setu</title>' + ' '.repeat(2000);
const script = 'console.log("सेतु");'.repeat(200);
writeFileSync(join(dir, 'index.html'), page);
writeFileSync(join(dir, 'assets', 'app-1a2b.js'), script);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const app = new Hono().use('*', serveWebApp(dir));
app.get('/api/x', (c) => c.text('api'));
const get = (path: string, encoding?: string) => app.request(path, { headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('serving the web app', () => {
  it('sends hashed assets compressed with brotli or gzip, cached for a year', async () => {
    const br = await get('/assets/app-1a2b.js', 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toContain('immutable');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(script);
    const gz = await get('/assets/app-1a2b.js', 'gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
    const plain = await get('/assets/app-1a2b.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('answers any app path with the page, always revalidated, and leaves /api alone', async () => {
    const res = await get('/units/42');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(page);
    expect(await (await get('/api/x')).text()).toBe('api');
  });

  it('never serves a file outside its folder', async () => {
    const res = await get('/%2e%2e/%2e%2e/etc/passwd');
    expect(await res.text()).toBe(page);
  });
});
