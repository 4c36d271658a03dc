import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { captureLogs, findPlainText, phoneSpellings } from '../../../testing/pii-scan.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string;
let boothMember: string;
let boothConvener: string;
let meerut: string;
let token: string;
const logs = captureLogs();

const json = async (res: Response) => (await res.json()) as any;
let ipSeq = 0;
/** Each test speaks from its own address (TRUST_PROXY), so the per-address limits are exercised only where meant. */
const freshIp = () => ({ 'x-forwarded-for': `198.51.100.${++ipSeq}` });
const tick = () => new Promise((r) => setImmediate(r));
const consents = [
  { purpose: 'org_updates', noticeVersion: 1 },
  { purpose: 'whatsapp_groups', noticeVersion: 1 },
];

beforeAll(async () => {
  // These tests text sequential numbers of one block and count the address's 30 in 15 minutes: the caps at their sizes
  // before issue 16 (the block cap and the hall-sized address cap have their own tests in auth/sms-gate.test.ts).
  t = await createTestSetu({ TRUST_PROXY: 'true', SMS_CODES_PER_ADDRESS_PER_HOUR: '60', SMS_SIGNUP_CODES_PER_BLOCK_PER_HOUR: '1000' }, { log: logs.log });
  tree = await buildSampleTree(t.database.db);
  [state, boothMember, boothConvener, meerut] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login(tree.people.boothConvener.phone),
    t.login(tree.people.meerutConvener.phone),
  ]);
});
afterAll(() => t.stop());

/** Asks for a sign-up code and returns the attempt and the code the test sender caught. */
async function signupCode(phone: string, headers = freshIp(), link = token) {
  const res = await t.call('POST', `/api/signup/${link}/code`, { body: { phone }, headers });
  expect(res.status).toBe(200);
  const { attemptId, expiresInSeconds } = await json(res);
  expect(expiresInSeconds).toBe(600);
  await tick();
  return { attemptId: attemptId as string, code: t.codes.get(phone)! };
}

const join = (body: Record<string, unknown>, headers = freshIp(), link = token) => t.call('POST', `/api/signup/${link}`, { body, headers });

describe(`sign-up links (${engine})`, () => {
  it('has none at first (null), is made by people.manage at or above the unit, and the same live link is returned after', async () => {
    const none = await t.call('GET', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothMember });
    expect(none.status).toBe(200);
    expect(await json(none)).toBeNull();
    expect((await t.call('POST', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothMember })).status).toBe(403);
    const made = await t.call('POST', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothConvener });
    expect(made.status).toBe(201);
    const link = await json(made);
    token = link.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits
    // Without PUBLIC_URL, where the server listens (an in-process request has no connection), never the Host header.
    expect(link).toMatchObject({ url: `http://127.0.0.1:3000/join/${token}`, unit: { id: tree.units.booth1, level: 'booth' } });
    const again = await t.call('POST', `/api/units/${tree.units.booth1}/signup-link`, { cookie: state });
    expect(again.status).toBe(200);
    expect((await json(again)).token).toBe(token);
    expect(await json(await t.call('GET', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothMember }))).toEqual(link);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'signup_link.create').execute();
    expect(audit).toEqual([{ actor_id: tree.people.boothConvener.id, details: { unitId: tree.units.booth1 } }]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('draws the link as a QR code (SVG) for the unit', async () => {
    const res = await t.call('GET', `/api/units/${tree.units.booth1}/signup-link/qr.svg`, { cookie: boothMember });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    const size = Number(svg.match(/viewBox="0 0 (\d+)/)![1]);
    // Version 3 or 4 with a 4-module quiet zone on each side: 29 + 8 or 33 + 8.
    expect([37, 41]).toContain(size);
    expect(svg).toContain('<title>प्राथमिक विद्यालय बहजोई · Primary School Bahjoi</title>');
    expect(svg.match(/M\d+ \d+h\d+v1h-\d+z/g)!.length).toBeGreaterThan(100);
    expect((await t.call('GET', `/api/units/${tree.units.booth2}/signup-link/qr.svg`, { cookie: state })).status).toBe(404);
  });

  it('hides every link route outside the turf (404)', async () => {
    for (const [method, path] of [
      ['GET', 'signup-link'],
      ['POST', 'signup-link'],
      ['DELETE', 'signup-link'],
      ['GET', 'signup-link/qr.svg'],
    ] as const) {
      expect((await t.call(method, `/api/units/${tree.units.booth1}/${path}`, { cookie: meerut })).status).toBe(404);
    }
  });

  it('never takes the address from the Host header: a forged one does not become the link', async () => {
    const inProcess = await t.app.request(`/api/units/${tree.units.booth1}/signup-link`, { headers: { cookie: boothMember, host: 'evil.example' } });
    expect((await json(inProcess)).url).toBe(`http://127.0.0.1:3000/join/${token}`);
    // Over a real connection: the address and port the connection reached.
    const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: `/api/units/${tree.units.booth1}/signup-link`, headers: { cookie: boothMember, host: 'evil.example' } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(body).url).toBe(`http://127.0.0.1:${port}/join/${token}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('uses PUBLIC_URL for the address when it is configured', async () => {
    const other = await createTestSetu({ PUBLIC_URL: 'https://setu.example.org/' });
    try {
      const otherTree = await buildSampleTree(other.database.db);
      const cookie = await other.login(otherTree.people.stateConvener.phone);
      const link = await json(await other.call('POST', `/api/units/${otherTree.units.booth1}/signup-link`, { cookie }));
      expect(link.url).toBe(`https://setu.example.org/join/${link.token}`);
    } finally {
      await other.stop();
    }
  });
});

describe(`the public sign-up page (${engine})`, () => {
  it('shows the unit and the current notices in Hindi and English to anyone with the link; unknown links are 404', async () => {
    const res = await t.call('GET', `/api/signup/${token}`);
    expect(res.status).toBe(200);
    const page = await json(res);
    expect(page.unit).toEqual({ id: tree.units.booth1, level: 'booth', nameEn: 'Primary School Bahjoi', nameHi: 'प्राथमिक विद्यालय बहजोई' });
    expect(page.notices.map((n: any) => [n.purpose, n.version])).toEqual([
      ['org_updates', 1],
      ['whatsapp_groups', 1],
    ]);
    expect(page.notices[1].textHi).toContain('व्हाट्सऐप');
    expect(page.notices[1].hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.call('GET', '/api/signup/not-a-real-token')).status).toBe(404);
    expect((await t.call('POST', '/api/signup/not-a-real-token/code', { body: { phone: '9811122222' }, headers: freshIp() })).status).toBe(404);
  });

  it('joins a citizen end to end: code to the phone, a record at the unit, consents by self sign-up, audited with no actor', async () => {
    const phone = '+919811122201';
    const { attemptId, code } = await signupCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    const res = await join({ phone: '98111 22201', attemptId, code, name: 'Meena Kumari', ageBand: '26_35', language: 'hi', consents });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      joined: true,
      unit: { id: tree.units.booth1, level: 'booth', nameEn: 'Primary School Bahjoi', nameHi: 'प्राथमिक विद्यालय बहजोई' },
    });
    const db = t.database.db;
    const person = await db.selectFrom('people').selectAll().where('name', '=', 'Meena Kumari').executeTakeFirstOrThrow();
    expect(person).toMatchObject({ home_unit_id: tree.units.booth1, source: 'signup', created_by: null, whatsapp: true, age_band: '26_35', languages: ['hi'] });
    const given = await db
      .selectFrom('consents')
      .select(['purpose', 'method', 'recorded_by', 'withdrawn_at'])
      .where('person_id', '=', person.id)
      .orderBy('purpose')
      .execute();
    expect(given).toEqual([
      { purpose: 'org_updates', method: 'self_signup', recorded_by: null, withdrawn_at: null },
      { purpose: 'whatsapp_groups', method: 'self_signup', recorded_by: null, withdrawn_at: null },
    ]);
    const audit = await db.selectFrom('audit_log').select(['actor_id', 'outcome', 'target_id', 'details']).where('action', '=', 'signup.join').execute();
    expect(audit).toEqual([
      {
        actor_id: null,
        outcome: 'ok',
        target_id: String(person.id),
        details: { unitId: tree.units.booth1, newPerson: true, purposes: ['org_updates', 'whatsapp_groups'] },
      },
    ]);
    expect(await findPlainText(db, phoneSpellings(phone))).toEqual([]);
    expect(phoneSpellings(phone).some((p) => logs.text().includes(p))).toBe(false);
  });

  it('finds the same person when they join again with the same phone and name; a household member is a new record', async () => {
    const phone = '+919811122201';
    const count = async () =>
      (
        await t.database.db
          .selectFrom('people')
          .select('id')
          .where('phone_hash', '=', t.database.db.selectFrom('people').select('phone_hash').where('name', '=', 'Meena Kumari'))
          .execute()
      ).length;
    const again = await signupCode(phone);
    expect((await join({ phone, ...again, name: '  meena   KUMARI ', ageBand: '26_35', language: 'en', consents: consents.slice(0, 1) })).status).toBe(200);
    expect(await count()).toBe(1);
    const row = await t.database.db.selectFrom('people').select(['languages']).where('name', '=', 'Meena Kumari').executeTakeFirstOrThrow();
    expect(row.languages).toEqual(['hi', 'en']);
    const household = await signupCode(phone);
    expect((await join({ phone, ...household, name: 'Raju', ageBand: '51_65', language: 'hi', consents })).status).toBe(200);
    expect(await count()).toBe(2);
  });

  it('refuses children (child_not_allowed) without spending the code', async () => {
    const phone = '+919811122202';
    const { attemptId, code } = await signupCode(phone);
    const child = await join({ phone, attemptId, code, name: 'Golu', ageBand: 'under_18', language: 'hi', consents });
    expect(child.status).toBe(422);
    expect((await json(child)).code).toBe('child_not_allowed');
    expect(await t.database.db.selectFrom('people').select('id').where('name', '=', 'Golu').execute()).toEqual([]);
    // Someone recorded as a child at the unit, joining under the same name and phone, is refused too.
    const known = await t.database.db.selectFrom('people').select('id').where('name', '=', 'Golu Sr').executeTakeFirst();
    expect(known).toBeUndefined();
    expect((await join({ phone, attemptId, code, name: 'Golu Sr', ageBand: '18_25', language: 'hi', consents })).status).toBe(200);
    await t.database.db.updateTable('people').set({ age_band: 'under_18' }).where('name', '=', 'Golu Sr').execute();
    const again = await signupCode(phone);
    const refused = await join({ phone, ...again, name: 'golu sr', ageBand: '18_25', language: 'hi', consents });
    expect((await json(refused)).code).toBe('child_not_allowed');
    const spent = await t.database.db.selectFrom('otp_challenges').select('consumed_at').where('id', '=', again.attemptId).executeTakeFirstOrThrow();
    expect(spent.consumed_at).toBeNull();
  });

  it('refuses a wrong code, a replayed code, an expired code, a code for another phone, and burns an attempt after five wrong tries', async () => {
    const phone = '+919811122203';
    const base = { name: 'Naresh', ageBand: '36_50', language: 'hi', consents };
    const first = await signupCode(phone);
    const wrong = first.code === '000000' ? '000001' : '000000';
    const bad = await join({ phone, ...base, attemptId: first.attemptId, code: wrong });
    expect(bad.status).toBe(400);
    expect((await json(bad)).code).toBe('otp_invalid');
    const otherPhone = await join({ phone: '+919811122299', ...base, attemptId: first.attemptId, code: first.code });
    expect((await json(otherPhone)).code).toBe('otp_invalid');
    expect((await join({ phone, ...base, attemptId: 'not-a-uuid', code: first.code })).status).toBe(400);
    expect((await join({ phone, ...base, attemptId: first.attemptId, code: first.code })).status).toBe(200);
    const replay = await join({ phone, ...base, attemptId: first.attemptId, code: first.code });
    expect((await json(replay)).code).toBe('otp_expired');

    const late = await signupCode(phone);
    await t.database.db
      .updateTable('otp_challenges')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', late.attemptId)
      .execute();
    expect((await json(await join({ phone, ...base, ...late }))).code).toBe('otp_expired');

    const guessed = await signupCode('+919811122204');
    const wrong2 = guessed.code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await json(await join({ phone: '+919811122204', ...base, attemptId: guessed.attemptId, code: wrong2 }))).code).toBe('otp_invalid');
    expect((await json(await join({ phone: '+919811122204', ...base, ...guessed }))).code).toBe('otp_expired');
    const failures = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'signup.join')
      .where('outcome', '=', 'failed')
      .execute();
    expect(failures.length).toBeGreaterThanOrEqual(9);
    expect(failures.every((f) => f.actor_id === null && !JSON.stringify(f.details).includes('98111'))).toBe(true);
  });

  it('refuses an unknown notice version before looking at the code', async () => {
    const phone = '+919811122205';
    const sent = await signupCode(phone);
    const res = await join({ phone, ...sent, name: 'Pooja', ageBand: '18_25', language: 'hi', consents: [{ purpose: 'whatsapp_groups', noticeVersion: 9 }] });
    expect(res.status).toBe(422);
    expect((await json(res)).code).toBe('unknown_notice');
    expect((await join({ phone, ...sent, name: 'Pooja', ageBand: '18_25', language: 'hi', consents })).status).toBe(200);
  });

  it('does not let a sign-up code sign anyone in, nor a login code join', async () => {
    const worker = '+919000000004';
    const sent = await signupCode(worker);
    const login = await t.call('POST', '/api/auth/verify', { body: { phone: worker, code: sent.code, attemptId: sent.attemptId }, headers: freshIp() });
    expect(login.status).toBe(400);
    expect((await json(login)).code).toBe('otp_invalid');
    expect(login.headers.get('set-cookie') ?? '').not.toContain('setu_session=');

    const started = await json(await t.call('POST', '/api/auth/otp', { body: { phone: worker }, headers: freshIp() }));
    await tick();
    const loginCode = t.codes.get(worker)!;
    const joined = await join({
      phone: worker,
      attemptId: started.attemptId,
      code: loginCode,
      name: 'Sunita Devi',
      ageBand: '36_50',
      language: 'hi',
      consents,
    });
    expect((await json(joined)).code).toBe('otp_invalid');
    // The login code itself still works for signing in.
    expect(
      (await t.call('POST', '/api/auth/verify', { body: { phone: worker, code: loginCode, attemptId: started.attemptId }, headers: freshIp() })).status,
    ).toBe(200);

    // Only the purpose tells these apart: the same attempt, for a person who may sign in, relabelled as a sign-up code.
    const relabelled = await json(await t.call('POST', '/api/auth/otp', { body: { phone: worker }, headers: freshIp() }));
    await tick();
    const relabelledCode = t.codes.get(worker)!;
    await t.database.db.updateTable('otp_challenges').set({ purpose: 'signup' }).where('id', '=', relabelled.attemptId).execute();
    const refused = await t.call('POST', '/api/auth/verify', {
      body: { phone: worker, code: relabelledCode, attemptId: relabelled.attemptId },
      headers: freshIp(),
    });
    expect((await json(refused)).code).toBe('otp_invalid');
  });

  it('stops working the moment the link is revoked (audited)', async () => {
    const pending = await signupCode('+919811122206');
    const revoked = await t.call('DELETE', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothConvener });
    expect(revoked.status).toBe(200);
    expect(Date.parse((await json(revoked)).revokedAt)).toBeGreaterThan(0);
    expect((await t.call('GET', `/api/signup/${token}`)).status).toBe(404);
    expect((await join({ phone: '+919811122206', ...pending, name: 'Late', ageBand: '18_25', language: 'hi', consents })).status).toBe(404);
    expect(await json(await t.call('GET', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothConvener }))).toBeNull();
    expect((await t.call('DELETE', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothConvener })).status).toBe(404);
    const fresh = await json(await t.call('POST', `/api/units/${tree.units.booth1}/signup-link`, { cookie: boothConvener }));
    expect(fresh.token).not.toBe(token);
    token = fresh.token;
    expect((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'signup_link.revoke').execute()).length).toBe(1);
  });

  it('limits code requests per number and per address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await signupCode('+919811122207', ip);
    const sixth = await t.call('POST', `/api/signup/${token}/code`, { body: { phone: '+919811122207' }, headers: ip });
    expect(sixth.status).toBe(429);
    expect((await json(sixth)).code).toBe('rate_limited');
    // Another number from the same address still may, until the address's own limit (30 in 15 minutes); the refused
    // sixth request counts against nothing (issue 16: a refusal says when to try again, and asking early must not
    // push that further).
    for (let i = 0; i < 25; i++) await signupCode(`+9198111230${String(i).padStart(2, '0')}`, ip);
    const over = await t.call('POST', `/api/signup/${token}/code`, { body: { phone: '+919811123099' }, headers: ip });
    expect(over.status).toBe(429);
  });
});

describe(`public withdrawal of consent (${engine})`, () => {
  const withdrawCode = async (phone: string, headers = freshIp()) => {
    const res = await t.call('POST', '/api/consent/withdraw/code', { body: { phone }, headers });
    expect(res.status).toBe(200);
    await tick();
    return (await json(res)) as { attemptId: string; expiresInSeconds: number };
  };

  it('answers the same for an unknown number and sends it nothing', async () => {
    t.codes.clear();
    const unknown = await withdrawCode('+919811199999');
    expect(Object.keys(unknown).sort()).toEqual(['attemptId', 'expiresInSeconds']);
    expect(t.codes.has('+919811199999')).toBe(false);
    const bad = await t.call('POST', '/api/consent/withdraw', {
      body: { phone: '+919811199999', attemptId: unknown.attemptId, code: '123456' },
      headers: freshIp(),
    });
    expect((await json(bad)).code).toBe('otp_invalid');
  });

  it('withdraws every live consent of every record on the phone (a household), method self, and roster reads see it', async () => {
    const phone = '+919811122201'; // Meena Kumari and Raju
    const db = t.database.db;
    const holders = (await db.selectFrom('people').select('id').where('name', 'in', ['Meena Kumari', 'Raju']).execute()).map((p) => p.id);
    const live = async () =>
      (await db.selectFrom('consents').select('id').where('person_id', 'in', holders).where('withdrawn_at', 'is', null).execute()).length;
    expect(await live()).toBe(4);
    // A sign-up code is no withdrawal code.
    const signup = await signupCode(phone);
    expect((await json(await t.call('POST', '/api/consent/withdraw', { body: { phone, ...signup }, headers: freshIp() }))).code).toBe('otp_invalid');

    const started = await withdrawCode('98111 22201');
    const code = t.codes.get(phone)!;
    const res = await t.call('POST', '/api/consent/withdraw', {
      body: { phone, attemptId: started.attemptId, code, purposes: ['whatsapp_groups'] },
      headers: freshIp(),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ withdrawn: 2 });
    expect(await live()).toBe(2);
    const closed = await db
      .selectFrom('consents')
      .select(['withdrawal_method', 'withdrawn_by'])
      .where('person_id', 'in', holders)
      .where('withdrawn_at', 'is not', null)
      .execute();
    expect(closed).toEqual([
      { withdrawal_method: 'self', withdrawn_by: null },
      { withdrawal_method: 'self', withdrawn_by: null },
    ]);
    // Single use.
    expect((await json(await t.call('POST', '/api/consent/withdraw', { body: { phone, attemptId: started.attemptId, code }, headers: freshIp() }))).code).toBe(
      'otp_expired',
    );
    // Everything else, with a new code.
    const rest = await withdrawCode(phone);
    const all = await t.call('POST', '/api/consent/withdraw', { body: { phone, attemptId: rest.attemptId, code: t.codes.get(phone)! }, headers: freshIp() });
    expect(await json(all)).toEqual({ withdrawn: 2 });
    expect(await live()).toBe(0);
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'consent.withdraw')
      .where('outcome', '=', 'ok')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.actor_id)).toEqual([null, null]);
    expect(audit[0]!.details).toEqual({ method: 'self', personIds: [...holders].sort((a, b) => a - b), purposes: ['whatsapp_groups'], count: 2 });
    expect(audit[1]!.details).toMatchObject({ purposes: ['org_updates'], count: 2 });
  });

  it('limits withdrawal codes per number', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await withdrawCode('+919811122208', ip);
    expect((await t.call('POST', '/api/consent/withdraw/code', { body: { phone: '+919811122208' }, headers: ip })).status).toBe(429);
  });
});
