import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { apiGet, launchChromium, phoneContext, screenshot, signInByApi, waitForServiceWorker } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';

const DISTRICT_CONVENER = '+919000000005'; // Rekha Yadav
const BOOTH_WORKER = '+919000000012'; // Sunita Jatav
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
/** A VAPID public key as `web-push generate-vapid-keys` prints it (only its bytes matter here). */
const VAPID_KEY = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';

interface Channels {
  pushDevices: number;
  sms: string | null;
  email: string | null;
}

/** A picture of the screen for a person to look at: /tmp/notify-NAME.png, taken once the fonts are in. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `/tmp/notify-${name}.png`, animations: 'disabled', fullPage });
}

/**
 * A browser push service stand-in: Debian's Chromium has none to subscribe with, so PushManager answers from the
 * page's localStorage (kept across reloads, like a real subscription). What subscribe() was given is kept too.
 */
function fakePushService() {
  const STORE = 'e2e-push-subscription';
  const make = (json: { endpoint: string }) => ({
    endpoint: json.endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: null },
    toJSON: () => json,
    unsubscribe: () => {
      localStorage.removeItem(STORE);
      return Promise.resolve(true);
    },
  });
  PushManager.prototype.getSubscription = function () {
    const saved = localStorage.getItem(STORE);
    return Promise.resolve((saved ? make(JSON.parse(saved) as { endpoint: string }) : null) as unknown as PushSubscription | null);
  };
  PushManager.prototype.subscribe = function (options?: PushSubscriptionOptionsInit) {
    const key = options?.applicationServerKey;
    localStorage.setItem(
      'e2e-push-options',
      JSON.stringify({ userVisibleOnly: options?.userVisibleOnly, key: key instanceof Uint8Array ? [...key] : typeof key }),
    );
    const json = {
      endpoint: `https://push.example.org/send/${Math.random().toString(36).slice(2)}`,
      expirationTime: null,
      keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
    };
    localStorage.setItem(STORE, JSON.stringify(json));
    return Promise.resolve(make(json) as unknown as PushSubscription);
  };
}

/**
 * The notification settings through the real server: reached from home, the push section says this server sends no
 * push (the test server has no VAPID key), SMS to one's own number goes on and off, an email address is set and
 * removed. Then, with the key and the browser's push service stood in for, push is turned on for the phone, and
 * signing out turns it off again, on the phone and on the server (and so does the next person signing in on it).
 */
describe(`notification settings (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    context = await phoneContext(browser, setu, 'hi-IN');
    page = await context.newPage();
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      console.error(`page console:\n${consoleLines.slice(-30).join('\n')}`);
      await screenshot(page, `failed-notifications-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('from home: no push from this server, SMS to her own number on and off, an email address', async () => {
    await signInByApi(context, setu, DISTRICT_CONVENER);
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Rekha Yadav' }));
    const card = page.getByRole('region', { name: 'सूचनाएं' });
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'home-card-hi', false);
    await card.getByRole('link', { name: 'सूचना सेटिंग' }).click();
    await page.waitForURL('**/settings/notifications');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'सूचनाएं' }));
    await expectVisible(page.getByText('सेतु ऐप के बाहर संदेश सिर्फ़ उन्हीं बातों के लिए भेजता है जिनकी आपने सहमति दी है।', { exact: false }));

    const push = page.getByRole('region', { name: 'इस फ़ोन या कंप्यूटर पर' });
    await expectVisible(push.getByText('यह सेतु सर्वर फ़ोन पर सूचनाएं नहीं भेजता। नीचे SMS या ईमेल चुनें।'));
    expect(await push.getByRole('button').count()).toBe(0);

    const sms = page.getByRole('region', { name: 'SMS' });
    await expectVisible(sms.getByText('बंद: सेतु आपको SMS नहीं भेजता।'));
    await sms.getByRole('button', { name: 'मुझे SMS भेजें' }).click();
    await expectVisible(sms.getByText('चालू: SMS आपके नंबर +91 90•••••005 पर जाते हैं।'));
    expect((await apiGet<Channels>(context, '/api/me/channels')).sms).toBe('+91 90•••••005');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'settings-hi');

    await sms.getByRole('button', { name: 'SMS बंद करें' }).click();
    await expectVisible(sms.getByText('बंद: सेतु आपको SMS नहीं भेजता।'));
    expect((await apiGet<Channels>(context, '/api/me/channels')).sms).toBeNull();

    const email = page.getByRole('region', { name: 'ईमेल' });
    await email.getByLabel('ईमेल पता').fill('rekha@example');
    await email.getByRole('button', { name: 'ईमेल सहेजें' }).click();
    await expectVisible(email.getByText('name@example.com जैसा ईमेल पता लिखें।'));
    await email.getByLabel('ईमेल पता').fill('rekha.yadav@example.org');
    await email.getByRole('button', { name: 'ईमेल सहेजें' }).click();
    await expectVisible(email.getByText('ईमेल r•••@example.org पर जाते हैं। सहेज लिया गया।'));
    expect((await apiGet<Channels>(context, '/api/me/channels')).email).toBe('r•••@example.org');
    await shot(page, 'settings-email-hi');

    // The same screen in English, read again from the server.
    await page.getByRole('button', { name: /Read in English/ }).click();
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Notifications' }));
    await expectVisible(page.getByText('This Setu server sends no notifications to phones. Use SMS or email below.'));
    await expectVisible(page.getByText('Off: you get no SMS from Setu.'));
    await expectVisible(page.getByText('Emails go to r•••@example.org.'));
    await shot(page, 'settings-en');
    await page.getByRole('button', { name: 'Remove email' }).click();
    await expectVisible(page.getByText('No email address.'));
    expect((await apiGet<Channels>(context, '/api/me/channels')).email).toBeNull();
    await page.getByRole('button', { name: /पढ़ें हिंदी में/ }).click();
  });

  it('push on for this phone (push service stood in for), and off again when she signs out', async () => {
    await context.grantPermissions(['notifications'], { origin: setu.url });
    await context.addInitScript(fakePushService);
    // The test server has no VAPID key: the page is given one, as a server that sends push would (the context's route:
    // the service worker makes the page's requests).
    await context.route('**/api/push/vapid-public-key', (route) => route.fulfill({ json: { publicKey: VAPID_KEY } }));
    await page.goto('/settings/notifications');
    await waitForServiceWorker(page);
    const push = page.getByRole('region', { name: 'इस फ़ोन या कंप्यूटर पर' });
    await expectVisible(push.getByText('बंद: इस फ़ोन पर सूचनाएं नहीं आतीं।'));
    await shot(page, 'push-off-hi', false);
    await push.getByRole('button', { name: 'सूचनाएं चालू करें' }).click();
    await expectVisible(push.getByText('चालू: नए निर्देश और याद दिलाने की सूचना इस फ़ोन पर आएगी, सेतु बंद होने पर भी।'));
    await expectVisible(push.getByText('आपके एक फ़ोन या कंप्यूटर पर सूचनाएं चालू हैं।'));
    await shot(page, 'push-on-hi', false);
    // Subscribed with the server's key as bytes, promising to show every message.
    const options = JSON.parse((await page.evaluate(() => localStorage.getItem('e2e-push-options')))!) as { userVisibleOnly: boolean; key: number[] };
    expect(options).toEqual({ userVisibleOnly: true, key: [...Buffer.from(VAPID_KEY, 'base64url')] });
    expect((await apiGet<Channels>(context, '/api/me/channels')).pushDevices).toBe(1);

    // Off and on again from the screen.
    await push.getByRole('button', { name: 'बंद करें' }).click();
    await expectVisible(push.getByText('बंद: इस फ़ोन पर सूचनाएं नहीं आतीं।'));
    expect((await apiGet<Channels>(context, '/api/me/channels')).pushDevices).toBe(0);
    await push.getByRole('button', { name: 'सूचनाएं चालू करें' }).click();
    await expectVisible(push.getByText(/^✓ चालू:/));
    expect((await apiGet<Channels>(context, '/api/me/channels')).pushDevices).toBe(1);

    // A shared phone: signing out takes this phone off her messages.
    const deleted = page.waitForRequest((r) => r.method() === 'DELETE' && r.url().endsWith('/api/me/push-subscriptions'));
    await page.getByRole('button', { name: 'लॉग आउट' }).click();
    await deleted;
    await expectVisible(page.getByRole('heading', { level: 1, name: 'लॉग इन' }));
    expect(await page.evaluate(() => localStorage.getItem('e2e-push-subscription'))).toBeNull();
    await signInByApi(context, setu, DISTRICT_CONVENER);
    expect((await apiGet<Channels>(context, '/api/me/channels')).pushDevices).toBe(0);
    await page.goto('/settings/notifications');
    await expectVisible(push.getByText('बंद: इस फ़ोन पर सूचनाएं नहीं आतीं।'));
    await expectGone(push.getByText(/सूचनाएं चालू हैं/));

    // A phone handed over without signing out (her session ran out): the next person to sign in on it does not get
    // her messages either.
    await push.getByRole('button', { name: 'सूचनाएं चालू करें' }).click();
    await expectVisible(push.getByText(/^✓ चालू:/));
    await context.clearCookies();
    await signInByApi(context, setu, BOOTH_WORKER);
    await page.goto('/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'नमस्ते, Sunita Jatav' }));
    await page.waitForFunction(() => localStorage.getItem('e2e-push-subscription') === null);
    await page.goto('/settings/notifications');
    await expectVisible(push.getByText('बंद: इस फ़ोन पर सूचनाएं नहीं आतीं।'));
  });

  it('the service worker shows a pushed message once, even when it is sent twice', async () => {
    const cdp = await context.newCDPSession(page);
    const registrations = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
        const live = list.find((r) => !r.isDeleted && r.scopeURL.startsWith(setu.url));
        if (live) resolve(live.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registrations;
    const message = JSON.stringify({ id: 'setu-42', title: 'नया निर्देश', body: 'रविवार को बूथ बैठक', url: '/directives/7', lang: 'hi' });
    for (let i = 0; i < 2; i++) await cdp.send('ServiceWorker.deliverPushMessage', { origin: setu.url, registrationId, data: message });
    const shown = async () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          lang: n.lang,
          data: n.data as unknown,
        })),
      );
    await expect.poll(async () => (await shown()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500)); // the second delivery has had its time to show a second one
    expect(await shown()).toEqual([{ title: 'नया निर्देश', body: 'रविवार को बूथ बैठक', tag: 'setu-42', lang: 'hi', data: { url: '/directives/7' } }]);
  });
});
