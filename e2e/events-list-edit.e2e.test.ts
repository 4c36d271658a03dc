import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot, signInByApi } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';

const STATE_CONVENER = '+919000000002'; // Kavita Singh, IT convener of Uttar Pradesh
const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal district
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A `datetime-local` value `hours` from now in the browser's time zone (the test runs in the same one). */
function localIn(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Nothing wider than the phone: a row of filters that overflowed would scroll the whole screen sideways. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * Finding and changing events as a workshop needs, on phones 360 px wide in Hindi: the state convener finds the
 * district workshop held last week (the demo's) among the events under Uttar Pradesh, filtered by level and held; the
 * district convener reaches it among her past events and changes it — title, end, a programme over two days with
 * each session's end — and sees the programme by day.
 */
describe(`finding and editing events (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let kavita: BrowserContext;
  let rekha: BrowserContext;
  let kavitaPage: Page;
  let rekhaPage: Page;

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    kavita = await phoneContext(browser, setu, 'hi-IN');
    rekha = await phoneContext(browser, setu, 'hi-IN');
    kavitaPage = await kavita.newPage();
    rekhaPage = await rekha.newPage();
    await Promise.all([signInByApi(kavita, setu, STATE_CONVENER), signInByApi(rekha, setu, DISTRICT_CONVENER)]);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = task.name.slice(0, 40).replace(/\W+/g, '-');
      await screenshot(kavitaPage, `failed-events-list-kavita-${name}`).catch(() => {});
      await screenshot(rekhaPage, `failed-events-list-rekha-${name}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await kavita?.close();
    await rekha?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('the state convener finds last week’s district workshop among the events under her state', async () => {
    await kavitaPage.goto('/events');
    await expectVisible(kavitaPage.getByRole('heading', { level: 1, name: 'कार्यक्रम' }));
    await kavitaPage.getByLabel('दिखाएं').selectOption({ label: 'उत्तर प्रदेश के अंतर्गत' });
    // Coming first: the district's meeting at every shakti kendra is one row, not one per kendra.
    await expectVisible(kavitaPage.getByRole('link', { name: /शक्ति केंद्र बैठक: बूथ समितियों की समीक्षा/ }));
    expect(await kavitaPage.getByRole('link', { name: /शक्ति केंद्र बैठक: बूथ समितियों की समीक्षा/ }).count()).toBe(1);
    await kavitaPage.getByLabel('कब').selectOption({ label: 'बीते हुए' });
    await kavitaPage.getByLabel('किस स्तर पर').selectOption({ label: 'जिला' });
    await kavitaPage.getByLabel('हुआ या नहीं?').selectOption({ label: 'हुआ' });
    const workshop = kavitaPage.getByRole('link', { name: /जिला आईटी कार्यशाला/ });
    await expectVisible(workshop);
    await expectVisible(workshop.getByText(/^संभल ·/));
    expect(await fitsWidth(kavitaPage)).toBe(true);
    await screenshot(kavitaPage, 'events-under-state-hi');
    // Not held: the workshop is not among them.
    await kavitaPage.getByLabel('हुआ या नहीं?').selectOption({ label: 'नहीं हुआ' });
    await expectVisible(kavitaPage.getByText('इन विकल्पों में कोई कार्यक्रम नहीं है।'));
  });

  it('the district convener reaches her past workshop and changes it: title, end, a programme over two days', async () => {
    await rekhaPage.goto('/events');
    await expectVisible(rekhaPage.getByRole('heading', { level: 1, name: 'कार्यक्रम' }));
    await rekhaPage.getByLabel('कब').selectOption({ label: 'बीते हुए' });
    await rekhaPage.getByRole('link', { name: /जिला आईटी कार्यशाला/ }).click();
    await expectVisible(rekhaPage.getByRole('heading', { level: 1, name: 'जिला आईटी कार्यशाला' }));

    await rekhaPage.getByRole('button', { name: 'कार्यक्रम में बदलाव करें' }).click();
    await rekhaPage.getByLabel('शीर्षक हिंदी में').fill('जिला आईटी कार्यशाला (दो दिन)');
    await rekhaPage.getByLabel('खत्म', { exact: true }).fill(localIn(-94));
    await expectVisible(rekhaPage.getByText('बुलाए गए लोगों को नया समय बताया जाएगा, और उससे पहले याद दिलाया जाएगा।'));
    await rekhaPage.getByRole('button', { name: 'सत्र जोड़ें' }).click();
    await rekhaPage.getByLabel('सत्र 1: शुरू (वैकल्पिक)').fill(localIn(-120));
    await rekhaPage.getByLabel('सत्र 1: खत्म (वैकल्पिक)').fill(localIn(-119));
    await rekhaPage.getByLabel('सत्र 2: विषय').fill('व्हाट्सएप ग्रुप: हर बूथ पर');
    // Exactly a day after the first session: on the next calendar day whatever the hour the test runs at (-98 h fell on
    // the same day as -120 h when run just after midnight).
    await rekhaPage.getByLabel('सत्र 2: शुरू (वैकल्पिक)').fill(localIn(-96));
    await rekhaPage.getByLabel('सत्र 2: खत्म (वैकल्पिक)').fill(localIn(-95));
    expect(await fitsWidth(rekhaPage)).toBe(true);
    await rekhaPage.getByRole('button', { name: 'बदलाव सहेजें' }).click();
    await expectVisible(rekhaPage.getByText('सहेज लिया गया।').first());
    await expectVisible(rekhaPage.getByRole('heading', { level: 1, name: 'जिला आईटी कार्यशाला (दो दिन)' }));
    // The programme by day: a heading for each of the two days, each session under its own.
    const days = rekhaPage.locator('.session-day h3');
    expect(await days.count()).toBe(2);
    await expectVisible(rekhaPage.locator('.session-day').nth(1).getByText('व्हाट्सएप ग्रुप: हर बूथ पर'));
    await screenshot(rekhaPage, 'event-edited-by-day-hi');
  });
});
