import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';

const BOOTH_CONVENER = '+919000000011'; // Ramesh Pal
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A hall where many sign in at once (issue 16): one number asked for again and again is held back, and the login screen
 * says so in Hindi with when to try again (the server's Retry-After), instead of a bare "too many requests". The other
 * people in the same hall, on the same address, still get their codes.
 */
describe(`the login screen when a number has asked too often (${engine})`, () => {
  let setu: RunningSetu, browser: Browser, phone: BrowserContext, page: Page;

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    phone = await phoneContext(browser, setu);
    page = await phone.newPage();
  });
  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('says in Hindi how many minutes to wait, and lets the next person in the hall ask', async () => {
    await page.goto('/');
    // The number's codes used up from this phone, as a worker pressing "send" again and again would.
    let refused = 0;
    for (let i = 0; i < 8 && refused === 0; i++) {
      const r = await phone.request.post('/api/auth/otp', { data: { phone: BOOTH_CONVENER } });
      if (r.status() === 429) {
        refused++;
        expect(Number(r.headers()['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(refused).toBe(1);

    await page.getByLabel('मोबाइल नंबर').fill('90000 00011');
    await page.getByRole('button', { name: 'कोड भेजें' }).click();
    const banner = page.getByText(/इस नंबर के लिए या इस नेटवर्क से बहुत ज़्यादा कोशिशें हुईं। कृपया (\S+ मिनट|एक मिनट) बाद फिर कोशिश करें।/);
    await expectVisible(banner);
    await screenshot(page, 'login-try-later-hi');

    // Another worker in the same hall (the same address) still gets a code.
    await page.reload();
    await page.getByLabel('मोबाइल नंबर').fill('90000 00005');
    await page.getByRole('button', { name: 'कोड भेजें' }).click();
    await expectVisible(page.getByLabel('कोड (OTP)'));
  });
});
