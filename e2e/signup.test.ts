import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectGone, expectVisible } from './support/expect.ts';
import { launchChromium, phoneContext, screenshot, SCREENSHOTS, signInByApi } from './support/browser.ts';
import { startSetu, type RunningSetu } from './support/server.ts';
import type { UnitRow } from './support/tree.ts';

const BOOTH_CONVENER = '+919000000011'; // Ramesh Pal, IT convener of one booth: may make its sign-up link
const CITIZEN = '+919811122233';
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A citizen scans the booth's QR code: the public page opens signed out, in Hindi, with each notice to read and nothing
 * ticked; a child is told they cannot join; an adult proves the number with a code, joins with the one purpose they
 * chose, and is told how to withdraw — which they then do, as easily, on the public withdrawal page.
 */
describe(`the public sign-up page (${engine})`, () => {
  let setu: RunningSetu;
  let browser: Browser;
  let staff: BrowserContext;
  let context: BrowserContext;
  let page: Page;
  let booth: UnitRow;
  let url: string;

  async function citizenRecord() {
    const res = await staff.request.get(`/api/units/${booth.id}/people?limit=200`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: Array<{ name: string; whatsapp: boolean; ageBand: string | null; consents: string[] }> }).items.filter(
      (p) => p.name === 'Pushpa Verma',
    );
  }

  beforeAll(async () => {
    [setu, browser] = await Promise.all([startSetu({ adminDatabaseUrl: process.env.TEST_DATABASE_URL }), launchChromium()]);
    staff = await phoneContext(browser, setu, 'hi-IN');
    await signInByApi(staff, setu, BOOTH_CONVENER);
    booth = ((await (await staff.request.get('/api/me')).json()) as { positions: Array<{ unit: UnitRow }> }).positions[0]!.unit;
    const link = await staff.request.post(`/api/units/${booth.id}/signup-link`, { data: {} });
    expect(link.status()).toBe(201);
    url = ((await link.json()) as { url: string }).url;
    // A citizen's phone set to English: the page still opens in Hindi.
    context = await phoneContext(browser, setu, 'en-IN');
    page = await context.newPage();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `failed-signup-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await staff?.close();
    await context?.close();
    await browser?.close();
    await setu?.stop();
  });

  it('opens signed out, in Hindi, with each notice and no box ticked; switches to English', async () => {
    expect(new URL(url).pathname).toMatch(/^\/join\/[\w-]+$/);
    await page.goto(new URL(url).pathname);
    await expectVisible(page.getByRole('heading', { level: 1, name: `${booth.nameHi} से जुड़ें` }));
    for (const title of ['संगठन की सूचनाएँ', 'व्हाट्सऐप समूह में जुड़ना']) {
      const notice = page.getByRole('group', { name: title });
      await expectVisible(notice);
      expect(await notice.getByRole('checkbox', { name: 'मैं सहमत हूँ' }).isChecked()).toBe(false);
    }
    await expectVisible(page.getByText(/आपका नाम और मोबाइल नंबर संगठन के पास सुरक्षित रहेगा/));
    expect(await page.getByRole('button', { name: 'लॉग आउट' }).count()).toBe(0);
    await screenshot(page, 'signup-hi');
    await page.screenshot({ path: `${SCREENSHOTS}signup-hi-full.png`, fullPage: true });

    await page.getByRole('group', { name: 'भाषा' }).getByRole('button', { name: 'English' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Join ${booth.nameEn}` }));
    await expectVisible(page.getByText(/Your name and mobile number are kept safely by the organisation/));
    await screenshot(page, 'signup-en');
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'हिंदी' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `${booth.nameHi} से जुड़ें` }));
  });

  it('tells a child that children cannot sign up', async () => {
    await page.getByLabel('आपकी उम्र').selectOption('under_18');
    await expectVisible(page.getByText(/क्षमा करें: 18 साल से कम उम्र के बच्चे नहीं जुड़ सकते/));
    await expectGone(page.getByRole('button', { name: 'कोड भेजें' }), 1_000);
    // No notice to agree to, no box to tick.
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await screenshot(page, 'signup-child-hi');
  });

  it('joins an adult with the purpose they ticked, after the code, and says how to withdraw', async () => {
    await page.getByLabel('आपकी उम्र').selectOption('26_35');
    // Nothing ticked: the page asks for at least one.
    await page.getByLabel('आपका नाम').fill('Pushpa Verma');
    await page.getByLabel('आपका मोबाइल नंबर').fill('098111 22233');
    await page.getByRole('button', { name: 'कोड भेजें' }).click();
    await expectVisible(page.getByText('जुड़ने के लिए कम से कम एक “मैं सहमत हूँ” पर टिक करें।'));

    await page.getByRole('group', { name: 'संगठन की सूचनाएँ' }).getByRole('checkbox', { name: 'मैं सहमत हूँ' }).check();
    const code = setu.nextOtp(CITIZEN);
    // The page solves the server's proof of work (POW_DIFFICULTY's default) before it asks for the code.
    const work = page.waitForRequest((r) => r.url().endsWith('/api/pow?purpose=signup'));
    const asked = page.waitForRequest((r) => r.url().endsWith('/code') && r.method() === 'POST');
    await page.getByRole('button', { name: 'कोड भेजें' }).click();
    await work;
    expect((await asked).postDataJSON()).toMatchObject({
      phone: CITIZEN,
      pow: { challenge: expect.stringMatching(/^signup\.13\./), nonce: expect.any(String) },
    });
    await expectVisible(page.getByText(`${CITIZEN} पर 6 अंकों का कोड भेजा गया है।`));
    // A wrong code first.
    const right = await code;
    await page.getByLabel('कोड').fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'जुड़ें' }).click();
    await expectVisible(page.getByText('यह कोड सही नहीं है।'));
    await page.getByLabel('कोड').fill(right);
    await page.getByRole('button', { name: 'जुड़ें' }).click();

    await expectVisible(page.getByRole('heading', { level: 1, name: 'धन्यवाद, Pushpa Verma' }));
    await expectVisible(page.getByText(`आप ${booth.nameHi} से जुड़ गए हैं।`));
    await expectVisible(page.getByRole('link', { name: 'सहमति वापस लें' }));
    await screenshot(page, 'signup-thanks-hi');

    const rows = await citizenRecord();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ whatsapp: true, ageBand: '26_35', consents: ['org_updates'] });
  });

  it('withdraws as easily: the number, the code, one button', async () => {
    await page.getByRole('link', { name: 'सहमति वापस लें' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'सहमति वापस लें' }));
    await page.getByLabel('मोबाइल नंबर').fill('98111 22233');
    const code = setu.nextOtp(CITIZEN);
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/consent/withdraw/code'));
    await page.getByRole('button', { name: 'कोड भेजें' }).click();
    expect((await asked).postDataJSON()).toMatchObject({ pow: { challenge: expect.stringMatching(/^withdraw\./) } });
    await page.getByLabel('कोड').fill(await code);
    await page.getByRole('button', { name: 'मेरी सारी सहमति वापस लें' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'सहमति वापस ली गई' }));
    await expectVisible(page.getByText(/वापस ली गई सहमतियाँ: 1।/));
    await screenshot(page, 'withdraw-done-hi');
    expect((await citizenRecord())[0]!.consents).toEqual([]);
  });

  it('says plainly when a link does not work', async () => {
    await page.goto('/join/not-a-live-token');
    await expectVisible(page.getByText('यह लिंक काम नहीं कर रहा। हो सकता है इसे बदल दिया गया हो: नया लिंक माँगें।'));
  });
});
