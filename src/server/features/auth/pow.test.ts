import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadingZeroBits, solvePow, type PowChallenge } from '../../../contracts/pow.ts';
import { createPiiCipher } from '../../platform/crypto.ts';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';
import { issuePow, POW_TTL_SECONDS } from './pow.ts';

// The public code requests of issue 15 cost the sender nothing: a proof of work, asked of every sign-up and withdrawal
// code request, makes a flood cost a second a request. Difficulty 8 here, so that solving takes milliseconds.

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
let ipSeq = 0;
const headers = () => ({ 'x-forwarded-for': `192.0.2.${++ipSeq}` });
const settle = () => new Promise((r) => setTimeout(r, 50));

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let token: string;

beforeAll(async () => {
  t = await createTestSetu({ TRUST_PROXY: 'true', POW_DIFFICULTY: '8' });
  tree = await buildSampleTree(t.database.db);
  token = 'pow-test-link';
  await t.database.db.insertInto('signup_links').values({ token, unit_id: tree.units.booth1, created_by: tree.people.stateConvener.id }).execute();
});
afterAll(() => t.stop());

const challenge = async (purpose: string) => read(await t.call('GET', `/api/pow?purpose=${purpose}`));
async function solved(purpose: 'signup' | 'withdraw') {
  const { body } = await challenge(purpose);
  return { challenge: body.challenge as string, nonce: await solvePow(body.challenge, body.difficulty) };
}
const signupCode = (phone: string, pow?: unknown) => t.call('POST', `/api/signup/${token}/code`, { body: { phone, pow }, headers: headers() }).then(read);
const withdrawCode = (phone: string, pow?: unknown) => t.call('POST', '/api/consent/withdraw/code', { body: { phone, pow }, headers: headers() }).then(read);

describe(`proof of work before a public code (${engine})`, () => {
  it('hands out a signed challenge per purpose, at the configured difficulty, good for five minutes', async () => {
    const res = await t.call('GET', '/api/pow?purpose=signup');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as PowChallenge;
    expect(body).toEqual({ challenge: expect.stringMatching(/^signup\.8\.\d+\.[\w-]+\.[\w-]+$/), difficulty: 8, expires: expect.any(String) });
    expect(Math.abs(Date.parse(body.expires) - Date.now() - POW_TTL_SECONDS * 1000)).toBeLessThan(5000);
    expect((await challenge('signup')).body.challenge).not.toBe(body.challenge);
    expect((await challenge('login')).status).toBe(400);
  });

  it('sends a sign-up code and a withdrawal code only with a solved challenge', async () => {
    const phone = '+919811300001';
    const ok = await signupCode(phone, await solved('signup'));
    expect(ok.status).toBe(200);
    await settle();
    expect(t.codes.get(phone)).toMatch(/^\d{6}$/);
    const worker = `+91${tree.people.boothMember.phone}`;
    expect((await withdrawCode(worker, await solved('withdraw'))).status).toBe(200);
    await settle();
    expect(t.codes.get(worker)).toMatch(/^\d{6}$/);
  });

  it('refuses a request without a proof, or with an unsolved, forged, reused, expired or other-purpose one, before counting or texting anything', async () => {
    const phone = '+919811300002';
    const texts = t.texts.length;
    const limits = async () => (await t.database.db.selectFrom('rate_limits').select('key').where('key', 'not like', 'pow:%').execute()).length;
    const before = await limits();
    const refused = async (res: { status: number; body: Json }, why: string) => expect(res, why).toMatchObject({ status: 400, body: { code: 'pow_invalid' } });

    await refused(await signupCode(phone), 'none');
    await refused(await withdrawCode(`+91${tree.people.boothMember.phone}`), 'none (withdraw)');

    const good = await solved('signup');
    // An unsolved nonce: the first nonce that does not give eight zero bits.
    let bad = 0;
    while (leadingZeroBits(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${good.challenge}:${bad.toString(36)}`)))) >= 8)
      bad++;
    await refused(await signupCode(phone, { challenge: good.challenge, nonce: bad.toString(36) }), 'unsolved');
    // Forged: the difficulty lowered to 0 in the challenge text, solved at that, signature kept.
    const forged = good.challenge.replace(/^signup\.8\./, 'signup.0.');
    await refused(await signupCode(phone, { challenge: forged, nonce: '0' }), 'forged');
    await refused(await signupCode(phone, { challenge: 'x.y.z', nonce: '0' }), 'not a challenge');
    // Another purpose's challenge, solved.
    await refused(await signupCode(phone, await solved('withdraw')), 'withdraw challenge for a sign-up');
    await refused(await withdrawCode(phone, await solved('signup')), 'sign-up challenge for a withdrawal');
    // Expired: signed with the server's own key, but five minutes and a second ago.
    const key = createPiiCipher(TEST_SECRET).blindIndex('pow-key', 'key');
    const old = issuePow({ key, difficulty: 8 }, 'signup', Date.now() - (POW_TTL_SECONDS + 1) * 1000);
    await refused(await signupCode(phone, { challenge: old.challenge, nonce: await solvePow(old.challenge, 8) }), 'expired');
    // The same challenge, solved, once more and once at the same time from two requests: one sign-up in all.
    expect((await signupCode(phone, good)).status).toBe(200);
    await refused(await signupCode(phone, good), 'reused');
    const twice = await solved('signup');
    const both = await Promise.all([signupCode('+919811300003', twice), signupCode('+919811300004', twice)]);
    expect(both.map((b) => b.status).sort()).toEqual([200, 400]);

    await settle();
    expect(t.texts.length).toBe(texts + 2);
    // Only the two that went through were counted against any number: one each (with the test above's, three numbers).
    expect(await limits()).toBeGreaterThan(before);
    const phoneCount = await t.database.db.selectFrom('rate_limits').select('hits').where('key', 'like', 'signup:phone:%').execute();
    expect(phoneCount.map((r) => r.hits)).toEqual([1, 1, 1]);
  });

  it('asks no work of a login (only people who may sign in are texted), so it keeps working without one', async () => {
    const cookie = await t.login(tree.people.boothConvener.phone);
    expect(cookie).toMatch(/^setu_session=/);
  });
});
