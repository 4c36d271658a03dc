import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuer, read, sampleSignedIn, type SampleTree } from '../testing/directives-kit.ts';
import { createTestSetu, type TestSetu } from '../testing/setu.ts';

/**
 * Cross-site request forgery from a page on another port of the same host: SameSite cookies travel with it (a port is
 * not part of a site), so the server itself must tell its own pages from others'. Each attack is what a browser sends
 * from http://127.0.0.1:4444 to Setu on another port, as fetch-level requests (the Chromium attack is in e2e/csrf.test.ts).
 */

let t: TestSetu;
let tree: SampleTree;
let state: string;
let sambhal: string;
const issue = issuer(() => t);
const ATTACKER = 'http://127.0.0.1:4444';

beforeAll(async () => {
  t = await createTestSetu();
  ({ tree, state, sambhal } = await sampleSignedIn(t));
});
afterAll(() => t.stop());

const cancelledAt = async (id: number) =>
  (await t.database.db.selectFrom('directives').select('cancelled_at').where('id', '=', id).executeTakeFirstOrThrow()).cancelled_at;
const reveals = async () => (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'person.reveal').execute()).length;
const sent = async () =>
  (await read(await issue(state, { unitId: tree.units.up, titleEn: 'Forged cancel target', audience: { levels: ['booth'] } }))).body.id as number;

describe('a state-changing request from another origin', () => {
  it('is refused when the browser says it is same-site or cross-site, and nothing changes', async () => {
    const id = await sent();
    for (const site of ['same-site', 'cross-site']) {
      const res = await t.call('POST', `/api/directives/${id}/cancel`, { cookie: state, headers: { 'sec-fetch-site': site, origin: ATTACKER } });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('csrf_refused');
    }
    expect(await cancelledAt(id)).toBeNull();
    // The same request from Setu's own page goes through.
    const own = await t.call('POST', `/api/directives/${id}/cancel`, {
      cookie: state,
      headers: { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
    });
    expect(own.status).toBe(200);
    expect(await cancelledAt(id)).not.toBeNull();
  });

  it('is refused by its Origin where the browser sends no Sec-Fetch-Site (plain http away from localhost)', async () => {
    const before = await reveals();
    for (const origin of [ATTACKER, 'null', 'http://localhost:4444', 'https://localhost']) {
      const res = await t.call('POST', `/api/people/${tree.people.boothMember.id}/reveal`, { cookie: sambhal, headers: { origin } });
      expect(res.status, origin).toBe(403);
      expect((await res.json()).code).toBe('csrf_refused');
    }
    expect(await reveals()).toBe(before);
    // Setu's own origin (the request's scheme and host, PUBLIC_URL being unset) is taken.
    const own = await t.call('POST', `/api/people/${tree.people.boothMember.id}/reveal`, { cookie: sambhal, headers: { origin: 'http://localhost' } });
    expect(own.status).toBe(200);
    expect(await reveals()).toBe(before + 1);
  });

  it('without Origin or Sec-Fetch-Site (an old browser, a form) must carry JSON: a bodiless or form post is refused', async () => {
    const id = await sent();
    for (const type of [undefined, 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=UTF-8']) {
      const res = await t.app.request(`/api/directives/${id}/cancel`, {
        method: 'POST',
        headers: { cookie: state, ...(type ? { 'content-type': type } : {}) },
        body: type ? 'a=1' : undefined,
      });
      expect(res.status, type).toBe(415);
      expect((await res.json()).code).toBe('unsupported_media_type');
    }
    expect(await cancelledAt(id)).toBeNull();
    // The CLI or a server sends JSON.
    expect((await t.call('POST', `/api/directives/${id}/cancel`, { cookie: state })).status).toBe(200);
  });

  it('answers a body of a type the route does not take with its own code, not `internal`', async () => {
    const res = await t.call('POST', '/api/directives', { cookie: state, body: 'a,b', headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'unsupported_media_type' });
  });
});

describe('with PUBLIC_URL set', () => {
  let pub: TestSetu;
  beforeAll(async () => {
    pub = await createTestSetu({ PUBLIC_URL: 'https://setu.example.org' });
  });
  afterAll(() => pub.stop());

  it("takes only PUBLIC_URL's origin, whatever Host the request names", async () => {
    const headers = (origin: string) => ({ origin, 'content-type': 'application/json' });
    const forged = await pub.app.request('http://evil.example/api/auth/logout', {
      method: 'POST',
      headers: { ...headers('http://evil.example'), host: 'evil.example' },
    });
    expect(forged.status).toBe(403);
    const own = await pub.app.request('http://evil.example/api/auth/logout', { method: 'POST', headers: headers('https://setu.example.org') });
    expect(own.status).toBe(401); // past the check: there is no session to end
  });

  it('sends HSTS, and the browser security headers on every answer', async () => {
    const api = await pub.call('GET', '/api/health');
    expect(api.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await pub.call('GET', '/');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // An error answer too.
    const refused = await pub.call('GET', '/api/me');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends no HSTS over plain http', async () => {
    expect((await t.call('GET', '/api/health')).headers.get('strict-transport-security')).toBeNull();
    expect((await t.call('GET', '/api/health')).headers.get('x-content-type-options')).toBe('nosniff');
  });
});
