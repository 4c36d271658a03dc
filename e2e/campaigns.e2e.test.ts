import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expectVisible } from './support/expect.ts';
import { apiGet, launchChromium, phoneContext, screenshot, signInByApi, watchCsp } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import { children } from './support/tree.ts';

const STATE_CONVENER = '+919000000002'; // Kavita Singh, IT convener of Uttar Pradesh
const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal district
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A picture of the screen for a person to look at: /tmp/campaigns-NAME.png, taken once the fonts are in. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `/tmp/campaigns-${name}.png`, animations: 'disabled', fullPage });
}

/** An Indian calendar day `n` days from today, as a `date` input takes it. */
function day(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date(Date.now() + n * 86_400_000));
}

/**
 * Waits for `locator` the way a person waits for a figure the server recounts in the background (within a few seconds
 * of a change): looks, and reloads the page until it shows.
 */
async function eventually(page: Page, locator: Locator, timeout = 40_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await locator.waitFor({ state: 'visible', timeout: 3_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`expected to see ${String(locator)} within ${timeout} ms`, { cause: error });
      await page.reload();
    }
  }
}

/** An activity's card on the campaign page, by its title. */
const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });
/** A unit's row among the units below in an activity's card. */
const row = (activity: Locator, unit: string) =>
  activity.locator('.progress-row').filter({ has: activity.page().locator('strong').getByText(unit, { exact: true }) });

/**
 * A campaign through the UI: the state convener plans one (a running phase with "one workshop per district", counted
 * in Setu, and college visits reported by the districts, then a later phase), follows it down to a region, adjusts a
 * district's target there; the district's convener on a phone finds it, reports her district's figure, holds a
 * workshop; the figures reach the region and the state.
 */
describe(`campaigns from the state down to a district (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let leader: BrowserContext;
  let district: BrowserContext;
  let page: Page;
  let phone: Page;
  let campaign: number;
  let districts: number;
  let paschimDistricts: number;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    // The state convener at a desk, reading English; the district convener on a phone, reading Hindi.
    leader = await browser.newContext({ baseURL: setu.url, viewport: { width: 1024, height: 900 }, locale: 'en-IN' });
    await watchCsp(leader);
    leader.setDefaultTimeout(15_000);
    district = await phoneContext(browser, setu, 'hi-IN');
    page = await leader.newPage();
    phone = await district.newPage();
    for (const [who, p] of [
      ['leader', page],
      ['district', phone],
    ] as const)
      p.on('console', (m) => consoleLines.push(`${who} ${m.type()}: ${m.text()}`));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      console.error(`page console:\n${consoleLines.slice(-40).join('\n')}`);
      const name = task.name.slice(0, 40).replace(/\W+/g, '-');
      await screenshot(page, `failed-campaigns-leader-${name}`).catch(() => {});
      await screenshot(phone, `failed-campaigns-district-${name}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await leader?.close();
    await district?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('the state convener plans a campaign through the form', async () => {
    await signInByApi(leader, setu, STATE_CONVENER);
    const up = (await apiGet<{ positions: Array<{ unit: { id: number } }> }>(leader, '/api/me')).positions[0]!.unit.id;
    const regions = await children(leader, up);
    districts = (await Promise.all(regions.map((r) => children(leader, r.id)))).flat().filter((u) => u.level === 'district').length;
    paschimDistricts = (await children(leader, regions.find((r) => r.nameEn === 'Paschim')!.id)).length;
    expect(districts).toBe(75);

    await page.goto('/campaigns');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Campaigns' }));
    await page.getByRole('link', { name: 'Plan a campaign' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Plan a campaign' }));
    // Her one unit to plan at is chosen for her.
    await expectVisible(page.getByRole('radio', { name: 'Uttar Pradesh · State', checked: true }));

    // Sending it empty: each problem at its field.
    await page.getByRole('button', { name: 'Plan the campaign' }).click();
    await expectVisible(page.getByText('Please correct the marked fields.'));
    await expectVisible(page.getByText('Write a title in Hindi or in English.').first());
    await expectVisible(page.getByText('Write the target.'));

    await page.getByLabel('Title in Hindi', { exact: true }).fill('ऐप अभियान');
    await page.getByLabel('Title in English', { exact: true }).fill('App campaign');
    await page.getByLabel('Description (optional)').fill('Colleges first, then the districts.');

    const first = page.getByRole('group', { name: 'Phase 1', exact: true });
    await first.getByLabel('Phase title in Hindi').fill('जिला कार्यशालाएं');
    await first.getByLabel('Phase title in English').fill('District workshops');
    await first.getByLabel('Starts on').fill(day(-3));
    await first.getByLabel('Ends on').fill(day(6));
    const workshops = first.getByRole('group', { name: 'Activity 1', exact: true });
    await workshops.getByLabel('Activity title in Hindi').fill('हर जिले में एक कार्यशाला');
    await workshops.getByLabel('Activity title in English').fill('One workshop per district');
    expect(await workshops.getByRole('radio', { name: /^Events held/ }).isChecked()).toBe(true);
    await workshops.getByLabel('Kind of event').selectOption('workshop');
    // The levels start one below the state's.
    expect(await workshops.getByLabel('Target for every unit of level').inputValue()).toBe('region');
    await workshops.getByLabel('Target for every unit of level').selectOption('district');
    await workshops.getByLabel('Target for each unit').fill('1');

    await first.getByRole('button', { name: 'Add an activity to phase 1' }).click();
    const visits = first.getByRole('group', { name: 'Activity 2', exact: true });
    // The new activity's first box has the focus.
    expect(await visits.getByLabel('Activity title in Hindi').evaluate((e) => e === document.activeElement)).toBe(true);
    await visits.getByLabel('Activity title in Hindi').fill('कॉलेज संपर्क');
    await visits.getByLabel('Activity title in English').fill('College visits');
    await visits.getByRole('radio', { name: /^Reported by the units/ }).check();
    // No kind of event for a reported activity.
    expect(await visits.getByLabel('Kind of event').count()).toBe(0);
    await visits.getByLabel('Target for every unit of level').selectOption('district');
    await visits.getByLabel('Target for each unit').fill('10');

    await page.getByRole('button', { name: 'Add a phase' }).click();
    const second = page.getByRole('group', { name: 'Phase 2', exact: true });
    // It starts the day after the first ends.
    expect(await second.getByLabel('Starts on').inputValue()).toBe(day(7));
    await second.getByLabel('Phase title in English').fill('Volunteer conferences');
    await second.getByLabel('Ends on').fill(day(20));
    const volunteers = second.getByRole('group', { name: 'Activity 1', exact: true });
    await volunteers.getByLabel('Activity title in English').fill('Volunteers enrolled');
    await volunteers.getByRole('radio', { name: /^People enrolled/ }).check();
    await volunteers.getByLabel('Target for every unit of level').selectOption('booth');
    await volunteers.getByRole('radio', { name: /^A total, split by booths/ }).check();
    await volunteers.getByLabel('Total target for Uttar Pradesh').fill('1,00,000');
    await shot(page, 'plan-form-en', true);

    // A double tap plans one campaign.
    await page.getByRole('button', { name: 'Plan the campaign' }).dblclick();
    await page.waitForURL(/\/campaigns\/\d+$/);
    campaign = Number(/campaigns\/(\d+)/.exec(page.url())![1]);
    const list = await apiGet<{ items: Array<{ id: number; titleEn: string }> }>(leader, '/api/campaigns');
    expect(list.items.filter((c) => c.titleEn === 'App campaign').map((c) => c.id)).toEqual([campaign]);
  });

  it('opens its page: the timeline, and per activity the target against what was achieved', async () => {
    await expectVisible(page.getByRole('heading', { level: 1, name: 'App campaign' }));
    await expectVisible(page.getByText('Campaign planned. Its figures are counted within a minute.'));
    const timeline = page.getByRole('region', { name: 'Phases' });
    await expectVisible(timeline.getByRole('listitem').filter({ hasText: 'District workshops' }).getByText('Running now'));
    await expectVisible(timeline.getByRole('listitem').filter({ hasText: 'Volunteer conferences' }).getByText('Later'));
    await expectVisible(page.getByRole('heading', { name: 'Progress at Uttar Pradesh' }));

    // Above the districts the figures are the background count's: they come within seconds.
    const workshops = card(page, 'One workshop per district');
    await eventually(page, workshops.getByText(`0 of ${districts}`, { exact: true }));
    await expectVisible(workshops.getByText('Counted in Setu', { exact: true }));
    await expectVisible(workshops.getByText(/^as of \d\d:\d\d$/));
    await expectVisible(row(workshops, 'Paschim').getByText(`0 of ${paschimDistricts}`));
    // One each: the units that met their target are the credited figure itself, so no second line says it again.
    expect(await workshops.getByText(/met their target/).count()).toBe(0);
    const visits = card(page, 'College visits');
    await expectVisible(visits.getByText(`0 of ${districts * 10}`, { exact: true }));
    await expectVisible(visits.getByText('Reported by units', { exact: true }));
    await expectVisible(card(page, 'Volunteers enrolled').getByText('Counted in Setu', { exact: true }));
    await shot(page, 'page-en', true);
  });

  it('drills down to a region and adjusts a district’s target in place', async () => {
    await row(card(page, 'One workshop per district'), 'Paschim').getByRole('link').click();
    await expectVisible(page.getByRole('heading', { name: 'Progress at Paschim' }));
    await expectVisible(page.getByRole('navigation', { name: 'Where this is' }).getByRole('link', { name: 'Uttar Pradesh' }));
    const workshops = card(page, 'One workshop per district');
    // The districts are the target level: counted on the spot, one each.
    await expectVisible(workshops.getByText('Counted in Setu · counted just now'));
    await expectVisible(row(workshops, 'Sambhal').getByText('0 of 1'));
    await workshops.getByRole('button', { name: 'Adjust targets' }).click();
    await workshops.getByLabel('Target for Sambhal').fill('3');
    await shot(page, 'adjust-en', true);
    await workshops.getByRole('button', { name: 'Save targets' }).click();
    await expectVisible(workshops.getByText('Targets saved. The totals above follow within a minute.'));
    await expectVisible(row(workshops, 'Sambhal').getByText('0 of 3'));
    await expectVisible(row(workshops, 'Sambhal').getByText('adjusted'));
    // The region's own total follows after the recount.
    await eventually(page, card(page, 'One workshop per district').getByText(`0 of ${paschimDistricts + 2}`, { exact: true }));
  });

  it('the district convener sees the campaign on her phone and reports her district’s figure', async () => {
    await signInByApi(district, setu, DISTRICT_CONVENER);
    await phone.goto('/campaigns');
    await expectVisible(phone.getByRole('heading', { level: 1, name: 'अभियान' }));
    const item = phone.getByRole('link', { name: /^ऐप अभियान/ });
    await expectVisible(item);
    await expectVisible(item.getByText('अभी: जिला कार्यशालाएं', { exact: false }));
    expect(await item.textContent()).toContain('चल रहा है');
    await shot(phone, 'list-hi');

    await item.click();
    await expectVisible(phone.getByRole('heading', { level: 1, name: 'ऐप अभियान' }));
    await expectVisible(phone.getByRole('heading', { name: 'संभल की प्रगति' }));
    // Her district is of the activities' level: its own figures, counted on the spot, with the adjusted target.
    const workshops = card(phone, 'हर जिले में एक कार्यशाला');
    await expectVisible(workshops.getByText('3 में से 0', { exact: true }));
    await expectVisible(workshops.getByText('सेतु में गिना गया', { exact: true }));
    const visits = card(phone, 'कॉलेज संपर्क');
    await expectVisible(visits.getByText('10 में से 0', { exact: true }));
    await expectVisible(visits.getByText('इकाइयों ने रिपोर्ट किया', { exact: true }));
    await shot(phone, 'page-hi', true);

    // More than her target: 10 of 10 is credited, the 12 shown beside it.
    await visits.getByLabel('अब तक कितना हुआ').fill('12');
    await visits.getByRole('button', { name: 'भेजें' }).click();
    await expectVisible(visits.getByText('आंकड़ा भेज दिया गया।'));
    await expectVisible(visits.getByText('10 में से 10', { exact: true }));
    await expectVisible(visits.getByText('कुल 12 गिने गए', { exact: false }));
    await visits.screenshot({ path: '/tmp/campaigns-report-hi.png' });

    // A workshop held in her district counts at once at her level.
    const { unit } = (await apiGet<{ positions: Array<{ unit: { id: number } }> }>(district, '/api/me')).positions[0]!;
    const sent = await district.request.post('/api/events', {
      data: {
        clientKey: 'e2e-campaign-workshop',
        unitId: unit.id,
        kind: 'workshop',
        titleHi: 'जिला कार्यशाला',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        endsAt: new Date().toISOString(),
        audience: { levels: ['booth'] },
      },
    });
    expect(sent.status()).toBe(201);
    const held = await district.request.put(`/api/events/${((await sent.json()) as { id: number }).id}/record`, { data: { held: true } });
    expect(held.status()).toBe(200);
    await phone.reload();
    await expectVisible(card(phone, 'हर जिले में एक कार्यशाला').getByText('3 में से 1', { exact: true }));

    // The planning form on her phone, in Hindi (not sent).
    await phone.goto('/campaigns/new');
    await expectVisible(phone.getByRole('heading', { level: 1, name: 'नया अभियान' }));
    await expectVisible(phone.getByRole('radio', { name: 'संभल · जिला', checked: true }));
    await shot(phone, 'plan-form-hi', true);
  });

  it('her figures reach the region at once and the state after the recount', async () => {
    await page.reload();
    await expectVisible(page.getByRole('heading', { name: 'Progress at Paschim' }));
    await expectVisible(row(card(page, 'College visits'), 'Sambhal').getByText('10 of 10'));
    await expectVisible(row(card(page, 'College visits'), 'Sambhal').getByText('12 counted in all'));
    await expectVisible(row(card(page, 'One workshop per district'), 'Sambhal').getByText('1 of 3'));
    await page.goto(`/campaigns/${campaign}`);
    // Her surplus fills no other district's gap: 10 credited, 12 counted, one district met its target.
    await eventually(page, card(page, 'College visits').getByText(`10 of ${(districts * 10).toLocaleString('en-IN')}`, { exact: true }));
    await expectVisible(card(page, 'College visits').locator('.own-figure').getByText('12 counted in all'));
    await expectVisible(card(page, 'College visits').getByText(`Units at District level that met their target: 1 of ${districts}`));
    // What happened (the workshop) is recounted above the districts at most once a minute.
    await eventually(page, card(page, 'One workshop per district').getByText(`1 of ${districts + 2}`, { exact: true }), 90_000);
    await shot(page, 'page-after-en', true);
    // The state convener on a phone, in Hindi: the same page.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
    await expectVisible(page.getByRole('heading', { name: 'उत्तर प्रदेश की प्रगति' }));
    await shot(page, 'state-phone-hi', true);
  });
});
