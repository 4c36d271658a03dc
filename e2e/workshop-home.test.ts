import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { launchChromium, screenshot, signInByApi, watchCsp } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';

const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal
const BOOTH_CONVENER = '+919000000011'; // Ramesh Pal, IT convener of a booth in Chandausi: the demo's directive needs him
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * What running five district workshops as a new user found on the home screen and around directives, on a 360 px phone
 * in Hindi: names of levels and roles never shown as codes, one answer to "what needs me", a leader's figures, the
 * issue form's audience that starts empty and says level by level where a send goes, and withdrawing a directive.
 * Service workers are blocked so that a read can be held back on purpose (the page's routes do not see a worker's).
 */
describe(`the home screen and the directive traps (${engine})`, () => {
  // One server and browser; the district convener's phone and its page are shared by the steps, which run in order.
  let setu: RunningSetu, browser: Browser, leader: BrowserContext, page: Page;

  const phone = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({
      baseURL: setu.url,
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'hi-IN',
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(15_000);
    await watchCsp(context);
    return context;
  };
  const fitsWidth = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    leader = await phone();
    page = await leader.newPage();
    await signInByApi(leader, setu, DISTRICT_CONVENER);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `failed-workshop-home-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await leader?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('a district convener’s home: no raw codes while the names load, what needs her first, then her area’s figures as links', async () => {
    // The organisation's names arrive late, as on 2G: until then nothing may read "it convener" or "district".
    let releaseMeta!: () => void;
    const metaHeld = new Promise<void>((resolve) => (releaseMeta = resolve));
    await leader.route('**/api/org/meta', async (route) => {
      await metaHeld;
      await route.continue();
    });
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Rekha Yadav' }));
    const positions = page.getByRole('region', { name: 'आपके पद' });
    await expectVisible(positions.getByRole('link').first());
    const whileLoading = (await page.locator('main').textContent()) ?? '';
    expect(whileLoading).not.toMatch(/\b(it|convener|district|booth)\b/i);
    releaseMeta();
    await expectVisible(positions.getByText('आईटी संयोजक'));
    await expectVisible(positions.getByText(/संभल · जिला/));
    await leader.unroute('**/api/org/meta');

    // What needs her comes first, then her area at a glance; no "nothing to do" anywhere beside it.
    const figures = page.getByRole('region', { name: 'आपके क्षेत्र की झलक' });
    await expectVisible(figures);
    expect((await page.locator('main h2').allTextContents()).slice(0, 2)).toEqual(['आपका बाकी काम', 'आपके क्षेत्र की झलक']);
    await expectGone(page.getByText('अभी कोई काम बाकी नहीं।'));
    const directive = figures.getByRole('link', { name: /सबसे नया निर्देश/ });
    await expectVisible(directive);
    expect(await directive.textContent()).toMatch(/[\d,]+ में से [\d,]+ इकाइयां/);
    expect(await directive.textContent()).toContain('मतदाता सूची के नए नाम जाँचें');
    // The demo's virtual meeting at every shakti kendra is tomorrow evening.
    const events = figures.getByRole('link', { name: /इस हफ़्ते के कार्यक्रम/ });
    await expectVisible(events);
    expect(await events.textContent()).toMatch(/इस हफ़्ते के कार्यक्रम[1-9]\d*अगला: /);
    expect(await events.getAttribute('href')).toBe('/events');
    const campaign = figures.getByRole('link', { name: /अभियान/ });
    await expectVisible(campaign);
    expect(await campaign.getAttribute('href')).toMatch(/^\/campaigns(\/\d+)?$/);
    await fitsWidth(page);
    await screenshot(page, 'workshop-home-district-hi');

    await directive.click();
    await page.waitForURL(/\/directives\/\d+\/coverage$/);
  });

  it('a booth convener’s home says once that a directive needs him, and shows no leader’s figures', async () => {
    const context = await phone();
    try {
      await signInByApi(context, setu, BOOTH_CONVENER);
      const p = await context.newPage();
      await p.goto('/');
      await expectVisible(p.getByRole('heading', { level: 1, name: 'नमस्ते, Ramesh Pal' }));
      const needs = p.getByRole('region', { name: 'आपका बाकी काम' });
      await expectVisible(needs.getByText('एक निर्देश पर आपका काम बाकी है।'));
      await expectGone(p.getByText(/कुछ बाकी नहीं|कोई काम बाकी नहीं/));
      await expectGone(p.getByRole('region', { name: 'आपके क्षेत्र की झलक' }));
      await fitsWidth(p);
      await screenshot(p, 'workshop-home-booth-hi');
    } finally {
      await context.close();
    }
  });

  it('the issue form ticks no level, says per level where a send goes, and the directive’s page withdraws it after a question', async () => {
    await page.goto('/directives/new');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नया निर्देश' }));
    const booth = page.getByRole('checkbox', { name: 'बूथ', exact: true });
    const mandal = page.getByRole('checkbox', { name: 'मंडल', exact: true });
    await expectVisible(booth);
    expect(await booth.isChecked()).toBe(false);
    expect(await mandal.isChecked()).toBe(false);
    await expectVisible(page.getByText('किस तक पहुंचेगा, यह देखने के लिए इकाई और कम से कम एक स्तर चुनें।'));

    await page.getByLabel('शीर्षक हिंदी में').fill('मंडल बैठक की तैयारी');
    await page.getByLabel('शीर्षक अंग्रेज़ी में').fill('Prepare the mandal meeting');
    await mandal.check();
    const sendTo = page.locator('.send-to');
    await expectVisible(sendTo.getByText(/^यह [\d,]+ इकाइयों को जाएगा: मंडल \([\d,]+\)।$/));
    const mandals = Number(/मंडल \(([\d,]+)\)/.exec((await sendTo.textContent())!)![1]!.replace(/,/g, ''));
    expect(mandals).toBeGreaterThan(0);
    await expectGone(sendTo.getByText(/एक से ज़्यादा स्तर/));

    // Ticking the booths too is what sent a mandal directive to every booth: the line above "send" shows both, and warns.
    await booth.check();
    await expectVisible(sendTo.getByText(/मंडल \([\d,]+\), बूथ \([\d,]+\)।$/));
    await expectVisible(sendTo.getByText('एक से ज़्यादा स्तर चुने गए हैं: हर स्तर की हर इकाई को यह जाएगा।'));
    await sendTo.scrollIntoViewIfNeeded();
    await fitsWidth(page);
    await screenshot(page, 'workshop-issue-two-levels-hi');
    await booth.uncheck();
    await expectGone(sendTo.getByText(/एक से ज़्यादा स्तर/));

    await page.getByRole('button', { name: `${mandals.toLocaleString('en-IN')} इकाइयों को भेजें` }).click();
    await page.waitForURL(/\/directives\/\d+\/coverage/);
    const id = Number(/directives\/(\d+)\//.exec(page.url())![1]);

    // Its page, in Hindi: the English text is offered in Hindi words.
    await page.goto(`/directives/${id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'मंडल बैठक की तैयारी' }));
    await expectVisible(page.getByText('अंग्रेज़ी में भी', { exact: true }));
    await expectGone(page.getByText('Also in English'));

    // Withdrawing asks first; "keep it" changes nothing.
    await page.getByRole('button', { name: 'यह निर्देश वापस लें' }).click();
    await expectVisible(page.getByText(`इसे सभी ${mandals.toLocaleString('en-IN')} इकाइयों से वापस लें?`, { exact: false }));
    await fitsWidth(page);
    await screenshot(page, 'workshop-withdraw-question-hi');
    await page.getByRole('button', { name: 'रहने दें' }).click();
    const read = async () => (await (await leader.request.get(`/api/directives/${id}`)).json()) as { cancelledAt: string | null; canWithdraw: boolean };
    expect((await read()).cancelledAt).toBeNull();

    await page.getByRole('button', { name: 'यह निर्देश वापस लें' }).click();
    await page.getByRole('button', { name: 'हां, वापस लें' }).click();
    await expectVisible(page.getByText(/को वापस लिया गया: अब यह किसी के निर्देशों में नहीं है।$/));
    await expectGone(page.getByRole('button', { name: 'यह निर्देश वापस लें' }));
    expect(await read()).toMatchObject({ cancelledAt: expect.any(String), canWithdraw: false });
    await screenshot(page, 'workshop-withdrawn-hi');

    // The next form starts at the level she last sent to, not at a default.
    await page.goto('/directives/new');
    await expectVisible(mandal);
    await expectVisible(page.locator('.send-to').getByText(/मंडल \([\d,]+\)।$/));
    expect(await mandal.isChecked()).toBe(true);
    expect(await booth.isChecked()).toBe(false);
  });
});
