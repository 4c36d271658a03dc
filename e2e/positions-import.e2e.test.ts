import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectVisible } from './support/expect.ts';
import { apiGet, launchChromium, phoneContext, screenshot, signInByApi } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import { pathToBooth, type UnitRow } from './support/tree.ts';

const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

type Unit = UnitRow & { code: string | null };
type Bearer = { name: string; role: string };

/**
 * Appointing many office-bearers from a file, on a 360 px phone in Hindi, as the district convener of Sambhal: from
 * the district's office-bearers to the import screen, a file of three rows (two booth conveners, and a member at the
 * district itself, which she may not appoint: a position is given from strictly above), the summary with the refused
 * row explained in Hindi, the booth showing its new convener, and the same file again appointing nobody twice.
 */
describe(`office-bearers from a CSV file (${engine})`, () => {
  let setu: RunningSetu, browser: Browser, phone: BrowserContext, page: Page;

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    phone = await phoneContext(browser, setu);
    page = await phone.newPage();
    await signInByApi(phone, setu, DISTRICT_CONVENER);
  });
  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('appoints from a file row by row, explains the refused row in Hindi, and appoints nobody twice', async () => {
    const district = (await apiGet<{ positions: Array<{ unit: { id: number } }> }>(phone, '/api/me')).positions[0]!.unit.id;
    const unit = (id: number) => apiGet<Unit>(phone, `/api/units/${id}`);
    const sambhal = await unit(district);
    const path = await pathToBooth(phone, sambhal);
    const booth = await unit(path.at(-1)!.id);
    const sibling = (await apiGet<{ items: Unit[] }>(phone, `/api/units/${path.at(-2)!.id}/children?limit=50`)).items.find((u) => u.id !== booth.id)!;
    const boothTwo = await unit(sibling.id);
    const csv = [
      'unit_code,role,department,name,phone',
      `${booth.code},convener,it,Kamla Devi,98765 41111`,
      `${boothTwo.code},convener,it,अरुण कुमार,+91 98765 42222`,
      `${sambhal.code},member,,Seema Rani,9876543333`,
    ].join('\n');

    await page.goto(`/units/${district}`);
    await page.getByRole('link', { name: 'CSV फ़ाइल से कई पदाधिकारी बनाएं' }).click();
    await page.waitForURL(`**/units/${district}/positions/import`);
    await expectVisible(page.getByRole('heading', { level: 1, name: `फ़ाइल से पदाधिकारी बनाएं: ${sambhal.nameHi}` }));
    const upload = async () => {
      await page.getByLabel('CSV फ़ाइल').setInputFiles({ name: 'bearers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'पदाधिकारी बनाएं' }).click();
      await expectVisible(page.getByText('सभी 3 पंक्तियां पढ़ी गईं।'));
    };
    await upload();
    const summary = page.getByRole('region', { name: 'सारांश' });
    const figure = async (label: string) => summary.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').textContent();
    expect(await figure('पदाधिकारी बने')).toBe('2');
    expect(await figure('लौटाई गईं')).toBe('1');
    await expectVisible(summary.getByText('आपका पद इस इकाई पर पदाधिकारी बनाने की अनुमति नहीं देता।'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'positions-import-hi');

    const bearers = (await apiGet<{ officeBearers: Bearer[] }>(phone, `/api/units/${booth.id}`)).officeBearers;
    expect(bearers).toContainEqual(expect.objectContaining({ name: 'Kamla Devi', role: 'convener' }));

    // The same file again: both already hold the position, nobody is appointed twice.
    await upload();
    expect(await figure('पदाधिकारी बने')).toBe('0');
    expect(await figure('पहले से इसी पद पर')).toBe('2');
  });
});
