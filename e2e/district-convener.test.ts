import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot, signInByApi } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import { children, pathToBooth, unitByNames, type UnitRow } from './support/tree.ts';

const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal district
const NATIONAL_CONVENER = '+919000000001'; // Arvind Mishra, IT convener of India
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * One story on a phone, as the district IT convener of Sambhal: sign in with the code from the server's log, browse down
 * to a booth, switch language, meet another district's URL, create a mandal, sign out. The steps share one page and run
 * in order; each asserts what it needs from the steps before it.
 */
describe(`a district IT convener on a phone (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let district: UnitRow;

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    // A new visitor whose phone prefers Hindi gets Hindi.
    context = await phoneContext(browser, setu, 'hi-IN');
    page = await context.newPage();
  });

  // A failed step leaves a picture of the screen it failed on.
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `failed-${task.file.name.replace(/^.*\/|\.test\.ts$/g, '')}-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('signs in with the one-time code from the server log and sees their position at home', async () => {
    // The server under test runs on the engine this suite is for.
    expect(((await (await fetch(`${setu.url}/api/health`)).json()) as { db: string }).db).toBe(engine);
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'लॉग इन' }));
    await page.getByLabel('मोबाइल नंबर').fill('90000 00005'); // as people type it: no +91, a space
    const code = setu.nextOtp(DISTRICT_CONVENER);
    await page.getByRole('button', { name: 'कोड भेजें' }).click();
    await page.getByLabel('कोड (OTP)').fill(await code);
    await page.getByRole('button', { name: 'लॉग इन करें' }).click();

    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Rekha Yadav' }));
    const me = (await (await context.request.get('/api/me')).json()) as { positions: Array<{ unit: UnitRow }> };
    district = me.positions[0]!.unit;
    expect(district.nameEn).toBe('Sambhal');
    const positions = page.getByRole('region', { name: 'आपके पद' });
    // The position: "IT convener" in Hindi, at the district of Sambhal, linking to it.
    const position = positions.getByRole('link', { name: /आईटी संयोजक/ });
    await expectVisible(position);
    expect(await position.textContent()).toContain('संभल');
    expect(await position.textContent()).toContain('जिला');
    expect(await position.getAttribute('href')).toBe(`/units/${district.id}`);
  });

  it('browses from the district down to a booth: district → assembly → mandal → shakti kendra → booth', async () => {
    const path = await pathToBooth(context, { ...district, booths: 1 });
    expect(path.map((u) => u.level)).toEqual(['district', 'assembly', 'mandal', 'shakti_kendra', 'booth']);

    await page.getByRole('region', { name: 'आपके पद' }).getByRole('link', { name: /संभल/ }).click();
    await page.waitForURL(`**/units/${district.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'संभल' }));
    // In Hindi the units below are in Hindi alphabetical order, not the English names' order.
    const below = page.getByRole('region', { name: 'नीचे की इकाइयां' });
    await expectVisible(below.getByRole('link').first());
    const hindiOrder = new Intl.Collator('hi', { sensitivity: 'base', numeric: true });
    const kids = (await children(context, district.id)).map((u) => u.nameHi);
    expect(await below.locator('li strong').allTextContents()).toEqual([...kids].sort(hindiOrder.compare));
    for (const unit of path.slice(1)) {
      await page.getByRole('link', { name: unit.nameHi }).click();
      await page.waitForURL(`**/units/${unit.id}`);
      await expectVisible(page.getByRole('heading', { level: 1, name: unit.nameHi }));
    }
    // At the booth: the breadcrumbs lead back up to the district, and there is nothing below a booth to list.
    const booth = path.at(-1)!;
    const crumbs = page.getByRole('navigation', { name: 'यह कहां है' });
    for (const up of path.slice(0, -1)) await expectVisible(crumbs.getByRole('link', { name: up.nameHi, exact: true }));
    await expectVisible(page.getByText('बूथ', { exact: true }));
    await expectGone(page.getByRole('region', { name: 'नीचे की इकाइयां' }));
    expect(await children(context, booth.id)).toEqual([]);
    await screenshot(page, 'unit-booth-hi');
    // A breadcrumb goes back up.
    await crumbs.getByRole('link', { name: path[2]!.nameHi, exact: true }).click();
    await page.waitForURL(`**/units/${path[2]!.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: path[2]!.nameHi }));
  });

  it('switches to English and sees the same screen in English; the choice survives a reload', async () => {
    const here = new URL(page.url()).pathname;
    const unit = (await (await context.request.get(`/api/${here.slice(1)}`)).json()) as UnitRow;
    await expectVisible(page.getByRole('heading', { level: 1, name: unit.nameHi }));

    await page.getByRole('button', { name: /Read in English/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: unit.nameEn }));
    await expectVisible(page.getByRole('button', { name: 'Sign out' }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(page.url()).toContain(here); // the same screen, not a fresh start

    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: unit.nameEn }));
    await expectVisible(page.getByRole('button', { name: /पढ़ें हिंदी में/ }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it("sees only their own district: another district's URL shows the not-found screen", async () => {
    // Lucknow's id, found as the national convener in a browser profile of their own.
    const national = await browser.newContext({ baseURL: setu.url });
    let lucknow: UnitRow;
    try {
      await signInByApi(national, setu, NATIONAL_CONVENER);
      lucknow = await unitByNames(national, 1, ['Uttar Pradesh', 'Awadh', 'Lucknow']);
    } finally {
      await national.close();
    }
    expect(lucknow.level).toBe('district');

    await page.goto(`/units/${lucknow.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Not found' }));
    await expectVisible(page.getByText('This unit does not exist, or it is outside your area.'));
    await expectGone(page.getByText('Lucknow'));
    await screenshot(page, 'not-found-en');
    // Its coverage too.
    await page.goto(`/units/${lucknow.id}/coverage`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Not found' }));
    expect((await context.request.get(`/api/units/${lucknow.id}`)).status()).toBe(404);

    // The same screen for their own district is not the not-found screen (so the one above means something).
    await page.goto(`/units/${district.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Sambhal' }));
    await expectGone(page.getByRole('heading', { level: 1, name: 'Not found' }));
  });

  it('creates a mandal under an assembly and sees it listed', async () => {
    const assembly = (await children(context, district.id)).find((u) => u.level === 'assembly' && u.nameEn !== 'Sambhal')!;
    const name = { en: `Naya Mandal ${Date.now() % 100000}`, hi: 'नया मंडल' };
    await page.goto(`/units/${assembly.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: assembly.nameEn }));

    await page.getByRole('button', { name: 'Add a unit below' }).click();
    const form = page.getByRole('region', { name: 'Add a unit below' });
    await form.getByLabel('Level').selectOption('mandal');
    await form.getByLabel('Name in Hindi').fill(name.hi);
    await form.getByLabel('Name in English').fill(name.en);
    await form.getByRole('button', { name: 'Add', exact: true }).click();

    await expectVisible(page.getByRole('region', { name: 'Units below' }).getByRole('link', { name: new RegExp(name.en) }));
    const created = (await children(context, assembly.id)).find((u) => u.nameEn === name.en);
    expect(created).toMatchObject({ level: 'mandal', nameHi: name.hi, parentId: assembly.id });
    await page
      .getByRole('region', { name: 'Units below' })
      .getByRole('link', { name: new RegExp(name.en) })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'unit-mandal-added-en');
    // It is a real unit: it opens.
    await page.getByRole('link', { name: new RegExp(name.en) }).click();
    await page.waitForURL(`**/units/${created!.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: name.en }));
  });

  it('signs out: the login screen returns and /api/me answers 401, even with the old cookie', async () => {
    const session = (await context.cookies(setu.url)).find((c) => c.name === 'setu_session');
    expect(session).toBeDefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    await expectVisible(page.getByLabel('Mobile number'));
    expect((await context.request.get('/api/me')).status()).toBe(401);
    // The server ended the session; it was not only the cookie that went.
    const replay = await fetch(`${setu.url}/api/me`, { headers: { cookie: `setu_session=${session!.value}` } });
    expect(replay.status).toBe(401);
    // And a reload does not bring the signed-in screens back.
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
  });
});
