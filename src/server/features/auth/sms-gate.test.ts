import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { captureLogs } from '../../testing/pii-scan.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';
import { BUDGET_ALERT } from './sms-gate.ts';

// The SMS abuse of issue 15: codes texted to any number in the world through the public pages, limited per address and
// per number for one purpose only, with no overall cap (5 addresses sent 146 codes in under a second).

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
let ipSeq = 0;
const freshIp = () => `203.0.113.${++ipSeq}`;
/** The code is handed to the sender after the answer. */
const settle = () => new Promise((r) => setTimeout(r, 50));

const ask = {
  login: (t: TestSetu, phone: string, ip = freshIp()) => t.call('POST', '/api/auth/otp', { body: { phone }, headers: { 'x-forwarded-for': ip } }).then(read),
  signup: (t: TestSetu, token: string, phone: string, ip = freshIp()) =>
    t.call('POST', `/api/signup/${token}/code`, { body: { phone }, headers: { 'x-forwarded-for': ip } }).then(read),
  withdraw: (t: TestSetu, phone: string, ip = freshIp()) =>
    t.call('POST', '/api/consent/withdraw/code', { body: { phone }, headers: { 'x-forwarded-for': ip } }).then(read),
};

/** A live sign-up link for a unit, made directly (making it over HTTP would cost a login's text). */
async function linkFor(t: TestSetu, unitId: number, createdBy: number) {
  const token = `test-link-${unitId}-${Math.random().toString(36).slice(2)}`;
  await t.database.db.insertInto('signup_links').values({ token, unit_id: unitId, created_by: createdBy }).execute();
  return token;
}

const count = async (t: TestSetu, table: 'otp_challenges' | 'rate_limits') =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);

/** The hourly windows are fixed hours: a test that counts up to the budget must not straddle an hour's edge. */
async function awayFromHourEdge() {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 200));
}

describe(`which numbers are texted (${engine})`, () => {
  it('texts Indian mobiles only by default (SMS_COUNTRIES)', () => {
    const config = loadConfig({ NODE_ENV: 'test', SETU_SECRET_KEY: TEST_SECRET, DATA_DIR: '/nonexistent' });
    expect(config.SMS_COUNTRIES).toEqual(['IN']);
    expect(loadConfig({ NODE_ENV: 'test', SETU_SECRET_KEY: TEST_SECRET, DATA_DIR: '/nonexistent', SMS_COUNTRIES: 'in,np' }).SMS_COUNTRIES).toEqual([
      'IN',
      'NP',
    ]);
    expect(() => loadConfig({ NODE_ENV: 'test', SETU_SECRET_KEY: TEST_SECRET, DATA_DIR: '/nonexistent', SMS_COUNTRIES: 'India' })).toThrow(/SMS_COUNTRIES/);
  });
});

describe(`SMS caps (${engine})`, () => {
  let t: TestSetu;
  let tree: Awaited<ReturnType<typeof buildSampleTree>>;
  let booth1: string;
  let booth2: string;
  let meerut: string;

  beforeAll(async () => {
    t = await createTestSetu({ TRUST_PROXY: 'true', SIGNUP_CODES_PER_LINK_PER_HOUR: '4' });
    tree = await buildSampleTree(t.database.db);
    const by = tree.people.stateConvener.id;
    [booth1, booth2, meerut] = await Promise.all([
      linkFor(t, tree.units.booth1, by),
      linkFor(t, tree.units.booth2, by),
      linkFor(t, tree.units.meerutBooth, by),
    ]);
  });
  afterAll(() => t.stop());

  it('refuses numbers outside India (and Indian landlines) on every path with phone_not_allowed, storing, counting and texting nothing', async () => {
    const world = ['+14155552671', '+2348031234567', '+8613912345678', '+447911123456', '+9779841234567', '+911123456789'];
    const [challenges, limits, texts] = [await count(t, 'otp_challenges'), await count(t, 'rate_limits'), t.texts.length];
    for (const phone of world) {
      for (const res of [await ask.signup(t, booth1, phone), await ask.withdraw(t, phone), await ask.login(t, phone)]) {
        expect(res, phone).toMatchObject({ status: 422, body: { code: 'phone_not_allowed' } });
      }
    }
    await settle();
    expect(t.texts.length).toBe(texts);
    expect(await count(t, 'otp_challenges')).toBe(challenges);
    expect(await count(t, 'rate_limits')).toBe(limits);
    // An Indian mobile goes through the same page.
    expect((await ask.signup(t, booth1, '+919811100001')).status).toBe(200);
  });

  it('caps the codes one sign-up link asks for in an hour, whatever the address and number; other links are not affected', async () => {
    await awayFromHourEdge();
    for (let i = 0; i < 3; i++) expect((await ask.signup(t, booth1, `+91981110010${i}`)).status).toBe(200); // 4 with the test above
    const before = t.texts.length;
    const over = await ask.signup(t, booth1, '+919811100109');
    expect(over).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    await settle();
    expect(t.texts.length).toBe(before);
    expect((await ask.signup(t, booth2, '+919811100109')).status).toBe(200);
  });

  it('caps one number across login, sign-up and withdrawal together (8 an hour), each below its own 5 in 15 minutes', async () => {
    await awayFromHourEdge();
    const p = tree.people.boothMember; // may sign in, and has records to withdraw: every code below is texted
    const e164 = `+91${p.phone}`;
    const sent = () => t.texts.filter((x) => x.phone === e164).length;
    const answers = [
      await ask.login(t, p.phone),
      await ask.login(t, p.phone),
      await ask.login(t, p.phone),
      await ask.signup(t, booth2, e164),
      await ask.signup(t, booth2, e164),
      await ask.signup(t, meerut, e164),
      await ask.withdraw(t, e164),
      await ask.withdraw(t, e164),
    ];
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    await settle();
    expect(sent()).toBe(8);
    for (const next of [() => ask.withdraw(t, e164), () => ask.login(t, p.phone), () => ask.signup(t, meerut, e164)]) {
      expect(await next()).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    }
    await settle();
    expect(sent()).toBe(8);
    // Other numbers still get theirs.
    expect((await ask.login(t, tree.people.boothConvener.phone)).status).toBe(200);
  });

  it('caps one address across login, sign-up and withdrawal together (60 an hour), each below its own 30 in 15 minutes', async () => {
    await awayFromHourEdge();
    const ip = freshIp();
    const fresh = await linkFor(t, tree.units.sk, tree.people.stateConvener.id); // no per-link count yet
    for (let i = 0; i < 30; i++) expect((await ask.login(t, `+9170010${String(i).padStart(5, '0')}`, ip)).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await ask.withdraw(t, `+9170011${String(i).padStart(5, '0')}`, ip)).status).toBe(200);
    // Its first sign-up code from this address, on a link that has asked for none: refused for the address alone.
    expect(await ask.signup(t, fresh, '+917001299999', ip)).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect((await ask.signup(t, fresh, '+917001299999')).status).toBe(200);
  });
});

describe(`the hourly SMS budget (${engine})`, () => {
  let t: TestSetu;
  let tree: Awaited<ReturnType<typeof buildSampleTree>>;
  let token: string;
  const logs = captureLogs();

  beforeAll(async () => {
    t = await createTestSetu({ TRUST_PROXY: 'true', SMS_COUNTRIES: 'IN,NP', SMS_CODE_BUDGET_PER_HOUR: '12' }, { log: logs.log });
    tree = await buildSampleTree(t.database.db);
    token = await linkFor(t, tree.units.booth1, tree.people.stateConvener.id);
  });
  afterAll(() => t.stop());

  it('texts the mobiles of a configured country too (SMS_COUNTRIES=IN,NP), and still no other', async () => {
    expect((await ask.signup(t, token, '+9779841234567')).status).toBe(200);
    await settle();
    expect(t.codes.get('+9779841234567')).toMatch(/^\d{6}$/);
    expect(await ask.signup(t, token, '+14155552671')).toMatchObject({ status: 422, body: { code: 'phone_not_allowed' } });
  });

  it('cuts a flood from five addresses to many numbers at the budget; the alert is logged once and audited once', async () => {
    await awayFromHourEdge();
    const alerts = () => logs.lines.map((l) => JSON.parse(l) as Json).filter((l) => l.msg === BUDGET_ALERT);
    // Five addresses, each sending codes to ten numbers at once.
    const answers = (
      await Promise.all(
        Array.from({ length: 5 }, (_, a) => {
          const ip = freshIp();
          return Promise.all(Array.from({ length: 10 }, (_, n) => ask.signup(t, token, `+91981120${a}${String(n).padStart(3, '0')}`, ip)));
        }),
      )
    ).flat();
    await settle();
    // The budget counts the one code of the test above: eleven more, then every request is refused.
    expect(answers.filter((a) => a.status === 200)).toHaveLength(11);
    expect(answers.filter((a) => a.status === 429).every((a) => a.body.code === 'sms_budget_exhausted')).toBe(true);
    expect(t.texts).toHaveLength(12);

    // Login is refused alike for a known and an unknown number: the budget tells nothing about who may sign in.
    const known = await ask.login(t, tree.people.boothMember.phone);
    const unknown = await ask.login(t, '+917000000777');
    expect(known).toMatchObject({ status: 429, body: { code: 'sms_budget_exhausted' } });
    expect(unknown).toEqual(known);
    expect(await ask.withdraw(t, '+919000000004')).toMatchObject({ status: 429, body: { code: 'sms_budget_exhausted' } });
    await settle();
    expect(t.texts).toHaveLength(12);

    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatchObject({ level: 50, budgetPerHour: 12, windowSeconds: 3600 });
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'outcome', 'details'])
      .where('action', '=', 'sms.budget_exhausted')
      .execute();
    expect(audited).toEqual([{ actor_id: null, outcome: 'denied', details: { budgetPerHour: 12 } }]);
  });
});
