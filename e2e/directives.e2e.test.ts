import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot, signInByApi, watchCsp, waitForServiceWorker } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';

const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal district
const BOOTH_WORKER = '+919000000012'; // Sunita Jatav, a member at one booth in Sambhal
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
/** A 1×1 PNG: the report's photo. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A picture of the screen for a person to look at: /tmp/directives-NAME.png, taken once the fonts are in. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `/tmp/directives-${name}.png`, animations: 'disabled', fullPage });
}

/** A `datetime-local` value `hours` from now in the browser's time zone (the test runs in the same one). */
function localIn(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

interface CoverageAnswer {
  totals: { targets: number; acked: number };
}

/**
 * The directive's whole path through the UI: the district convener writes one for every booth of the district, sees
 * the preview (who it reaches, who has nobody to receive it) and sends it; a booth worker on a phone finds it in the
 * inbox with a badge and acknowledges it, and the convener's open progress page moves by itself. Then a second one is
 * acknowledged with the phone offline: it waits on the phone, visibly, and goes once the phone is online.
 */
describe(`directives from a district down to a booth (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let leader: BrowserContext;
  let worker: BrowserContext;
  let leaderPage: Page;
  let page: Page;
  let first: number;
  const acks: Array<{ url: string; at: string | undefined }> = [];
  const consoleLines: string[] = [];

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    // The convener at a desk, reading English; the booth worker on a phone, reading Hindi.
    leader = await browser.newContext({ baseURL: setu.url, viewport: { width: 1024, height: 900 }, locale: 'en-IN', serviceWorkers: 'allow' });
    await watchCsp(leader);
    leader.setDefaultTimeout(15_000);
    worker = await phoneContext(browser, setu, 'hi-IN');
    leaderPage = await leader.newPage();
    page = await worker.newPage();
    for (const [who, p] of [
      ['leader', leaderPage],
      ['worker', page],
    ] as const)
      p.on('console', (m) => consoleLines.push(`${who} ${m.type()}: ${m.text()}`));
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && /\/api\/directives\/\d+\/units\/\d+\/ack$/.test(r.url()))
        acks.push({ url: r.url(), at: (r.postDataJSON() as { at?: string }).at });
    });
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      console.error(`page console:\n${consoleLines.slice(-40).join('\n')}`);
      const name = task.name.slice(0, 40).replace(/\W+/g, '-');
      await screenshot(page, `failed-directives-worker-${name}`).catch(() => {});
      await screenshot(leaderPage, `failed-directives-leader-${name}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await leader?.close();
    await worker?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('the district convener previews a directive to every booth and sends it', async () => {
    await signInByApi(leader, setu, DISTRICT_CONVENER);
    await leaderPage.goto('/directives/new');
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'New directive' }));
    // Her one unit to issue from is chosen for her; the audience starts empty (a level ticked for her once sent a
    // directive meant for the mandals to every booth), offering only the levels below it.
    await expectVisible(leaderPage.getByRole('radio', { name: 'Sambhal · District' }));
    expect(await leaderPage.getByRole('radio', { name: 'Sambhal · District' }).isChecked()).toBe(true);
    expect(await leaderPage.getByRole('checkbox', { name: 'Booth', exact: true }).isChecked()).toBe(false);
    expect(await leaderPage.getByRole('checkbox', { name: 'District', exact: true }).count()).toBe(0);
    await leaderPage.getByRole('checkbox', { name: 'Booth', exact: true }).check();

    await leaderPage.getByLabel('Title in Hindi').fill('रविवार को बूथ बैठक');
    await leaderPage.getByLabel('Title in English').fill('Booth meeting on Sunday');
    await leaderPage.getByLabel('Details in Hindi (optional)').fill('हर बूथ पर रविवार शाम 5 बजे बैठक करें और उपस्थिति भेजें।');
    await leaderPage.getByLabel('Links (optional)').fill('https://example.org/agenda');
    await leaderPage.getByRole('radio', { name: 'High' }).check();
    await leaderPage.getByLabel('Due by').fill(localIn(48));

    // The preview: every booth of the district, the two people at the demo's one staffed booth, and the rest empty.
    const preview = leaderPage.getByRole('region', { name: 'Who it will reach' });
    /** The two figures of the preview, once counted. */
    const reach = async () => {
      await expectVisible(preview.locator('.reach'));
      const [units, people] = await preview.locator('.reach dd').allTextContents();
      return { units: Number(units!.replace(/,/g, '')), people: Number(people) };
    };
    await expectVisible(preview.getByText(/units have nobody to receive it/));
    const { units, people } = await reach();
    expect(people).toBe(2);
    expect(units).toBeGreaterThan(100);
    await expectVisible(preview.getByText(`${(units - 1).toLocaleString('en-IN')} units have nobody to receive it.`));
    await preview.getByText('Some of them').click();
    await shot(leaderPage, 'issue-preview-en');
    // The same form on a phone, in English and in Hindi (the switch keeps what was typed).
    await leaderPage.setViewportSize({ width: 360, height: 740 });
    await shot(leaderPage, 'issue-form-phone-en', true);
    await leaderPage.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
    const previewHi = leaderPage.getByRole('region', { name: 'किस तक पहुंचेगा' });
    await expectVisible(previewHi.getByText('इकाइयों में इसे पाने वाला कोई नहीं है।', { exact: false }));
    expect(await leaderPage.getByLabel('शीर्षक अंग्रेज़ी में').inputValue()).toBe('Booth meeting on Sunday');
    await shot(leaderPage, 'issue-form-phone-hi', true);
    await leaderPage.evaluate(() => window.scrollTo(0, 0));
    await shot(leaderPage, 'issue-form-phone-hi-top');
    await leaderPage.getByRole('group', { name: 'क्या करना है' }).scrollIntoViewIfNeeded();
    await shot(leaderPage, 'issue-form-phone-hi-middle');
    await previewHi.screenshot({ path: '/tmp/directives-issue-preview-phone-hi.png' });
    await leaderPage.getByRole('button', { name: /Read in English/ }).click();
    await leaderPage.setViewportSize({ width: 1024, height: 900 });

    // Narrowing to the social-media department leaves nobody (both booth people hold no department), and says so.
    await leaderPage.getByRole('checkbox', { name: 'Social media department' }).check();
    await expectVisible(preview.getByText(`${units.toLocaleString('en-IN')} units have nobody to receive it.`));
    expect(await reach()).toEqual({ units, people: 0 });
    await leaderPage.getByRole('checkbox', { name: 'Social media department' }).uncheck();
    await expectVisible(preview.getByText(`${(units - 1).toLocaleString('en-IN')} units have nobody to receive it.`));
    expect(await reach()).toEqual({ units, people: 2 });

    await leaderPage.getByRole('button', { name: `Send to ${units.toLocaleString('en-IN')} units` }).click();
    await leaderPage.waitForURL(/\/directives\/\d+\/coverage/);
    first = Number(/directives\/(\d+)\//.exec(leaderPage.url())![1]);
    await leaderPage.waitForURL(`**/directives/${first}/coverage`); // the "sent" note is not kept in the address
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'Progress: Booth meeting on Sunday' }));
    await expectVisible(leaderPage.getByText('Directive sent.'));
    await expectVisible(leaderPage.getByRole('status').getByText('Live', { exact: true }));
    await expectVisible(leaderPage.getByText('Acknowledged: 0'));
    await expectVisible(leaderPage.getByText(`${units.toLocaleString('en-IN')} target units`));
    // Its issuer also sees how its messages outside the app went: this server has no channel, so none has gone yet.
    const outside = leaderPage.getByRole('region', { name: 'Messages outside the app' });
    await expectVisible(outside.getByText('The directive'));
    await expectVisible(outside.getByText('Not sent outside the app yet.'));
    await shot(leaderPage, 'coverage-sent-en', true);
  });

  it('a booth worker sees it in the inbox with a badge and acknowledges it; the open progress page moves by itself', async () => {
    await signInByApi(worker, setu, BOOTH_WORKER);
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Sunita Jatav' }));
    // The header's badge: one directive needs her.
    const nav = page.getByRole('link', { name: 'निर्देश: 1 पर आपका काम बाकी' });
    await expectVisible(nav);
    expect(await nav.textContent()).toBe('निर्देश1');
    await nav.click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'निर्देश' }));
    const item = page.getByRole('link', { name: /रविवार को बूथ बैठक/ });
    await expectVisible(item);
    for (const badge of ['ज़रूरी', 'पुष्टि करें', 'संभल से']) expect(await item.textContent()).toContain(badge);
    expect(await item.textContent()).toMatch(/समय सीमा: /);
    await shot(page, 'inbox-hi');

    // The leader's page is the one opened before: no reload from here on.
    await leaderPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await item.click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'रविवार को बूथ बैठक' }));
    await expectVisible(page.getByText('हर बूथ पर रविवार शाम 5 बजे बैठक करें और उपस्थिति भेजें।'));
    await expectVisible(page.getByRole('link', { name: 'https://example.org/agenda' }));
    await expectVisible(page.getByText('अभी पुष्टि नहीं हुई।'));
    await shot(page, 'directive-hi', true);

    await page.getByRole('button', { name: 'प्राप्ति की पुष्टि करें' }).click();
    await expectVisible(page.getByText(/^✓ देख लिया — Sunita Jatav, \d\d:\d\d$/));
    await expectGone(page.getByRole('button', { name: 'प्राप्ति की पुष्टि करें' }));
    expect(acks).toHaveLength(1);
    // The badge goes with it.
    await expectVisible(page.getByRole('link', { name: 'निर्देश', exact: true }));

    // On the convener's screen, within a few seconds and without a reload.
    await expectVisible(leaderPage.getByText('Acknowledged: 1'), 10_000);
    expect(await leaderPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expectVisible(leaderPage.getByRole('status').getByText('Live', { exact: true }));
    await shot(leaderPage, 'coverage-en');

    // Drilling down towards the booth: the assembly, the mandal, the shakti kendra, whose booths are the targets.
    for (let depth = 0; depth < 3; depth++) {
      const acked = leaderPage.locator('.coverage-list > li').filter({ hasText: /1 of [\d,]+ acknowledged/ });
      await acked.first().getByRole('link').click();
      await expectVisible(leaderPage.getByText('Acknowledged: 1'));
    }
    await expectVisible(leaderPage.locator('.coverage-list > li').filter({ hasText: '1 of 1 acknowledged' }).first());
    await shot(leaderPage, 'coverage-drilled-en', true);
    // The units still behind, with whom to call (names, roles, masked numbers).
    await leaderPage.goBack();
    await expectVisible(leaderPage.getByRole('region', { name: 'Not complete yet' }));
  });

  it('acknowledges while offline: it waits on the phone, visibly, and is sent once the phone is online', async () => {
    // A second directive, sent through the API this time.
    const issued = await leader.request.post('/api/directives', {
      data: {
        clientKey: 'e2e-second-directive',
        unitId: ((await (await leader.request.get('/api/me')).json()) as { positions: Array<{ unit: { id: number } }> }).positions[0]!.unit.id,
        titleHi: 'मतदाता सूची जांचें',
        ask: 'ack',
        audience: { levels: ['booth'] },
      },
    });
    expect(issued.status()).toBe(201);
    const second = ((await issued.json()) as { id: number }).id;
    expect(second).not.toBe(first);

    // The convener watches the shakti kendra above the worker's booth: the booth is behind, with whom to call.
    const boothId = ((await (await worker.request.get('/api/me')).json()) as { positions: Array<{ unit: { id: number } }> }).positions[0]!.unit.id;
    const { parentId } = (await (await leader.request.get(`/api/units/${boothId}`)).json()) as { parentId: number };
    await leaderPage.goto(`/directives/${second}/coverage/${parentId}`);
    const behind = leaderPage.getByRole('region', { name: 'Not complete yet' });
    await expectVisible(behind.getByRole('link', { name: 'Sunita Jatav' }));
    await expectVisible(behind.getByRole('link', { name: 'Ramesh Pal' }));
    await expectVisible(behind.getByText('+91 90•••••012'));
    await expectVisible(leaderPage.getByText('Acknowledged: 0'));
    await shot(leaderPage, 'laggards-en', true);

    // Read once online: the inbox and the directive are now kept on the phone.
    await page.goto('/directives');
    await waitForServiceWorker(page);
    await page.getByRole('link', { name: /मतदाता सूची जांचें/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'मतदाता सूची जांचें' }));
    await page.getByRole('link', { name: '‹ सभी निर्देश' }).click();
    await expectVisible(page.getByRole('link', { name: /मतदाता सूची जांचें/ }));

    await worker.setOffline(true);
    await page.getByRole('link', { name: /मतदाता सूची जांचें/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'मतदाता सूची जांचें' }));
    await expectVisible(page.getByText('आप ऑफ़लाइन हैं। इस फ़ोन पर सहेजी गई जानकारी दिखाई जा रही है।'));
    const offlineAt = Date.now();
    await page.getByRole('button', { name: 'प्राप्ति की पुष्टि करें' }).click();
    await expectVisible(page.getByText(/^भेजना बाकी — इस फ़ोन पर \d\d:\d\d को किया।/));
    await expectVisible(page.getByText('1 भेजना बाकी'));
    await expectVisible(page.getByText('इंटरनेट नहीं है: फ़ोन ऑनलाइन होते ही भेज दिया जाएगा।'));
    await shot(page, 'directive-offline-waiting-hi', true);
    // The inbox says so too, and no longer counts it as something to do.
    await page.getByRole('link', { name: '‹ सभी निर्देश' }).click();
    const waitingItem = page.getByRole('link', { name: /मतदाता सूची जांचें/ });
    await expectVisible(waitingItem);
    expect(await waitingItem.textContent()).toContain('भेजना बाकी');
    await expectVisible(page.getByRole('link', { name: 'निर्देश', exact: true }));
    await shot(page, 'inbox-offline-hi');
    const coverage = async () => ((await (await leader.request.get(`/api/directives/${second}/coverage`)).json()) as CoverageAnswer).totals.acked;
    expect(await coverage()).toBe(0);
    await new Promise((r) => setTimeout(r, 1_500)); // the phone really holds it: a second and a half later, still nothing
    expect(await coverage()).toBe(0);

    await worker.setOffline(false);
    await expectGone(waitingItem.getByText('भेजना बाकी'), 15_000);
    // The waiting mark goes when the queue empties; the inbox then reloads with the acknowledgement.
    await expect.poll(() => waitingItem.textContent(), { timeout: 10_000 }).toContain('✓ देख लिया');
    await expect.poll(coverage, { timeout: 10_000 }).toBe(1);
    // The convener's open page follows: the count moves, and the booth leaves the list of those behind.
    await expectVisible(leaderPage.getByText('Acknowledged: 1'), 10_000);
    await expectGone(behind.getByRole('link', { name: 'Sunita Jatav' }), 10_000);
    // Sent once, with the time it was made on the phone, offline.
    const sent = acks.filter((a) => a.url.includes(`/directives/${second}/`));
    expect(sent).toHaveLength(1);
    expect(Date.parse(sent[0]!.at!)).toBeGreaterThanOrEqual(offlineAt - 1_000);
    expect(Date.parse(sent[0]!.at!)).toBeLessThan(offlineAt + 10_000);
    const mine = ((await (await worker.request.get(`/api/directives/${second}`)).json()) as { mine: Array<{ ackedAt: string }> }).mine[0]!;
    expect(Date.parse(mine.ackedAt)).toBe(Date.parse(sent[0]!.at!));

    // The same screens in English.
    await page.getByRole('button', { name: /Read in English/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Directives' }));
    // A directive written only in Hindi shows in Hindi, the rest in English.
    await expectVisible(page.getByRole('link', { name: /मतदाता सूची जांचें/ }));
    await expectVisible(page.getByRole('link', { name: /Booth meeting on Sunday/ }));
    await shot(page, 'inbox-en');
    await page.getByRole('link', { name: /Booth meeting on Sunday/ }).click();
    await expectVisible(page.getByText(/^✓ Acknowledged by Sunita Jatav, \d\d:\d\d$/));
    await shot(page, 'directive-en', true);
    await page.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
  });

  it('marks a directive done with a report and a photo', async () => {
    const issued = await leader.request.post('/api/directives', {
      data: {
        clientKey: 'e2e-report-directive',
        unitId: ((await (await leader.request.get('/api/me')).json()) as { positions: Array<{ unit: { id: number } }> }).positions[0]!.unit.id,
        titleHi: 'बूथ पर दीवार लेखन',
        titleEn: 'Wall writing at the booth',
        ask: 'report',
        audience: { levels: ['booth'] },
      },
    });
    expect(issued.status()).toBe(201);
    const reportId = ((await issued.json()) as { id: number }).id;
    // The convener has its progress open before anything comes back.
    await leaderPage.goto(`/directives/${reportId}/coverage`);
    const reports = leaderPage.getByRole('region', { name: 'Reports' });
    await expectVisible(reports.getByText('No reports yet.'));

    await page.goto('/directives');
    await page.getByRole('link', { name: /बूथ पर दीवार लेखन/ }).click();
    await expectVisible(page.getByText('काम करें, फिर रिपोर्ट भेजें।'));
    await page.getByRole('button', { name: 'पूरा हुआ बताएं' }).click();
    // Nothing written: the form says what it needs before anything is saved.
    await page.getByRole('button', { name: 'रिपोर्ट भेजें' }).click();
    await expectVisible(page.getByText('लिखें कि क्या किया गया, या लिंक या फोटो जोड़ें।'));
    await page.getByLabel('क्या किया गया').fill('तीन दीवारों पर लेखन पूरा।');
    await page.getByLabel('फोटो (वैकल्पिक)').setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    await shot(page, 'report-form-hi', true);
    await page.getByRole('button', { name: 'रिपोर्ट भेजें' }).click();
    await expectVisible(page.getByText(/^✓ पूरा हुआ — रिपोर्ट Sunita Jatav ने भेजी, \d\d:\d\d$/));
    await expectVisible(page.getByText('तीन दीवारों पर लेखन पूरा।'));
    await expectVisible(page.getByRole('img', { name: /की रिपोर्ट की फोटो$/ }));
    await shot(page, 'report-done-hi', true);

    // It comes up the tree: on the convener's open progress page, without a reload, with who, when, where and the photo.
    await expectVisible(reports.getByText('तीन दीवारों पर लेखन पूरा।'), 15_000);
    await expectVisible(reports.getByText(/^Sent by Sunita Jatav, \d\d:\d\d$/));
    const photo = reports.getByRole('img', { name: /^Report photo from / });
    await expectVisible(photo);
    await leaderPage.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await photo.elementHandle());
    await expectGone(reports.getByText('No reports yet.'));
    await expectVisible(leaderPage.getByText('Done: 1'));
    await reports.scrollIntoViewIfNeeded();
    await shot(leaderPage, 'reports-en');
    // And at the booth's shakti kendra, in Hindi.
    const boothId = ((await (await worker.request.get('/api/me')).json()) as { positions: Array<{ unit: { id: number } }> }).positions[0]!.unit.id;
    const { parentId } = (await (await leader.request.get(`/api/units/${boothId}`)).json()) as { parentId: number };
    await leaderPage.goto(`/directives/${reportId}/coverage/${parentId}`);
    await leaderPage.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
    const reportsHi = leaderPage.getByRole('region', { name: 'रिपोर्ट' });
    await expectVisible(reportsHi.getByText('तीन दीवारों पर लेखन पूरा।'));
    await expectVisible(reportsHi.getByText(/^रिपोर्ट Sunita Jatav ने भेजी, \d\d:\d\d$/));
    await expectVisible(reportsHi.getByRole('img', { name: /की रिपोर्ट की फोटो$/ }));
    await leaderPage.setViewportSize({ width: 360, height: 740 });
    await reportsHi.scrollIntoViewIfNeeded();
    await shot(leaderPage, 'reports-phone-hi');
    await leaderPage.setViewportSize({ width: 1024, height: 900 });
    await leaderPage.getByRole('button', { name: /Read in English/ }).click();
  });

  it('the convener follows both in the sent list, and the progress page reads in Hindi', async () => {
    await leaderPage.goto('/directives/sent');
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'Sent & following' }));
    const item = leaderPage.getByRole('link', { name: /Booth meeting on Sunday/ });
    expect(await item.textContent()).toMatch(/1 of [\d,]+ units complete/);
    await shot(leaderPage, 'sent-en');
    await item.click();
    await leaderPage.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'प्रगति: रविवार को बूथ बैठक' }));
    await expectVisible(leaderPage.getByText('देख लिया: 1'));
    await shot(leaderPage, 'coverage-hi', true);
  });

  it('the convener declares a silence period for the district: the preview skips its units, and it can be cancelled', async () => {
    const district = ((await (await leader.request.get('/api/me')).json()) as { positions: Array<{ unit: { id: number } }> }).positions[0]!.unit.id;
    await leaderPage.goto(`/units/${district}`);
    await leaderPage.getByRole('link', { name: 'मौन अवधि' }).click();
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'मौन अवधि: संभल' }));
    await expectVisible(leaderPage.getByText('पिछले 30 दिनों में या आगे कोई मौन अवधि नहीं।'));
    await leaderPage.getByLabel('शुरू', { exact: true }).fill(localIn(-1));
    // The end follows as the Election Commission's 48 hours.
    expect(await leaderPage.getByLabel('खत्म', { exact: true }).inputValue()).toBe(localIn(47));
    await leaderPage.getByLabel('कारण', { exact: true }).fill('संभल में मतदान से पहले के 48 घंटे');
    await leaderPage.getByRole('button', { name: 'घोषित करें' }).click();
    await expectVisible(leaderPage.getByText('मौन अवधि घोषित हो गई।'));
    await expectVisible(leaderPage.getByText('अभी चल रही है'));
    await shot(leaderPage, 'silence-hi', true);

    // A directive to the district's booths now reaches none of them, and the preview says why.
    await leaderPage.goto('/directives/new');
    const preview = leaderPage.getByRole('region', { name: 'किस तक पहुंचेगा' });
    await expectVisible(preview.getByText(/^[\d,]+ इकाइयों में मौन अवधि चल रही है, उन्हें छोड़ दिया जाएगा।$/));
    await expectVisible(preview.getByText(/^संभल: मौन अवधि .+ तक$/));
    expect(await preview.locator('.reach dd').allTextContents()).toEqual(['0', '0']);
    await preview.screenshot({ path: '/tmp/directives-preview-silenced-hi.png' });

    await leaderPage.goBack();
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'मौन अवधि: संभल' }));
    await leaderPage.getByRole('button', { name: 'रद्द करें' }).click();
    await leaderPage.getByRole('button', { name: 'हां, रद्द करें' }).click();
    await expectVisible(leaderPage.getByText('मौन अवधि रद्द कर दी गई।'));
    await expectVisible(leaderPage.getByText('रद्द', { exact: true }));
  });
});
