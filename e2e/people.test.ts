import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { apiGet, launchChromium, phoneContext, screenshot, signInByApi, waitForServiceWorker } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import type { UnitRow } from './support/tree.ts';

const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** Nothing on the screen is wider than the phone (no sideways scrolling). */
async function fitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

interface PersonRow {
  id: number;
  name: string;
  phoneMasked: string | null;
  consents: string[];
  homeUnit: UnitRow | null;
}
interface Coverage {
  total: { groups: number };
  gaps: Array<{ unit: UnitRow; missing: Array<'workers' | 'public'> }>;
}
interface Group {
  id: number;
  name: string;
  purpose: string;
  memberCount: number | null;
  lastCheckedAt: string | null;
}

/**
 * The people screens on a phone, in Hindi, as the district IT convener of Sambhal: a booth's people found by a name
 * typed in Devanagari that is stored in Latin letters; a person's number revealed and a consent withdrawn; then the
 * WhatsApp-group coverage of the district and a group added where one was missing. The demo (`setu start`) has
 * supporters met door to door at booths of Chandausi, Rajesh Saini among them, with consent to updates and groups.
 */
describe(`people and WhatsApp groups on a phone (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let district: UnitRow;
  let rajesh: PersonRow;

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    context = await phoneContext(browser, setu, 'hi-IN');
    await signInByApi(context, setu, DISTRICT_CONVENER);
    page = await context.newPage();
    // The server under test runs on the engine this suite is for.
    expect(((await (await fetch(`${setu.url}/api/health`)).json()) as { db: string }).db).toBe(engine);
    const me = await apiGet<{ positions: Array<{ unit: UnitRow }> }>(context, '/api/me');
    district = me.positions[0]!.unit;
    const found = await apiGet<{ items: PersonRow[] }>(context, `/api/units/${district.id}/people?q=Rajesh%20Saini`);
    rajesh = found.items.find((p) => p.name === 'Rajesh Saini')!;
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `failed-people-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('opens a booth’s people from the booth’s page and finds “राजेश” written as Rajesh', async () => {
    expect(rajesh).toMatchObject({ consents: expect.arrayContaining(['org_updates', 'whatsapp_groups']) as unknown });
    const booth = rajesh.homeUnit!;
    expect(booth.level).toBe('booth');
    await page.goto(`/units/${booth.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: booth.nameHi }));
    await page.getByRole('link', { name: 'लोग', exact: true }).click();
    await page.waitForURL(`**/units/${booth.id}/people`);
    await expectVisible(page.getByRole('heading', { level: 1, name: `लोग: ${booth.nameHi}` }));
    const list = page.getByRole('region', { name: 'लोग', exact: true });
    // Everyone at the booth first, numbers masked: Vinod Yadav is one of them.
    await expectVisible(list.getByRole('link', { name: /Vinod Yadav/ }));

    await page.getByLabel('नाम से खोजें').fill('राजेश');
    const hit = list.getByRole('link', { name: /Rajesh Saini/ });
    await expectVisible(hit);
    await expectGone(list.getByRole('link', { name: /Vinod Yadav/ }));
    // The number is masked, the consents are badges.
    const text = (await hit.textContent()) ?? '';
    expect(text).toContain(rajesh.phoneMasked);
    expect(text).not.toMatch(/\d{10}/);
    expect(text).toContain('सूचनाएं');
    expect(text).toContain('व्हाट्सएप ग्रुप');
    await expectVisible(page.getByText('1 व्यक्ति'));
    await fitsWidth(page);
    await screenshot(page, 'people-list-hi');
  });

  it('opens the person, reveals the number (saying it is logged) and withdraws consent to WhatsApp groups', async () => {
    await page
      .getByRole('region', { name: 'लोग', exact: true })
      .getByRole('link', { name: /Rajesh Saini/ })
      .click();
    await page.waitForURL(`**/people/${rajesh.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Rajesh Saini' }));
    await expectVisible(page.getByText(rajesh.phoneMasked!));
    await expectVisible(page.getByText('जब भी पूरा नंबर दिखाया जाता है, वह आपके नाम से ऑडिट लॉग में दर्ज होता है।'));

    await page.getByRole('button', { name: 'पूरा नंबर देखें' }).click();
    const call = page.getByRole('link', { name: 'कॉल करें' });
    await expectVisible(call);
    const href = (await call.getAttribute('href'))!;
    expect(href).toMatch(/^tel:\+91\d{10}$/);
    const whole = href.slice('tel:'.length);
    expect(whole.slice(-3)).toBe(rajesh.phoneMasked!.slice(-3));
    await expectVisible(page.getByText(`+91 ${whole.slice(3, 8)} ${whole.slice(8)}`));
    expect(await page.getByRole('link', { name: 'व्हाट्सएप में खोलें' }).getAttribute('href')).toBe(`https://wa.me/${whole.slice(1)}`);
    await expectVisible(page.getByText('नंबर आपको दिखाया गया; यह ऑडिट लॉग में दर्ज हुआ।'));

    // Withdraw: a confirmation first, then the consent is closed at once.
    const notices = await apiGet<{ items: Array<{ purpose: string; titleHi: string }> }>(context, '/api/notices');
    const groupsTitle = notices.items.find((n) => n.purpose === 'whatsapp_groups')!.titleHi;
    await page.getByRole('button', { name: `सहमति वापस लें: ${groupsTitle}` }).click();
    await expectVisible(page.getByText(`“${groupsTitle}” की सहमति वापस लें?`, { exact: false }));
    await page.getByRole('button', { name: 'हां, वापस लें' }).click();
    await expectVisible(page.getByText(`“${groupsTitle}” की सहमति वापस ले ली गई।`));
    await expectVisible(page.getByText('वापस ली', { exact: true }));
    const after = await apiGet<PersonRow>(context, `/api/people/${rajesh.id}`);
    expect(after.consents).toEqual(['org_updates']);
    // The other consent stays, with its own withdraw button.
    const updatesTitle = notices.items.find((n) => n.purpose === 'org_updates')!.titleHi;
    await expectVisible(page.getByRole('button', { name: `सहमति वापस लें: ${updatesTitle}` }));
    await expectGone(page.getByRole('button', { name: `सहमति वापस लें: ${groupsTitle}` }));
    await page.getByRole('heading', { level: 1, name: 'Rajesh Saini' }).scrollIntoViewIfNeeded();
    await fitsWidth(page);
    await screenshot(page, 'person-hi');
  });

  it('sees the district’s group coverage with its gaps, and adds a group where one is missing', async () => {
    const before = await apiGet<Coverage>(context, `/api/units/${district.id}/group-coverage`);
    const gap = before.gaps[0]!;
    expect(gap.missing.length).toBeGreaterThan(0);

    await page.goto(`/units/${district.id}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: district.nameHi }));
    await page.getByRole('link', { name: 'व्हाट्सएप ग्रुप', exact: true }).click();
    await page.waitForURL(`**/units/${district.id}/groups`);
    await expectVisible(page.getByRole('heading', { level: 1, name: `व्हाट्सएप ग्रुप: ${district.nameHi}` }));
    const coverage = page.getByRole('region', { name: 'नीचे के ग्रुप' });
    await expectVisible(coverage.getByText(/कार्यकर्ता ग्रुप वाले बूथ: [\d,]+ में से [\d,]+/));
    const byUnit = page.getByRole('region', { name: 'इकाई के हिसाब से' });
    await expectVisible(byUnit.getByRole('link', { name: /चंदौसी/ }));
    expect(await byUnit.getByRole('meter').count()).toBeGreaterThan(3);
    await fitsWidth(page);
    await screenshot(page, 'groups-coverage-hi');

    const gaps = page.getByRole('region', { name: 'जिनका ग्रुप नहीं है' });
    await gaps
      .getByRole('link', { name: new RegExp(gap.unit.nameHi) })
      .first()
      .click();
    await page.waitForURL(`**/units/${gap.unit.id}/groups`);
    await expectVisible(page.getByRole('heading', { level: 1, name: `व्हाट्सएप ग्रुप: ${gap.unit.nameHi}` }));
    await expectVisible(page.getByText('यहां अभी कोई ग्रुप दर्ज नहीं है।'));

    await page.getByRole('button', { name: 'ग्रुप जोड़ें' }).click();
    const form = page.getByRole('region', { name: 'ग्रुप जोड़ें' });
    const purpose = gap.missing[0]!;
    await form.getByLabel('ग्रुप किसके लिए').selectOption(purpose);
    const name = `${gap.unit.nameHi} कार्यकर्ता ${Date.now() % 1000}`;
    await form.getByLabel('ग्रुप का नाम').fill(name);
    await form.getByLabel('इनवाइट लिंक (ज़रूरी नहीं)').fill('not a link');
    await form.getByLabel('अभी सदस्य (ज़रूरी नहीं)').fill('२४');
    await form.getByRole('button', { name: 'जोड़ें', exact: true }).click();
    // A link that is not WhatsApp's is refused before anything is sent.
    await expectVisible(form.getByText('व्हाट्सएप का दिया इनवाइट लिंक डालें: https://chat.whatsapp.com/…'));
    await form.getByLabel('इनवाइट लिंक (ज़रूरी नहीं)').fill('https://chat.whatsapp.com/AbCdEfGhIjKlMn12');
    await form.getByRole('button', { name: 'जोड़ें', exact: true }).click();
    await expectVisible(page.getByText(`“${name}” ग्रुप जोड़ा गया।`));
    await expectVisible(page.getByRole('region', { name: 'इस इकाई के ग्रुप' }).getByText(name, { exact: true }));
    await expectVisible(page.getByRole('region', { name: 'इस इकाई के ग्रुप' }).getByText(/^24 सदस्य/));

    const groups = await apiGet<{ items: Group[] }>(context, `/api/units/${gap.unit.id}/groups`);
    expect(groups.items).toEqual([expect.objectContaining({ name, purpose, memberCount: 24 })]);
    expect(groups.items[0]!.lastCheckedAt).not.toBeNull();
    const after = await apiGet<Coverage>(context, `/api/units/${district.id}/group-coverage`);
    expect(after.total.groups).toBe(before.total.groups + 1);
  });

  describe('in English', () => {
    let en: BrowserContext;
    let p: Page;
    let booth: UnitRow & { code: string };

    beforeAll(async () => {
      en = await phoneContext(browser, setu, 'en-IN');
      await signInByApi(en, setu, DISTRICT_CONVENER);
      p = await en.newPage();
      booth = await apiGet<UnitRow & { code: string }>(en, `/api/units/${rajesh.homeUnit!.id}`);
    });
    afterAll(async () => {
      await en?.close();
    });

    it('imports a CSV with progress and a summary, downloads the rejected rows, and adds nobody twice on a second run', async () => {
      const csv = [
        'name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent',
        `Kamla Devi,98765 43210,${booth.code},yes,36_50,hi,,,org_updates`,
        `Bad Phone,12345,${booth.code},no,,,,,`,
        `,9876543211,${booth.code},no,,,,,`,
      ].join('\n');
      await p.goto(`/units/${booth.id}/people`);
      await p.getByRole('link', { name: 'Import a CSV' }).click();
      await p.waitForURL(`**/units/${booth.id}/people/import`);
      await expectVisible(p.getByRole('heading', { level: 1, name: `Import people: ${booth.nameEn}` }));
      const upload = async () => {
        await p.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await p.getByLabel('Evidence of consent').fill('Signed forms in the Chandausi office, file 12');
        await p.getByRole('button', { name: 'Upload and import' }).click();
        await expectVisible(p.getByText('Done: 3 rows read'));
      };
      await upload();
      const summary = p.getByRole('region', { name: 'Summary' });
      const figure = async (label: string) => summary.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').textContent();
      expect(await figure('New people added')).toBe('1');
      expect(await figure('Rejected')).toBe('2');
      await expectVisible(summary.getByText('Line 3'));
      await fitsWidth(p);
      await screenshot(p, 'people-import-en');

      const [download] = await Promise.all([p.waitForEvent('download'), summary.getByRole('button', { name: 'Download rejected rows (CSV)' }).click()]);
      expect(download.suggestedFilename()).toBe('rejected-people.csv');
      const report = readFileSync((await download.path())!, 'utf8');
      expect(report.startsWith('\uFEFFline,code,reason\r\n3,bad_phone,')).toBe(true);
      expect(report).toContain('\r\n4,missing_name,');

      const kamla = await apiGet<{ items: PersonRow[] }>(en, `/api/units/${booth.id}/people?q=Kamla`);
      expect(kamla.items.map((x) => [x.name, x.consents])).toEqual([['Kamla Devi', ['org_updates']]]);

      // The same file again: Kamla is found, not added twice.
      await upload();
      expect(await figure('New people added')).toBe('0');
      expect(await figure('Already there')).toBe('1');
      expect((await apiGet<{ items: PersonRow[] }>(en, `/api/units/${booth.id}/people?q=Kamla`)).items).toHaveLength(1);
    });

    it('pages through the district’s people with “Show more”, and narrows them to workers or to a consent', async () => {
      await p.goto(`/units/${district.id}/people`);
      const list = p.getByRole('region', { name: 'People', exact: true });
      const rows = list.locator('ul.people-list > li');
      await expectVisible(list.getByText('First 50 shown'));
      expect(await rows.count()).toBe(50);
      await list.getByRole('button', { name: 'Show more' }).click();
      await expectVisible(list.getByText('First 100 shown'));
      const hrefs = await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(new Set(hrefs).size).toBe(100);

      // Every row shown carries the mark the filter asks for (polled: the list changes when the answer comes).
      const allMarked = (mark: ReturnType<typeof list.locator>) => async () => {
        const n = await rows.count();
        return n > 0 && (await list.getByRole('status').textContent()) !== 'Searching…' && (await mark.count()) === n;
      };
      await p.getByLabel('Who').selectOption('worker');
      await expect.poll(allMarked(list.locator('ul.people-list > li .pill', { hasText: 'Worker' })), { timeout: 15_000 }).toBe(true);
      await expectVisible(list.getByRole('link', { name: /Ramesh Pal/ }));

      await p.getByLabel('Who').selectOption('');
      await p.getByLabel('Consent').selectOption('whatsapp_groups');
      await expect.poll(allMarked(list.locator('ul.people-list > li .badge.consent', { hasText: 'WhatsApp group' })), { timeout: 15_000 }).toBe(true);
      // Rajesh withdrew that consent above: he is no longer among them, though his name is found without the filter.
      await p.getByLabel('Search by name').fill('Rajesh Saini');
      await expectVisible(list.getByText('Nobody found for “Rajesh Saini”.'));
      await p.getByLabel('Consent').selectOption('');
      await expectVisible(list.getByRole('link', { name: /Rajesh Saini/ }));
    });

    it('opens a roster with wa.me links (not Rajesh, who withdrew), downloads it and other personal data, and keeps none offline', async () => {
      await p.goto(`/units/${booth.id}/groups`);
      await waitForServiceWorker(p);
      const groups = await apiGet<{ items: Group[] }>(en, `/api/units/${booth.id}/groups`);
      const publicGroup = groups.items.find((g) => g.purpose === 'public')!;
      await p.getByRole('link', { name: `Roster of ${publicGroup.name}` }).click();
      await p.waitForURL(`**/groups/${publicGroup.id}/roster`);
      await expectVisible(p.getByRole('heading', { level: 1, name: `Roster: ${publicGroup.name}` }));
      await expectVisible(p.getByText('Setu never adds anyone to a group.', { exact: false }));
      const vinod = p.getByRole('link', { name: 'Open a WhatsApp chat with Vinod Yadav' });
      await expectVisible(vinod);
      expect(await vinod.getAttribute('href')).toMatch(/^https:\/\/wa\.me\/91\d{10}$/);
      await expectGone(p.getByRole('link', { name: 'Open a WhatsApp chat with Rajesh Saini' }));

      const save = async (click: () => Promise<void>) => {
        const [download] = await Promise.all([p.waitForEvent('download'), click()]);
        return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
      };
      const vcard = await save(() => p.getByRole('button', { name: 'Download contacts (vCard)' }).click());
      expect(vcard.text).toContain('BEGIN:VCARD');
      expect(vcard.text).toContain('Vinod Yadav');
      expect(vcard.text).not.toContain('Rajesh Saini');

      await p.goto(`/people/${rajesh.id}`);
      const data = await save(() => p.getByRole('button', { name: 'Download all their data (JSON)' }).click());
      expect((JSON.parse(data.text) as { person: { name: string; phone: string } }).person).toMatchObject({
        name: 'Rajesh Saini',
        phone: expect.stringMatching(/^\+91/) as unknown,
      });

      await p.goto(`/units/${booth.id}/people`);
      const csv = await save(() => p.getByRole('button', { name: 'Export CSV' }).click());
      expect(csv.name).toMatch(/\.csv$/);
      expect(csv.text).toContain('Rajesh Saini');
      await expectVisible(p.getByText(`Saved as ${csv.name}.`));

      // The service worker keeps reads for offline use, but none of these whole numbers.
      const cached = await p.evaluate(async () => ((await caches.has('setu-api')) ? (await (await caches.open('setu-api')).keys()).map((r) => r.url) : []));
      expect(cached.some((u) => u.includes(`/api/units/${booth.id}/groups`))).toBe(true);
      expect(cached.filter((u) => /roster|export/.test(u))).toEqual([]);
    });

    it('merges a duplicate written in both scripts, keeping the one chosen', async () => {
      await p.goto(`/units/${booth.id}/duplicates`);
      const pair = p.getByRole('region', { name: 'Ramesh Kumar / रमेश कुमार' });
      await expectVisible(pair.getByText('Same phone, similar name'));
      await pair.getByRole('button', { name: 'Keep “Ramesh Kumar”' }).click();
      await pair.getByRole('button', { name: 'Yes, merge' }).click();
      await expectVisible(p.getByText('“रमेश कुमार” merged into “Ramesh Kumar”.'));
      await expectGone(p.getByRole('region', { name: 'Ramesh Kumar / रमेश कुमार' }));
      const people = (await apiGet<{ items: PersonRow[] }>(en, `/api/units/${booth.id}/people?q=Ramesh%20Kumar`)).items;
      expect(people.map((x) => x.name)).toEqual(['Ramesh Kumar']);
    });

    it('erases a person only after the name is typed again and a reason given', async () => {
      const kiran = (await apiGet<{ items: PersonRow[] }>(en, `/api/units/${booth.id}/people?q=%E0%A4%95%E0%A4%BF%E0%A4%B0%E0%A4%A3`)).items[0]!;
      await p.goto(`/people/${kiran.id}`);
      await expectVisible(p.getByRole('heading', { level: 1, name: kiran.name }));
      await p.getByRole('button', { name: 'Erase this person' }).click();
      const panel = p.getByRole('region', { name: 'Erase this person' });
      await panel.getByLabel(`Type the name to confirm: ${kiran.name}`).fill('someone else');
      await panel.getByLabel('Reason').fill('Asked in person at the booth meeting');
      await panel.getByRole('button', { name: 'Erase for ever' }).click();
      await expectVisible(panel.getByText('The name does not match.'));
      expect((await apiGet<PersonRow>(en, `/api/people/${kiran.id}`)).name).toBe(kiran.name);

      await panel.getByLabel(`Type the name to confirm: ${kiran.name}`).fill(kiran.name);
      await panel.getByRole('button', { name: 'Erase for ever' }).click();
      await expectVisible(p.getByRole('heading', { level: 1, name: 'Erased' }));
      await expectVisible(p.getByText(`${kiran.name}’s data has been erased.`));
      const gone = await en.request.get(`/api/units/${booth.id}/people?q=%E0%A4%95%E0%A4%BF%E0%A4%B0%E0%A4%A3`);
      expect(((await gone.json()) as { items: PersonRow[] }).items.map((x) => x.id)).not.toContain(kiran.id);
      await p.getByRole('link', { name: `Back to the people of ${booth.nameEn}` }).click();
      await p.waitForURL(`**/units/${booth.id}/people`);
    });
  });
});
