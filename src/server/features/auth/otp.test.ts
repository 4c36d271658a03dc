import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';
import { hit } from './rate-limit.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;

beforeAll(async () => {
  // Each test speaks from its own client address (X-Forwarded-For, trusted here), so the per-address limits of one
  // test never leak into another; without it every in-process request shares the address "unknown".
  // The address cap at its size before issue 16 (30 a page in 15 minutes), so that these tests of who an address is
  // stay small; its default is a hall's size now (sms-gate.test.ts, "a crowded hall").
  t = await createTestSetu({ TRUST_PROXY: 'true', SMS_CODES_PER_ADDRESS_PER_HOUR: '60' });
  tree = await buildSampleTree(t.database.db);
});
afterAll(() => t.stop());

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

let ipSeq = 0;
/** A client address no other test uses. */
const freshIp = () => `198.51.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

let phoneSeq = 0;
/** A new person who may sign in (a live position at a booth), with a number no other test uses. */
async function newWorker() {
  const phone = `91000${String(++phoneSeq).padStart(5, '0')}`;
  const id = await addPerson(t.database.db, {
    name: `Worker ${String(phoneSeq).padStart(5, '0')}`,
    phone: `+91${phone}`,
    unitId: tree.units.booth1,
    role: 'member',
  });
  return { id, phone, e164: `+91${phone}` };
}

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json, cookies: res.headers.getSetCookie() });

async function requestCode(phone: string, ip: string, app: TestSetu = t) {
  return read(await app.call('POST', '/api/auth/otp', { body: { phone }, headers: { 'x-forwarded-for': ip } }));
}

async function verify(body: Json, ip: string, cookie?: string) {
  return read(await t.call('POST', '/api/auth/verify', { body, cookie, headers: { 'x-forwarded-for': ip } }));
}

/** The code the sender was handed for this E.164 number, after the /otp answer (it is sent after answering). */
async function sentCode(e164: string) {
  await new Promise((r) => setImmediate(r));
  return t.codes.get(e164);
}

/** A six-digit code that is certainly not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** One Set-Cookie line by cookie name, split into its value and lower-cased attributes. */
function cookieNamed(lines: string[], name: string) {
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...attrs] = line.split(';').map((s) => s.trim());
  const attributes = new Map(
    attrs.map((a) => {
      const [k, v] = a.split('=');
      return [k!.toLowerCase(), v ?? true] as const;
    }),
  );
  return { value: pair!.slice(name.length + 1), attributes };
}

const countChallenges = async () => Number((await sql<{ n: number }>`select count(*)::int as n from otp_challenges`.execute(t.database.db)).rows[0]!.n);

/**
 * The limits are fixed 15-minute windows: a test that counts up to a limit must not straddle a window edge, or the
 * count would restart in the middle of it. Waits past the edge when it is close.
 */
async function awayFromWindowEdge() {
  const left = 900_000 - (Date.now() % 900_000);
  if (left < 15_000) await new Promise((r) => setTimeout(r, left + 200));
}

// ---------------------------------------------------------------------------------------------------------------

describe(`login by phone and one-time code on ${engine}`, () => {
  it('sends a six-digit code to a known number; verifying it sets an HttpOnly, SameSite=Lax session cookie and answers /api/me', async () => {
    const ip = freshIp();
    const p = tree.people.boothConvener;
    const started = await requestCode(p.phone, ip);
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ attemptId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), expiresInSeconds: 600 });
    const code = await sentCode(`+91${p.phone}`);
    expect(code).toMatch(/^\d{6}$/);

    expect((await t.call('GET', '/api/me')).status).toBe(401);

    const done = await verify({ phone: p.phone, code, attemptId: started.body.attemptId }, ip);
    expect(done.status).toBe(200);
    const session = cookieNamed(done.cookies, 'setu_session');
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session?.attributes.get('httponly')).toBe(true);
    expect(session?.attributes.get('samesite')).toBe('Lax');
    expect(session?.attributes.get('path')).toBe('/');
    expect(session?.attributes.get('max-age')).toBe(String(30 * 86_400));
    expect(session?.attributes.has('secure')).toBe(false); // PUBLIC_URL is not https here

    expect(done.body).toEqual({
      person: { id: p.id, name: 'Ramesh Pal', phoneMasked: '+91 90•••••005' },
      positions: [expect.objectContaining({ role: 'convener', department: null, unit: expect.objectContaining({ id: tree.units.booth1, level: 'booth' }) })],
      turfRoots: [expect.objectContaining({ id: tree.units.booth1, nameEn: 'Primary School Bahjoi' })],
    });

    const me = await read(await t.call('GET', '/api/me', { cookie: `setu_session=${session!.value}` }));
    expect(me.status).toBe(200);
    expect(me.body).toEqual(done.body);
  });

  it('marks the session cookie Secure when Setu is served over https', async () => {
    const secure = await createTestSetu({ PUBLIC_URL: 'https://setu.example.org' });
    try {
      await buildSampleTree(secure.database.db);
      const started = await requestCode('9000000001', freshIp(), secure);
      await new Promise((r) => setImmediate(r));
      const code = secure.codes.get('+919000000001');
      const done = await read(await secure.call('POST', '/api/auth/verify', { body: { phone: '9000000001', code, attemptId: started.body.attemptId } }));
      expect(done.status).toBe(200);
      expect(cookieNamed(done.cookies, 'setu_session')?.attributes.get('secure')).toBe(true);
      expect(cookieNamed(started.cookies, 'setu_login_attempt')?.attributes.get('secure')).toBe(true);
    } finally {
      await secure.stop();
    }
  });

  it('draws codes from the whole six-digit range', async () => {
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const w = await newWorker();
      expect((await requestCode(w.phone, ip)).status).toBe(200);
      codes.push(Number(await sentCode(w.e164)));
    }
    // With six random digits, twelve codes all below 1000, or with many repeats, would be a one-in-astronomical event.
    expect(codes.filter((c) => c >= 1000).length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBeGreaterThanOrEqual(10);
  });

  it('accepts every common Indian spelling of a number, for the code and for verifying it', async () => {
    const p = tree.people.sambhalConvener; // +919000000002
    const spellings = ['90000 00002', '+91 90000-00002', '09000000002', '919000000002'];
    for (const [i, spelling] of spellings.entries()) {
      const ip = freshIp();
      t.codes.delete('+919000000002');
      const started = await requestCode(spelling, ip);
      expect(started.status, spelling).toBe(200);
      const code = await sentCode('+919000000002');
      expect(code, `a code was sent for "${spelling}"`).toMatch(/^\d{6}$/);
      // Verify with the next spelling in the list: the two ends need not be typed alike.
      const other = spellings[(i + 1) % spellings.length]!;
      const done = await verify({ phone: other, code, attemptId: started.body.attemptId }, ip);
      expect(done.status, `${spelling} → ${other}`).toBe(200);
      expect(done.body.person.id).toBe(p.id);
    }
  });

  it('refuses a number that is not a phone number at all', async () => {
    const res = await requestCode('12345', freshIp());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
  });

  it('answers an unknown number exactly as a known one, sends it nothing, and no code verifies for it', async () => {
    const known = await newWorker();
    const unknown = '+917000000042';
    const a = await requestCode(known.phone, freshIp());
    const b = await requestCode('70000 00042', freshIp());
    expect(b.status).toBe(a.status);
    expect(Object.keys(b.body).sort()).toEqual(Object.keys(a.body).sort());
    expect(b.body.expiresInSeconds).toBe(a.body.expiresInSeconds);
    expect(typeof b.body.attemptId).toBe(typeof a.body.attemptId);
    // The same cookie is set, with the same attributes.
    const ca = cookieNamed(a.cookies, 'setu_login_attempt');
    const cb = cookieNamed(b.cookies, 'setu_login_attempt');
    expect(cb && [...cb.attributes.keys()].sort()).toEqual(ca && [...ca.attributes.keys()].sort());

    expect(await sentCode(known.e164)).toMatch(/^\d{6}$/);
    expect(t.codes.has(unknown)).toBe(false);
    expect([...t.codes.keys()]).not.toContain(unknown);

    const ip = freshIp();
    for (const code of ['000000', '123456', '999999']) {
      const res = await verify({ phone: unknown, code, attemptId: b.body.attemptId }, ip);
      expect(res).toMatchObject({ status: 400, body: { code: 'otp_invalid' } });
      expect(res.cookies.some((c) => c.startsWith('setu_session='))).toBe(false);
    }
  });

  it('uses a code once: the second verify is otp_expired', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const started = await requestCode(w.phone, ip);
    const code = await sentCode(w.e164);
    expect((await verify({ phone: w.phone, code, attemptId: started.body.attemptId }, ip)).status).toBe(200);
    const again = await verify({ phone: w.phone, code, attemptId: started.body.attemptId }, ip);
    expect(again).toMatchObject({ status: 400, body: { code: 'otp_expired' } });
    expect(again.cookies.some((c) => c.startsWith('setu_session='))).toBe(false);
  });

  it('lets exactly one of several simultaneous verifies with the right code through', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const started = await requestCode(w.phone, ip);
    const code = await sentCode(w.e164);
    const results = await Promise.all(Array.from({ length: 6 }, () => verify({ phone: w.phone, code, attemptId: started.body.attemptId }, ip)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.body.code === 'otp_expired')).toHaveLength(5);
    const sessions = await t.database.db.selectFrom('sessions').select('id').where('person_id', '=', w.id).execute();
    expect(sessions).toHaveLength(1);
  });

  it('expires a code ten minutes after it was asked for', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const first = await requestCode(w.phone, ip);
    const row = await t.database.db
      .selectFrom('otp_challenges')
      .select(['created_at', 'expires_at'])
      .where('id', '=', first.body.attemptId)
      .executeTakeFirstOrThrow();
    expect(Math.abs(row.expires_at.getTime() - row.created_at.getTime() - 600_000)).toBeLessThan(5_000);

    // Still inside its ten minutes (moved to a few seconds from now): it works.
    await sql`update otp_challenges set expires_at = now() + interval '5 seconds' where id = ${first.body.attemptId}`.execute(t.database.db);
    expect((await verify({ phone: w.phone, code: await sentCode(w.e164), attemptId: first.body.attemptId }, ip)).status).toBe(200);

    // Past them: refused as expired, even though the code is right.
    const second = await requestCode(w.phone, ip);
    const code = await sentCode(w.e164);
    await sql`update otp_challenges set expires_at = now() - interval '1 second' where id = ${second.body.attemptId}`.execute(t.database.db);
    const late = await verify({ phone: w.phone, code, attemptId: second.body.attemptId }, ip);
    expect(late).toMatchObject({ status: 400, body: { code: 'otp_expired' } });
  });

  it('binds a code to its attempt and to its phone', async () => {
    const x = await newWorker();
    const y = await newWorker();
    const ip = freshIp();
    const a = await requestCode(x.phone, ip);
    const codeA = (await sentCode(x.e164))!;
    let b = await requestCode(x.phone, ip);
    let codeB = (await sentCode(x.e164))!;
    if (codeB === codeA) {
      // One in a million: ask again so that the two attempts' codes differ.
      b = await requestCode(x.phone, ip);
      codeB = (await sentCode(x.e164))!;
    }
    expect(codeB).not.toBe(codeA);

    // A's code with B's attempt.
    expect(await verify({ phone: x.phone, code: codeA, attemptId: b.body.attemptId }, ip)).toMatchObject({ status: 400, body: { code: 'otp_invalid' } });
    // A's code and attempt, but another person's phone (who may sign in too).
    expect(await verify({ phone: y.phone, code: codeA, attemptId: a.body.attemptId }, ip)).toMatchObject({ status: 400, body: { code: 'otp_invalid' } });
    // The rightful combination still works, so the refusals above were about the binding.
    const ok = await verify({ phone: x.phone, code: codeA, attemptId: a.body.attemptId }, ip);
    expect(ok.status).toBe(200);
    expect(ok.body.person.id).toBe(x.id);
  });

  it('burns an attempt after five wrong codes, even for the right code afterwards', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const started = await requestCode(w.phone, ip);
    const code = (await sentCode(w.e164))!;
    for (let i = 0; i < 5; i++) {
      expect(await verify({ phone: w.phone, code: wrong(code), attemptId: started.body.attemptId }, ip)).toMatchObject({
        status: 400,
        body: { code: 'otp_invalid' },
      });
    }
    const right = await verify({ phone: w.phone, code, attemptId: started.body.attemptId }, ip);
    expect(right).toMatchObject({ status: 400, body: { code: 'otp_expired' } });
    const row = await t.database.db
      .selectFrom('otp_challenges')
      .select(['attempts', 'consumed_at'])
      .where('id', '=', started.body.attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ attempts: 5, consumed_at: null });
  });

  it('still accepts the right code after four wrong ones', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const started = await requestCode(w.phone, ip);
    const code = (await sentCode(w.e164))!;
    for (let i = 0; i < 4; i++) await verify({ phone: w.phone, code: wrong(code), attemptId: started.body.attemptId }, ip);
    expect((await verify({ phone: w.phone, code, attemptId: started.body.attemptId }, ip)).status).toBe(200);
  });

  it('counts simultaneous wrong guesses exactly: no more than five are judged', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const started = await requestCode(w.phone, ip);
    const code = (await sentCode(w.e164))!;
    const results = await Promise.all(Array.from({ length: 10 }, () => verify({ phone: w.phone, code: wrong(code), attemptId: started.body.attemptId }, ip)));
    expect(results.map((r) => r.body.code).sort()).toEqual([...Array(5).fill('otp_expired'), ...Array(5).fill('otp_invalid')]);
    const row = await t.database.db.selectFrom('otp_challenges').select('attempts').where('id', '=', started.body.attemptId).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
  });

  it('works in a browser without attemptId in the body, from the setu_login_attempt cookie', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const started = await requestCode(w.phone, ip);
    const attempt = cookieNamed(started.cookies, 'setu_login_attempt');
    expect(attempt?.value).toBe(started.body.attemptId);
    expect(attempt?.attributes.get('httponly')).toBe(true);
    expect(attempt?.attributes.get('samesite')).toBe('Lax');
    expect(attempt?.attributes.get('path')).toBe('/api/auth');
    expect(attempt?.attributes.get('max-age')).toBe('600');

    // Without the body field and without the cookie there is nothing to verify against.
    const code = await sentCode(w.e164);
    expect(await verify({ phone: w.phone, code }, ip)).toMatchObject({ status: 400, body: { code: 'otp_invalid' } });

    const done = await verify({ phone: w.phone, code }, ip, `setu_login_attempt=${attempt!.value}`);
    expect(done.status).toBe(200);
    expect(done.body.person.id).toBe(w.id);
    expect(cookieNamed(done.cookies, 'setu_session')?.value).toBeTruthy();
    // The attempt cookie is cleared once used.
    expect(cookieNamed(done.cookies, 'setu_login_attempt')?.attributes.get('max-age')).toBe('0');
  });

  // BUG (reported): auth.routes.ts:43 passes the attempt cookie to verifyOtp unchecked; a value that is not a uuid
  // reaches `where id = …` on a uuid column and the database error becomes a 500 instead of otp_invalid.
  it('answers a malformed setu_login_attempt cookie with otp_invalid, not a 500', async () => {
    const w = await newWorker();
    const ip = freshIp();
    await requestCode(w.phone, ip);
    const res = await verify({ phone: w.phone, code: '123456' }, ip, 'setu_login_attempt=not-a-uuid');
    expect(res).toMatchObject({ status: 400, body: { code: 'otp_invalid' } });
  });
});

describe(`login rate limits on ${engine}`, () => {
  it('refuses the sixth code for one number within 15 minutes, however it is spelled, and stores nothing for it', async () => {
    await awayFromWindowEdge();
    const w = await newWorker();
    const spellings = [w.phone, `+91 ${w.phone}`, `0${w.phone}`, `91${w.phone}`, `${w.phone.slice(0, 5)} ${w.phone.slice(5)}`];
    for (const s of spellings) expect((await requestCode(s, freshIp())).status, s).toBe(200);
    const before = await countChallenges();
    t.codes.delete(w.e164);
    const sixth = await requestCode(w.phone, freshIp());
    expect(sixth).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(sixth.cookies.some((c) => c.startsWith('setu_login_attempt='))).toBe(false);
    expect(await countChallenges()).toBe(before);
    expect(await sentCode(w.e164)).toBeUndefined();
    // Another number is not affected.
    expect((await requestCode((await newWorker()).phone, freshIp())).status).toBe(200);
  });

  it('refuses the 31st code request from one client address (X-Forwarded-For, trusted) and stores nothing for it', async () => {
    await awayFromWindowEdge();
    const ip = freshIp();
    for (let i = 0; i < 30; i++) expect((await requestCode(`70001${String(i).padStart(5, '0')}`, ip)).status, `request ${i + 1}`).toBe(200);
    const before = await countChallenges();
    const w = await newWorker();
    t.codes.delete(w.e164);
    const over = await requestCode(w.phone, ip);
    expect(over).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(await countChallenges()).toBe(before);
    expect(await sentCode(w.e164)).toBeUndefined();
    // The same number from another address goes through.
    expect((await requestCode(w.phone, freshIp())).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set, so rotating it does not escape the per-address limit', async () => {
    await awayFromWindowEdge();
    const plain = await createTestSetu({ SMS_CODES_PER_ADDRESS_PER_HOUR: '60' });
    try {
      for (let i = 0; i < 30; i++) expect((await requestCode(`70002${String(i).padStart(5, '0')}`, `203.0.113.${i + 1}`, plain)).status).toBe(200);
      expect(await requestCode('7000299999', '203.0.113.200', plain)).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    } finally {
      await plain.stop();
    }
  });

  // BUG (reported): platform/http/app.ts:52 takes the LEFT-most X-Forwarded-For entry, which is whatever the client
  // sent; a reverse proxy appends the address it saw on the right. Behind such a proxy a client rotates a forged
  // first entry and is never limited (and the audit log records the forged address).
  it('does not let a client escape the per-address limit by forging the first X-Forwarded-For entry', async () => {
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.call('POST', '/api/auth/otp', {
        body: { phone: `70003${String(i).padStart(5, '0')}` },
        headers: { 'x-forwarded-for': `10.66.${i}.1, 192.0.2.77` },
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  // WEAKNESS (reported, not marked a bug in the code, whose comment says "fixed-window"): the count restarts at each
  // 15-minute boundary, so ten codes for one number go through within two seconds of each other.
  it('holds the per-number limit across a window boundary (5 codes per any 15 minutes)', async () => {
    const key = `test:window-edge:${Date.now()}`;
    const edge = Math.ceil(Date.now() / 900_000) * 900_000 + 900_000;
    const refused: boolean[] = [];
    for (const at of [...Array(5).fill(edge - 1000), ...Array(5).fill(edge + 1000)]) {
      refused.push(
        await hit(t.database.db, [{ key, max: 5, windowSeconds: 900 }], new Date(at)).then(
          () => false,
          () => true,
        ),
      );
    }
    expect(refused.filter(Boolean).length).toBeGreaterThanOrEqual(5);
  });
});

describe(`what a login stores on ${engine}`, () => {
  it('keeps no plain phone number and no code in otp_challenges, sessions, people, audit_log or rate_limits', async () => {
    const w = await newWorker();
    const ip = freshIp();
    const started = await requestCode(w.phone, ip);
    const code = (await sentCode(w.e164))!;
    // A wrong try first, so that the failure path has written its audit row too.
    await verify({ phone: w.phone, code: wrong(code), attemptId: started.body.attemptId }, ip);
    const done = await verify({ phone: w.phone, code, attemptId: started.body.attemptId }, ip);
    expect(done.status).toBe(200);

    const db = t.database.db;
    const tables = ['otp_challenges', 'sessions', 'people', 'audit_log', 'rate_limits'];
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = any(${tables}::text[])`.execute(db);
    expect(new Set(columns.rows.map((c) => c.table_name))).toEqual(new Set(tables));

    const needles = [w.phone, code];
    const hits: string[] = [];
    for (const needle of needles) {
      for (const c of columns.rows) {
        const col = sql.ref(c.column_name);
        const table = sql.table(c.table_name);
        // bytea: look for the text's bytes inside the value; everything else: its text form.
        const found =
          c.data_type === 'bytea'
            ? await sql<{ n: number }>`select count(*)::int as n from ${table} where position(convert_to(${needle}, 'UTF8') in ${col}) > 0`.execute(db)
            : await sql<{ n: number }>`select count(*)::int as n from ${table} where strpos(${col}::text, ${needle}) > 0`.execute(db);
        if (found.rows[0]!.n > 0) hits.push(`${c.table_name}.${c.column_name} holds ${needle === code ? 'the code' : 'the phone'}`);
      }
    }
    // And whole rows as text (bytea shows as hex there): the ten digits of the phone appear nowhere.
    for (const table of tables) {
      const found = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} r where strpos(r::text, ${w.phone}) > 0`.execute(db);
      if (found.rows[0]!.n > 0) hits.push(`a row of ${table} holds the phone`);
    }
    expect(hits).toEqual([]);

    // The search itself finds what is there: the person's row carries their name, and their session the address.
    const name = await sql<{
      n: number;
    }>`select count(*)::int as n from people r where strpos(r::text, ${`Worker ${String(phoneSeq).padStart(5, '0')}`}) > 0`.execute(db);
    expect(name.rows[0]!.n).toBe(1);
    const inBytes = await sql<{ p: number }>`select position(convert_to(${w.phone}, 'UTF8') in convert_to(${`+91${w.phone}`}, 'UTF8')) as p`.execute(db);
    expect(inBytes.rows[0]!.p).toBe(4);
    const address = await sql<{ n: number }>`select count(*)::int as n from sessions r where strpos(r::text, ${ip}) > 0`.execute(db);
    expect(address.rows[0]!.n).toBe(1);
  });
});
