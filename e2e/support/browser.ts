import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningSetu } from './server.ts';

/** Debian's Chromium; CI installs it with apt. Browsers are never downloaded from npm. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Throws the message a person needs when Chromium is not installed: the e2e tests never skip silently. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The end-to-end tests need Chromium at ${CHROMIUM}. Install Debian's: apt-get install -y chromium fonts-noto-core ` +
        '(or set CHROMIUM_PATH to another Chromium binary).',
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const cspViolations: string[] = [];

/** The Content-Security-Policy violations pages reported since the last call (e2e/support/csp-guard.ts fails a flow on any). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Records every CSP violation a page of the context reports: the event, and Chromium's console line for it. */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__setuCspViolation', ({ page }, text: string) => void cspViolations.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __setuCspViolation(text: string): Promise<void> }).__setuCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(`console: ${message.text()}`);
  });
}

/** A phone-sized browser profile: 360 × 740, touch, the given language preference; CSP violations are watched. */
export async function phoneContext(browser: Browser, setu: RunningSetu, locale: 'hi-IN' | 'en-IN' = 'hi-IN'): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: setu.url,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale,
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(15_000);
  await watchCsp(context);
  return context;
}

/**
 * Signs in through the API (the browser context's own request client, so the session cookie lands in the context),
 * with the code read from the server's output. For tests whose subject is not the login screen.
 */
export async function signInByApi(context: BrowserContext, setu: RunningSetu, phone: string): Promise<string> {
  const code = setu.nextOtp(phone);
  const started = await context.request.post('/api/auth/otp', { data: { phone } });
  if (started.status() !== 200) throw new Error(`POST /api/auth/otp: ${started.status()} ${await started.text()}`);
  const { attemptId } = (await started.json()) as { attemptId: string };
  const verified = await context.request.post('/api/auth/verify', { data: { phone, code: await code, attemptId } });
  if (verified.status() !== 200) throw new Error(`POST /api/auth/verify: ${verified.status()} ${await verified.text()}`);
  const session = (await context.cookies(setu.url)).find((c) => c.name === 'setu_session');
  if (!session) throw new Error('signed in, but no setu_session cookie in the context');
  return session.value;
}

/** GETs an API path with the context's cookies and returns the JSON, failing on a non-2xx answer. */
export async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(path);
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Saves a screenshot of what is on screen as e2e/screenshots/NAME.png (ignored by git) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // Fonts (Noto Devanagari) must be in before the picture is taken.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/** Resolves once a service worker controls the page, so a reload can be served from its cache. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
  });
}
