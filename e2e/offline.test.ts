import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot, signInByApi, waitForServiceWorker } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import type { UnitRow } from './support/tree.ts';

const DISTRICT_CONVENER = '+919000000005';
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** Whether the service worker's API cache holds an answer for `path` (its writes land just after the response). */
async function waitForCachedApi(page: Page, path: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    async (p) => {
      const cache = await caches.open('setu-api');
      return Boolean(await cache.match(p));
    },
    path,
    { timeout, polling: 100 },
  );
}

/**
 * After a signed-in visit, the phone loses its connection and the page is reloaded: the service worker opens the app
 * from its cache, shows what it had, and says clearly that it is offline.
 */
describe(`offline after the first visit (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let district: UnitRow;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    context = await phoneContext(browser, setu, 'hi-IN');
    page = await context.newPage();
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('requestfailed', (r) => consoleLines.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  });

  // A failed step leaves a picture of the screen it failed on.
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      // What the page and its worker had, for a failure that happens only under load.
      const caches = await page
        .evaluate(async () =>
          Promise.all((await window.caches.keys()).map(async (n) => `${n}: ${(await (await window.caches.open(n)).keys()).map((r) => r.url).join(' ')}`)),
        )
        .catch((e: unknown) => [String(e)]);
      console.error(`caches:\n${caches.join('\n')}\npage console:\n${consoleLines.slice(-30).join('\n')}`);
      await screenshot(page, `failed-${task.file.name.replace(/^.*\/|\.test\.ts$/g, '')}-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('opens from the cache, shows the cached home and unit, and says it is offline', async () => {
    await signInByApi(context, setu, DISTRICT_CONVENER);
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Rekha Yadav' }));
    await waitForServiceWorker(page);
    // Now the worker sees the page's reads; a second visit puts them in its cache.
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Rekha Yadav' }));
    await waitForCachedApi(page, '/api/me');
    district = ((await (await context.request.get('/api/me')).json()) as { positions: Array<{ unit: UnitRow }> }).positions[0]!.unit;
    // …and the district's screen, opened once while online.
    await page.getByRole('region', { name: 'आपके पद' }).getByRole('link', { name: /संभल/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'संभल' }));
    await waitForCachedApi(page, `/api/units/${district.id}`);
    await page.getByRole('link', { name: 'सेतु' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Rekha Yadav' }));
    await waitForCachedApi(page, '/api/me');

    await context.setOffline(true);
    await page.reload();
    // The app opened without the network: the shell, the cached profile, and both notices.
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Rekha Yadav' }));
    await expectVisible(page.getByText('आप ऑफ़लाइन हैं। इस फ़ोन पर सहेजी गई जानकारी दिखाई जा रही है।'));
    await expectVisible(page.getByText('ऑफ़लाइन कॉपी — पुरानी हो सकती है।'));
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await screenshot(page, 'offline-home-hi');

    // The district screen it had seen opens too, from the cache.
    await page.getByRole('region', { name: 'आपके पद' }).getByRole('link', { name: /संभल/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'संभल' }));
    await expectVisible(page.getByText('आप ऑफ़लाइन हैं। इस फ़ोन पर सहेजी गई जानकारी दिखाई जा रही है।'));
    await screenshot(page, 'offline-unit-hi');

    // The language switch works offline (every string is in the bundle).
    await page.getByRole('button', { name: /Read in English/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Sambhal' }));
    await expectVisible(page.getByText('You are offline. Showing what was saved on this phone.'));
    await screenshot(page, 'offline-unit-en');
    await page.goto('/').catch(() => {}); // a navigation offline is answered by the worker
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Namaste, Rekha Yadav' }));
    await expectVisible(page.getByText('Offline copy — may be out of date.'));
    await screenshot(page, 'offline-home-en');

    // Back online, the notice goes.
    await context.setOffline(false);
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Namaste, Rekha Yadav' }));
    expect(await page.getByText('You are offline. Showing what was saved on this phone.').count()).toBe(0);
  });
});
