import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { apiGet, launchChromium, phoneContext, screenshot, signInByApi, watchCsp } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';

const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav, IT convener of Sambhal district
const SK_CONVENER = '+919000000010'; // Neha Maurya, convener of the first shakti kendra of a Chandausi mandal
const SK2_CONVENER = '+919000000013'; // Arjun Verma, convener of the second shakti kendra of the same mandal
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A picture of the screen for a person to look at: /tmp/events-NAME.png, taken once the fonts are in. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `/tmp/events-${name}.png`, animations: 'disabled', fullPage });
}

/** A `datetime-local` value `hours` from now in the browser's time zone (the test runs in the same one). */
function localIn(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

interface Rollup {
  totals: { events: number; held: number; attendees: number };
  notHeld: Array<{ id: number }>;
}

/**
 * An event's whole path through the UI: the district convener creates a meeting at every shakti kendra of the district
 * through the form; two shakti kendra conveners, on phones in Hindi, each open their own kendra's meeting — one takes
 * attendance by roll call with the phone offline (the ticks wait on the phone and go once, when it is back online), the
 * other shows the check-in QR and checks in by opening its address — and the district convener sees where it was held.
 */
describe(`a meeting at every shakti kendra (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let leader: BrowserContext;
  let neha: BrowserContext;
  let arjun: BrowserContext;
  let leaderPage: Page;
  let nehaPage: Page;
  let arjunPage: Page;
  let parentId: number;
  let nehaEventId: number;
  const marks: Array<{ url: string; people: number[] }> = [];
  const consoleLines: string[] = [];

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    // The convener at a desk, reading English; the two kendra conveners on phones, reading Hindi.
    leader = await browser.newContext({ baseURL: setu.url, viewport: { width: 1024, height: 900 }, locale: 'en-IN', serviceWorkers: 'allow' });
    await watchCsp(leader);
    leader.setDefaultTimeout(15_000);
    neha = await phoneContext(browser, setu, 'hi-IN');
    arjun = await phoneContext(browser, setu, 'hi-IN');
    leaderPage = await leader.newPage();
    nehaPage = await neha.newPage();
    arjunPage = await arjun.newPage();
    for (const [who, p] of [
      ['leader', leaderPage],
      ['neha', nehaPage],
      ['arjun', arjunPage],
    ] as const)
      p.on('console', (m) => consoleLines.push(`${who} ${m.type()}: ${m.text()}`));
    nehaPage.on('request', (r: Request) => {
      if (r.method() === 'POST' && /\/api\/events\/\d+\/attendance$/.test(r.url()))
        marks.push({ url: r.url(), people: (r.postDataJSON() as { marks: Array<{ personId: number }> }).marks.map((m) => m.personId) });
    });
    await Promise.all([signInByApi(leader, setu, DISTRICT_CONVENER), signInByApi(neha, setu, SK_CONVENER), signInByApi(arjun, setu, SK2_CONVENER)]);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      console.error(`page console:\n${consoleLines.slice(-40).join('\n')}`);
      const name = task.name.slice(0, 40).replace(/\W+/g, '-');
      await screenshot(leaderPage, `failed-events-leader-${name}`).catch(() => {});
      await screenshot(nehaPage, `failed-events-neha-${name}`).catch(() => {});
      await screenshot(arjunPage, `failed-events-arjun-${name}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await leader?.close();
    await neha?.close();
    await arjun?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('the district convener creates a meeting at every shakti kendra through the form', async () => {
    await leaderPage.goto('/events');
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'Events' }));
    await leaderPage.getByRole('link', { name: 'New event' }).click();
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'New event' }));
    // Her one unit to hold events at is chosen for her.
    const sambhal = leaderPage.getByRole('radio', { name: 'Sambhal · District' });
    await expectVisible(sambhal);
    expect(await sambhal.isChecked()).toBe(true);

    await leaderPage.getByRole('radio', { name: 'Meeting', exact: true }).check();
    await leaderPage.getByLabel('Title in Hindi').fill('शक्ति केंद्र बैठक: मतदाता सूची');
    await leaderPage.getByLabel('Title in English').fill('Shakti kendra meeting: the voter list');
    await leaderPage.getByLabel('Details (optional)').fill('हर शक्ति केंद्र पर बूथ संयोजकों के साथ मतदाता सूची की समीक्षा।');
    // Starting now: the QR check-in below is open (from half an hour before), and the meeting counts as held once started.
    await leaderPage.getByLabel('Starts', { exact: true }).fill(localIn(0));
    // The end follows as two hours later.
    expect(await leaderPage.getByLabel('Ends', { exact: true }).inputValue()).toBe(localIn(2));
    await leaderPage.getByRole('radio', { name: /^At every Shakti kendra below/ }).check();
    // The audience starts at the level it is held at; the booths below are added.
    expect(await leaderPage.getByRole('checkbox', { name: 'Shakti kendra', exact: true }).isChecked()).toBe(true);
    expect(await leaderPage.getByRole('checkbox', { name: 'District', exact: true }).count()).toBe(0);
    await leaderPage.getByRole('checkbox', { name: 'Booth', exact: true }).check();
    await leaderPage.getByRole('button', { name: 'Add a session' }).click();
    await leaderPage.getByLabel('Session 1: title').fill('मतदाता सूची में नए नाम');
    await leaderPage.getByLabel('Session 1: speaker (optional)').fill('Rekha Yadav');
    await leaderPage.getByLabel('Chaired by').fill('Manoj Varshney');
    await shot(leaderPage, 'new-en', true);

    // The same form on a phone in Hindi (the switch keeps what was typed).
    await leaderPage.setViewportSize({ width: 360, height: 740 });
    await leaderPage.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'नया कार्यक्रम' }));
    expect(await leaderPage.getByLabel('शीर्षक अंग्रेज़ी में').inputValue()).toBe('Shakti kendra meeting: the voter list');
    await shot(leaderPage, 'new-phone-hi', true);
    await leaderPage.getByRole('button', { name: /Read in English/ }).click();
    await leaderPage.setViewportSize({ width: 1024, height: 900 });

    // A double tap still makes one event (the form's client key).
    const create = leaderPage.getByRole('button', { name: 'Create at every Shakti kendra' });
    await create.dblclick();
    await leaderPage.waitForURL(/\/events\/\d+$/);
    parentId = Number(/events\/(\d+)/.exec(leaderPage.url())![1]);
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'Shakti kendra meeting: the voter list' }));
    await expectVisible(leaderPage.getByText(/^Event created at [\d,]+ places\.$/));
    await expectVisible(leaderPage.getByText('मतदाता सूची में नए नाम'));
    await expectVisible(leaderPage.getByText('Manoj Varshney'));
    await shot(leaderPage, 'created-en', true);
    const mine = await apiGet<{ items: Array<{ id: number; holdAt: string | null }> }>(leader, '/api/events?view=mine');
    expect(mine.items.filter((e) => e.id === parentId)).toHaveLength(1);
    const rollup = await apiGet<Rollup>(leader, `/api/events/${parentId}/rollup`);
    expect(rollup.totals.events).toBeGreaterThan(10);
    expect(rollup.totals.held).toBe(0);
  });

  it('a shakti kendra convener takes attendance by roll call, offline: the ticks wait on the phone and go once', async () => {
    await nehaPage.goto('/');
    await nehaPage.getByRole('link', { name: 'कार्यक्रम', exact: true }).click();
    await expectVisible(nehaPage.getByRole('heading', { level: 1, name: 'कार्यक्रम' }));
    // Her own kendra's meeting, not the district's.
    const item = nehaPage.getByRole('link', { name: /शक्ति केंद्र बैठक: मतदाता सूची/ });
    await expectVisible(item);
    expect(await item.count()).toBe(1);
    await shot(nehaPage, 'list-phone-hi');
    await item.click();
    await expectVisible(nehaPage.getByRole('heading', { level: 1, name: 'शक्ति केंद्र बैठक: मतदाता सूची' }));
    nehaEventId = Number(/events\/(\d+)/.exec(nehaPage.url())![1]);
    expect(nehaEventId).not.toBe(parentId);
    // The programme is the district's.
    await expectVisible(nehaPage.getByText('मतदाता सूची में नए नाम'));

    // She sets her kendra's venue.
    await nehaPage.getByLabel('स्थान', { exact: true }).fill('पंचायत भवन');
    await nehaPage.getByRole('button', { name: 'सहेजें', exact: true }).click();
    await expectVisible(nehaPage.getByText('सहेज लिया गया।'));
    await expectVisible(nehaPage.locator('.when-where').getByText('पंचायत भवन'));

    // The roll: the kendra's convener and the people of its booths.
    const roll = nehaPage.getByRole('region', { name: 'उपस्थिति', exact: true });
    await expectVisible(roll.getByRole('checkbox', { name: 'Ramesh Pal उपस्थित' }));
    await expectVisible(roll.getByRole('checkbox', { name: 'Sunita Jatav उपस्थित' }));
    await expectVisible(roll.getByText('उपस्थित: 0'));

    await neha.setOffline(true);
    await roll.getByRole('checkbox', { name: 'Ramesh Pal उपस्थित' }).check();
    await roll.getByRole('checkbox', { name: 'Sunita Jatav उपस्थित' }).check();
    await expectVisible(roll.getByText('2 भेजना बाकी'));
    await expectVisible(roll.getByText('इंटरनेट नहीं है: फ़ोन ऑनलाइन होते ही भेज दिए जाएंगे।'));
    await expectVisible(roll.getByText('उपस्थित: 2'));
    await roll.scrollIntoViewIfNeeded();
    await shot(nehaPage, 'roll-offline-phone-hi');
    await new Promise((r) => setTimeout(r, 1_500)); // the phone really holds them: a second and a half later, still nothing
    expect(marks).toHaveLength(0);
    expect((await apiGet<Rollup>(leader, `/api/events/${parentId}/rollup`)).totals.attendees).toBe(0);

    await neha.setOffline(false);
    await expectGone(roll.getByText('2 भेजना बाकी'), 15_000);
    await expectVisible(roll.getByText('✓ हाज़िरी').first());
    await expect.poll(async () => (await apiGet<Rollup>(leader, `/api/events/${parentId}/rollup`)).totals.attendees, { timeout: 10_000 }).toBe(2);
    // Sent once, both ticks in one request.
    expect(marks).toHaveLength(1);
    expect(marks[0]!.people).toHaveLength(2);
    await expectVisible(nehaPage.getByText('✓ हो गया', { exact: true }));
    await shot(nehaPage, 'event-manager-phone-hi', true);
  });

  it('the other convener shows the check-in QR; opening its address marks the one who opens it present', async () => {
    await arjunPage.goto('/events');
    await arjunPage.getByRole('link', { name: /शक्ति केंद्र बैठक: मतदाता सूची/ }).click();
    await expectVisible(arjunPage.getByRole('heading', { level: 1, name: 'शक्ति केंद्र बैठक: मतदाता सूची' }));
    const eventUrl = arjunPage.url();
    await arjunPage.getByRole('button', { name: 'हाँ', exact: true }).click();
    await expectVisible(arjunPage.getByRole('button', { name: 'हाँ', exact: true, pressed: true }));
    await expectVisible(arjunPage.getByText('हाँ 1 · नहीं 0 · शायद 0'));

    await arjunPage.getByRole('button', { name: 'उपस्थिति का QR दिखाएं' }).click();
    const qr = arjunPage.getByRole('img', { name: 'इस कार्यक्रम का उपस्थिति QR कोड' });
    await expectVisible(qr);
    await expectVisible(arjunPage.getByText(/^यह कोड \d\d:\d\d तक चलेगा।$/));
    await qr.scrollIntoViewIfNeeded();
    await shot(arjunPage, 'qr-phone-hi');
    await arjunPage.getByText('उपस्थिति का पता').click();
    const address = await arjunPage.getByRole('textbox', { name: 'उपस्थिति का पता' }).inputValue();
    expect(address).toMatch(new RegExp(`^${setu.url}/events/\\d+/checkin#t=[\\w.-]+$`));

    // A code that is not this event's is refused, and says so.
    await arjunPage.goto(address.replace(/#t=.*/, '#t=abcdefgh.ijklmnopqrstuvwxyz012345'));
    await expectVisible(arjunPage.getByText('यह इस कार्यक्रम का उपस्थिति कोड नहीं है।'));

    // Scanned: the phone opens the address afresh.
    await arjunPage.goto('/');
    await arjunPage.goto(address);
    await expectVisible(arjunPage.getByText('✓ आपकी उपस्थिति दर्ज हो गई।'));
    // The code leaves the address: a reload does not send it again.
    expect(arjunPage.url()).not.toContain('#');
    await shot(arjunPage, 'checkin-phone-hi');
    await arjunPage.getByRole('link', { name: 'कार्यक्रम खोलें' }).click();
    await arjunPage.waitForURL(eventUrl);
    await expectVisible(arjunPage.getByText('✓ आप उपस्थित दर्ज हैं'));
    await expectVisible(arjunPage.getByRole('region', { name: 'उपस्थिति', exact: true }).getByText('✓ QR'));
  });

  it('the district convener sees where it was held and how many came', async () => {
    await leaderPage.goto(`/events/${parentId}`);
    await leaderPage.getByRole('link', { name: 'Held where? See every Shakti kendra' }).click();
    await expectVisible(leaderPage.getByRole('heading', { level: 1, name: 'Where it was held: Shakti kendra meeting: the voter list' }));
    const rollup = await apiGet<Rollup>(leader, `/api/events/${parentId}/rollup`);
    expect(rollup.totals).toMatchObject({ held: 2, attendees: 3 });
    await expectVisible(leaderPage.getByText(`2 of ${rollup.totals.events.toLocaleString('en-IN')} held`, { exact: true }));
    await expectVisible(leaderPage.getByText('Present in all: 3'));
    await expectVisible(leaderPage.getByRole('region', { name: 'Not held yet' }).getByRole('link').first());
    await shot(leaderPage, 'rollup-en', true);

    // Down to the mandal: both kendras held it.
    for (let depth = 0; depth < 2; depth++) {
      const held = leaderPage.locator('.coverage-list > li').filter({ hasText: /2 of [\d,]+ held · 3 present/ });
      await held.first().getByRole('link').click();
      await expectVisible(leaderPage.getByText('Present in all: 3'));
    }
    const kendras = leaderPage.locator('.coverage-list > li').filter({ hasText: '1 of 1 held' });
    await expect.poll(() => kendras.count()).toBe(2);
    await shot(leaderPage, 'rollup-mandal-en', true);

    // And on a phone, in Hindi.
    await leaderPage.setViewportSize({ width: 360, height: 740 });
    await leaderPage.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
    await expectVisible(leaderPage.getByText('कुल उपस्थित: 3'));
    await shot(leaderPage, 'rollup-phone-hi', true);
    await leaderPage.getByRole('button', { name: /Read in English/ }).click();
    await leaderPage.setViewportSize({ width: 1024, height: 900 });
    // Attendance is on the person's record: Sunita Jatav, marked at Neha's kendra, as the district convener sees her.
    const roll = await apiGet<{ items: Array<{ person: { id: number; name: string } }> }>(leader, `/api/events/${nehaEventId}/roll`);
    const sunita = roll.items.find((i) => i.person.name === 'Sunita Jatav')!;
    await leaderPage.goto(`/people/${sunita.person.id}`);
    await expectVisible(leaderPage.getByText('Events attended', { exact: true }));
    await expectVisible(leaderPage.getByRole('link', { name: /Shakti kendra meeting: the voter list/ }));
    await expectVisible(leaderPage.getByText(/· roll call$/));
    await shot(leaderPage, 'person-attended-en', true);
  });

  it('the district convener adds her events to a calendar, and stops it', async () => {
    await leaderPage.goto('/events');
    const calendar = leaderPage.getByRole('region', { name: 'Add to your calendar' });
    await calendar.getByRole('button', { name: 'Calendar of my events' }).click();
    const address = calendar.getByRole('textbox', { name: 'Address of “My events”' });
    await expectVisible(address);
    const url = await address.inputValue();
    expect(await calendar.getByRole('link', { name: 'Open in the calendar app' }).getAttribute('href')).toBe(url.replace(/^http/, 'webcal'));
    const ics = await leader.request.get(url);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    await shot(leaderPage, 'list-en', true);

    await calendar.getByRole('button', { name: 'Stop' }).click();
    await calendar.getByRole('button', { name: 'Yes, stop it' }).click();
    await expectGone(address);
    expect((await leader.request.get(url)).status()).toBe(404);
  });
});
