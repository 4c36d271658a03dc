import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot, signInByApi } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import { children, type UnitRow } from './support/tree.ts';

const DISTRICT_CONVENER = '+919000000005';
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

const words = {
  hi: { locale: 'hi-IN', signIn: 'लॉग इन', hello: 'नमस्ते, Rekha Yadav', name: (u: UnitRow) => u.nameHi },
  en: { locale: 'en-IN', signIn: 'Sign in', hello: 'Namaste, Rekha Yadav', name: (u: UnitRow) => u.nameEn },
} as const;

/**
 * The main screens at 360 × 740 in each language, saved under e2e/screenshots/ (ignored by git) for people to look at.
 * Each screen is checked to be the one meant, and to fit the phone's width.
 */
describe(`the main screens in Hindi and English (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await setu?.stop();
  });

  for (const lang of ['hi', 'en'] as const) {
    it(`${lang}: login, home, organisation browser, coverage`, async () => {
      const w = words[lang];
      const context = await phoneContext(browser, setu, w.locale);
      try {
        const page = await context.newPage();
        const fitsWidth = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

        await page.goto('/');
        await expectVisible(page.getByRole('heading', { level: 1, name: w.signIn }));
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        await fitsWidth();
        await screenshot(page, `login-${lang}`);

        await signInByApi(context, setu, DISTRICT_CONVENER);
        await page.reload();
        await expectVisible(page.getByRole('heading', { level: 1, name: w.hello }));
        await fitsWidth();
        await screenshot(page, `home-${lang}`);

        const district = ((await (await context.request.get('/api/me')).json()) as { positions: Array<{ unit: UnitRow }> }).positions[0]!.unit;
        await page.goto(`/units/${district.id}`);
        await expectVisible(page.getByRole('heading', { level: 1, name: w.name(district) }));
        const firstChild = (await children(context, district.id))[0]!;
        await expectVisible(page.getByRole('link', { name: w.name(firstChild) }).first());
        await fitsWidth();
        await screenshot(page, `unit-district-${lang}`);

        await page.goto(`/units/${firstChild.id}`);
        await expectVisible(page.getByRole('heading', { level: 1, name: w.name(firstChild) }));
        await fitsWidth();
        await screenshot(page, `unit-assembly-${lang}`);

        await page.goto(`/units/${district.id}/coverage`);
        await expectVisible(page.getByRole('meter').first());
        await fitsWidth();
        await screenshot(page, `coverage-${lang}`);
      } finally {
        await context.close();
      }
    });
  }
});
