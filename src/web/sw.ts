/**
 * Setu's service worker: the app opens offline after the first visit and shows what it last saw.
 * - Pages: network first, the cached app shell when offline (the app routes on the client).
 * - /assets/* (hashed, immutable): cache first.
 * - GET /api/* reads: network first; each answer is kept, and served from the cache when offline, marked with
 *   the x-setu-from-cache header so the screen can say it may be out of date. Sign-in calls are never cached, nor
 *   reads made with `cache: 'no-store'` (personal data the person asked for once: rosters, exports).
 * - Web Push: a message `{id, title, body, url, lang}` is shown as a notification tagged with its id (the same message
 *   sent again after a server crash replaces the first instead of showing twice); tapping it opens `url` in Setu.
 */

// The DOM lib is what the app compiles with; these are the few worker types this file needs.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface PushEvent extends ExtendableEvent {
  readonly data: { json(): unknown } | null;
}
interface NotificationClickEvent extends ExtendableEvent {
  readonly notification: { readonly data: unknown; close(): void };
}
interface WindowClient {
  readonly url: string;
  focus(): Promise<WindowClient>;
  navigate(url: string): Promise<WindowClient | null>;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  addEventListener(type: 'push', fn: (e: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', fn: (e: NotificationClickEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
  };
  registration: { showNotification(title: string, options: NotificationOptions): Promise<void> };
  location: Location;
}
const worker = self as unknown as WorkerScope;

const SHELL = 'setu-shell';
const ASSETS = 'setu-assets';
const API = 'setu-api';
const FROM_CACHE_HEADER = 'x-setu-from-cache';

/** The chunks a script loads on demand (`import("./screens-1a2b.js")`), as /assets/ paths. */
function lazyChunksIn(js: string): string[] {
  return [...js.matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.(?:js|css))["'`]/g)].map((m) => `/assets/${m[1]!}`);
}

/**
 * The page and everything it loads, found by reading the page itself (file names are hashed at build time), and
 * the screens its scripts load on demand, so that a screen first opened offline still opens.
 */
async function cacheShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch('/', { cache: 'no-store' });
  const html = await page.clone().text();
  await cache.put('/', page);
  const urls = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
  const assets = await caches.open(ASSETS);
  const lazy = new Set<string>();
  await Promise.all(
    urls.map(async (u) => {
      const r = await fetch(u);
      if (!r.ok) return;
      if (u.startsWith('/assets/') && u.endsWith('.js')) for (const c of lazyChunksIn(await r.clone().text())) lazy.add(c);
      await (u.startsWith('/assets/') ? assets : cache).put(u, r);
    }),
  );
  await Promise.all([...lazy].filter((u) => !urls.includes(u)).map((u) => fetch(u).then((r) => (r.ok ? assets.put(u, r) : undefined))));
}

worker.addEventListener('install', (e) => {
  e.waitUntil(cacheShell().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (e) => {
  e.waitUntil(worker.clients.claim());
});

/**
 * Stores a copy of a response. The copy is taken now, before the response goes to the page: once the page has read
 * the body, it can no longer be cloned (and the cache would silently stay empty).
 */
function keep(cacheName: string, key: RequestInfo, response: Response) {
  const copy = response.clone();
  void caches.open(cacheName).then((c) => c.put(key, copy));
}

async function networkFirstPage(request: Request): Promise<Response> {
  try {
    const fresh = await fetch(request);
    // Only the app's page is the shell: a file opened in a tab must never stand in for it.
    if (fresh.ok && /text\/html/i.test(fresh.headers.get('content-type') ?? '')) keep(SHELL, '/', fresh);
    return fresh;
  } catch {
    return (await caches.match('/', { cacheName: SHELL })) ?? Response.error();
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const hit = await caches.match(request, { cacheName: ASSETS });
  if (hit) return hit;
  const fresh = await fetch(request);
  if (fresh.ok) keep(ASSETS, request, fresh);
  return fresh;
}

async function networkFirstApi(request: Request): Promise<Response> {
  try {
    const fresh = await fetch(request);
    // An answer the server marks no-store (whole numbers, exports) is passed on, never kept.
    if (fresh.ok && !/no-store/i.test(fresh.headers.get('cache-control') ?? '')) keep(API, request, fresh);
    else if (fresh.status === 401) void caches.delete(API); // signed out elsewhere: forget what this person saw
    return fresh;
  } catch {
    const hit = await caches.match(request, { cacheName: API });
    if (!hit)
      return new Response(JSON.stringify({ code: 'offline', message: 'offline and not saved on this device' }), {
        status: 503,
        headers: { 'content-type': 'application/json' },
      });
    const headers = new Headers(hit.headers);
    headers.set(FROM_CACHE_HEADER, '1');
    return new Response(hit.body, { status: hit.status, headers });
  }
}

worker.addEventListener('fetch', (e) => {
  const { request } = e;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  // A read the page asked not to store (whole numbers: a roster, a person's export, a vCard) never goes into a cache.
  if (request.cache === 'no-store') return;
  // A tab opened on an API address (a directive's attachment) is that file, kept like any read, not the app's page.
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) return e.respondWith(networkFirstPage(request));
  if (url.pathname.startsWith('/assets/')) return e.respondWith(cacheFirst(request));
  if (url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/auth/')) return e.respondWith(networkFirstApi(request));
});

/** A message's field if it is text (a push payload is the server's JSON, but is checked like any input). */
const textOf = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

worker.addEventListener('push', (e) => {
  let m: Record<string, unknown> = {};
  try {
    m = (e.data?.json() ?? {}) as Record<string, unknown>;
  } catch {
    // Not JSON: a notification is still owed (userVisibleOnly), with the app's name.
  }
  e.waitUntil(
    worker.registration.showNotification(textOf(m.title) ?? 'सेतु · Setu', {
      body: textOf(m.body) ?? '',
      tag: textOf(m.id),
      data: { url: textOf(m.url) },
      lang: textOf(m.lang),
      icon: '/icon-192.png',
    }),
  );
});

/** A notification's address inside the app: relative paths resolve against it; anything on another site is the home page. */
function appUrl(url: unknown): string {
  const home = new URL('/', worker.location.origin);
  try {
    const u = new URL(textOf(url) ?? '/', home);
    return u.origin === home.origin ? u.href : home.href;
  } catch {
    return home.href;
  }
}

/** An open Setu window is brought forward and taken to the address (a new one when none is open, or it cannot go). */
async function openApp(url: string): Promise<void> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => w.url === url) ?? windows.find((w) => new URL(w.url).origin === worker.location.origin);
  if (open) {
    const focused = await open.focus().catch(() => open);
    if (focused.url === url) return;
    if (await focused.navigate(url).catch(() => null)) return;
  }
  await worker.clients.openWindow(url);
}

worker.addEventListener('notificationclick', (e) => {
  e.notification.close();
  e.waitUntil(openApp(appUrl((e.notification.data as { url?: unknown } | null)?.url)));
});
