import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot, SCREENSHOTS, signInByApi, waitForServiceWorker } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import type { UnitRow } from './support/tree.ts';

const BOOTH_WORKER = '+919000000012'; // Sunita Jatav, a member (no role permissions) at one booth
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

interface PersonRow {
  id: number;
  name: string;
  phoneMasked: string | null;
  whatsapp: boolean;
  ageBand: string | null;
  consents: string[];
  tags: string[];
}

/**
 * A booth worker goes door to door with a bad connection: the form opens, two people are entered offline and wait on
 * the phone (the count says so, even after a reload with no network), the connection returns and they are sent; then a
 * send whose answer is lost on the way back is retried, and the server still holds exactly one record per person.
 */
describe(`door-to-door capture offline (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let booth: UnitRow;
  let session: string;
  const posts: Array<{ name: string; clientId: string; capturedAt: string }> = [];
  const consoleLines: string[] = [];

  /** The booth's people, read through the API from outside the browser (whose network may be off). */
  async function boothPeople(): Promise<PersonRow[]> {
    const res = await fetch(`${setu.url}/api/units/${booth.id}/people?limit=200`, { headers: { cookie: `setu_session=${session}` } });
    if (!res.ok) throw new Error(`GET people: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items: PersonRow[] }).items;
  }
  const named = async (name: string) => (await boothPeople()).filter((p) => p.name === name);

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    context = await phoneContext(browser, setu, 'hi-IN');
    page = await context.newPage();
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('request', (r: Request) => {
      if (r.method() !== 'POST' || !/\/api\/units\/\d+\/people$/.test(r.url())) return;
      const body = r.postDataJSON() as { name: string; clientId: string; capturedAt: string };
      posts.push({ name: body.name, clientId: body.clientId, capturedAt: body.capturedAt });
    });
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      console.error(`page console:\n${consoleLines.slice(-30).join('\n')}`);
      await screenshot(page, `failed-capture-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await setu?.stop();
  });

  async function fillPerson(p: {
    name: string;
    phone?: string;
    whatsapp?: boolean;
    age?: string;
    language?: string;
    tags?: string;
    notes?: string;
    consent?: string[];
  }) {
    await page.getByLabel('नाम', { exact: true }).fill(p.name);
    if (p.phone) await page.getByLabel('मोबाइल नंबर (वैकल्पिक)').fill(p.phone);
    if (p.whatsapp) await page.getByRole('radio', { name: 'हाँ' }).check();
    if (p.age) await page.getByLabel('उम्र (वैकल्पिक)').selectOption(p.age);
    if (p.language) await page.getByRole('checkbox', { name: p.language }).check();
    if (p.tags) await page.getByLabel('टैग (वैकल्पिक)').fill(p.tags);
    if (p.notes) await page.getByLabel('टिप्पणी (वैकल्पिक)').fill(p.notes);
    for (const title of p.consent ?? []) await page.getByRole('group', { name: title }).getByRole('checkbox', { name: 'व्यक्ति इससे सहमत हैं' }).check();
  }

  it('opens the form from the booth page, in Hindi, with unticked consent for each notice', async () => {
    session = await signInByApi(context, setu, BOOTH_WORKER);
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Sunita Jatav' }));
    await waitForServiceWorker(page);
    // Now the worker sees the page's reads; a second visit puts the profile in its cache, for the offline reload below.
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Sunita Jatav' }));
    await page.waitForFunction(async () => Boolean(await caches.match('/api/me')), undefined, { timeout: 10_000 });
    booth = ((await (await context.request.get('/api/me')).json()) as { positions: Array<{ unit: UnitRow }> }).positions[0]!.unit;
    expect(booth.level).toBe('booth');

    await page
      .getByRole('region', { name: 'आपके पद' })
      .getByRole('link', { name: new RegExp(booth.nameHi) })
      .click();
    await expectVisible(page.getByRole('heading', { level: 1, name: booth.nameHi }));
    await page.getByRole('link', { name: 'लोग जोड़ें' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `लोग जोड़ें: ${booth.nameHi}` }));
    expect(new URL(page.url()).pathname).toBe(`/units/${booth.id}/capture`);

    // Both notices, in Hindi, each with its own box, none ticked.
    for (const title of ['संगठन की सूचनाएँ', 'व्हाट्सऐप समूह में जुड़ना']) {
      const notice = page.getByRole('group', { name: title });
      await expectVisible(notice);
      expect(await notice.getByRole('checkbox').isChecked()).toBe(false);
    }
    await expectVisible(page.getByText(/आपका नाम और मोबाइल नंबर संगठन के पास सुरक्षित रहेगा/));
    await expectVisible(page.getByText('कुछ बाकी नहीं: सब भेज दिया गया है।'));
    // The notices are kept on the phone for offline use.
    await page.waitForFunction(() => (JSON.parse(localStorage.getItem('setu.notices') ?? '{}') as { items?: unknown[] }).items?.length === 2);

    // A child: no consent is asked.
    await page.getByLabel('उम्र (वैकल्पिक)').selectOption('under_18');
    await expectVisible(page.getByText(/18 साल से कम उम्र के बच्चों से सहमति नहीं ली जाती/));
    expect(await page.getByRole('checkbox', { name: 'व्यक्ति इससे सहमत हैं' }).count()).toBe(0);
    await page.getByLabel('उम्र (वैकल्पिक)').selectOption('');

    await screenshot(page, 'capture-form-hi');
    await page.screenshot({ path: `${SCREENSHOTS}capture-form-hi-full.png`, fullPage: true });
  });

  it('queues two people offline, keeps them through a reload, and sends them when back online', async () => {
    // Wait until the worker has cached the page's reads and code (the reload below is served by it).
    await page.waitForFunction(async () => Boolean(await caches.match('/api/notices')), undefined, { timeout: 10_000 });
    await context.setOffline(true);

    await fillPerson({
      name: 'कमला देवी',
      phone: '98765 43210',
      whatsapp: true,
      age: '36_50',
      language: 'हिन्दी',
      tags: 'महिला, किसान',
      notes: 'शाम को घर पर मिलती हैं',
      consent: ['संगठन की सूचनाएँ', 'व्हाट्सऐप समूह में जुड़ना'],
    });
    await page.getByRole('button', { name: 'सहेजें' }).click();
    await expectVisible(page.getByText('इस फ़ोन पर सहेजा गया: कमला देवी। इंटरनेट मिलते ही भेज दिया जाएगा।'));
    await expectVisible(page.getByText('1 भेजना बाकी'));
    // The form is empty again, consent unticked, ready for the next door.
    expect(await page.getByLabel('नाम', { exact: true }).inputValue()).toBe('');
    expect(await page.getByRole('group', { name: 'संगठन की सूचनाएँ' }).getByRole('checkbox').isChecked()).toBe(false);

    await fillPerson({ name: 'Ravi Kumar', phone: '+91 91234-56789', language: 'English' });
    await page.getByRole('button', { name: 'सहेजें' }).click();
    await expectVisible(page.getByText('2 भेजना बाकी'));
    await expectVisible(page.getByText('इंटरनेट नहीं है: फ़ोन ऑनलाइन होते ही भेज दिया जाएगा।'));
    await screenshot(page, 'capture-queued-offline-hi');

    // Still offline, the app is opened again: the queue is on the phone.
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: `लोग जोड़ें: ${booth.nameHi}` }));
    await expectVisible(page.getByText('2 भेजना बाकी'));
    expect(posts).toEqual([]);
    expect(await named('कमला देवी')).toEqual([]);

    // Signing out with entries waiting asks first (they stay on this phone); saying no keeps the worker signed in.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await page.getByRole('button', { name: 'लॉग आउट' }).click();
    expect(await asked).toContain('आपके जोड़े 2 लोग अभी भेजे नहीं गए हैं।');
    await expectVisible(page.getByText('2 भेजना बाकी'));
    await expectVisible(page.getByRole('button', { name: 'लॉग आउट' }));

    // Back online: the `online` event sends them.
    await context.setOffline(false);
    await expectVisible(page.getByText('कुछ बाकी नहीं: सब भेज दिया गया है।'));
    await expectVisible(page.getByText(/^आखिरी बार भेजा: /));
    await screenshot(page, 'capture-synced-hi');

    const kamla = await named('कमला देवी');
    expect(kamla).toHaveLength(1);
    expect(kamla[0]).toMatchObject({ phoneMasked: expect.stringMatching(/210$/), whatsapp: true, ageBand: '36_50', tags: ['महिला', 'किसान'] });
    expect([...kamla[0]!.consents].sort()).toEqual(['org_updates', 'whatsapp_groups']);
    const ravi = await named('Ravi Kumar');
    expect(ravi).toHaveLength(1);
    expect(ravi[0]).toMatchObject({ whatsapp: false, consents: [] });
    // Each entry carried the id and time it got when it was saved, offline.
    expect(posts.map((p) => p.name)).toEqual(['कमला देवी', 'Ravi Kumar']);
    expect(new Set(posts.map((p) => p.clientId)).size).toBe(2);
    for (const p of posts) expect(p.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('retries a send whose answer was lost, and the server keeps one record', async () => {
    posts.length = 0;
    // The POST reaches the server, which stores the person; the answer never reaches the phone.
    let lost = 0;
    await page.route(/\/api\/units\/\d+\/people$/, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch().then((r) => r.body());
      lost++;
      await route.abort('connectionreset');
    });
    await fillPerson({ name: 'Meena Sharma', phone: '99887 76655', whatsapp: true, consent: ['संगठन की सूचनाएँ'] });
    await page.getByRole('button', { name: 'सहेजें' }).click();
    await expectVisible(page.getByText('1 भेजना बाकी'));
    await page.waitForFunction(() => document.body.innerText.includes('इंटरनेट नहीं है'));
    expect(lost).toBeGreaterThanOrEqual(1);
    // The server has it already: a blind retry would make a second one.
    expect(await named('Meena Sharma')).toHaveLength(1);

    await page.unroute(/\/api\/units\/\d+\/people$/);
    await page.getByRole('button', { name: 'अभी भेजें' }).click();
    await expectVisible(page.getByText('कुछ बाकी नहीं: सब भेज दिया गया है।'));

    // Every try carried the same id and capture time, and the last one was answered.
    expect(posts.length).toBe(lost + 1);
    for (const p of posts) expect(p).toEqual(posts[0]);
    const meena = await named('Meena Sharma');
    expect(meena).toHaveLength(1);
    expect(meena[0]!.consents).toEqual(['org_updates']);
    // And nothing else was made twice.
    for (const name of ['कमला देवी', 'Ravi Kumar']) expect(await named(name)).toHaveLength(1);
  });

  it('keeps an entry the server refuses, for the worker to fix and send again', async () => {
    posts.length = 0;
    // A foreign-looking number passes the phone's quick check; the server's full check refuses it.
    await fillPerson({ name: 'Nandini Rao', phone: '+1 555 0100' });
    await page.getByRole('button', { name: 'सहेजें' }).click();
    const fixing = page.getByRole('region', { name: 'सुधार ज़रूरी' });
    await expectVisible(fixing.getByText('Nandini Rao'));
    await expectVisible(fixing.getByText('कृपया जो भरा है उसे जांच लें।'));
    await expectVisible(page.getByText('कुछ बाकी नहीं: सब भेज दिया गया है।'));
    expect(await named('Nandini Rao')).toEqual([]);
    await screenshot(page, 'capture-refused-hi');

    // Not sent again by "sync now" or a reload: only a fix sends it.
    await page.reload();
    await expectVisible(fixing.getByText('Nandini Rao'));
    expect(posts).toHaveLength(1);

    await fixing.getByRole('button', { name: 'सुधारें' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Nandini Rao की जानकारी सुधार रहे हैं' }));
    expect(await page.getByLabel('नाम', { exact: true }).inputValue()).toBe('Nandini Rao');
    await expectVisible(page.getByText('कृपया इसे जांचें।'));
    await page.getByLabel('मोबाइल नंबर (वैकल्पिक)').fill('70000 12345');
    await page.getByRole('button', { name: 'सहेजें और फिर भेजें' }).click();
    // The fixed entry leaves the list once the server has answered it.
    await expectGone(fixing);
    await expectVisible(page.getByText('कुछ बाकी नहीं: सब भेज दिया गया है।'));
    expect(await named('Nandini Rao')).toHaveLength(1);
    // The fix went with the id and time the entry got at the door.
    expect(posts).toHaveLength(2);
    expect(posts[1]).toEqual(posts[0]);
  });
});
