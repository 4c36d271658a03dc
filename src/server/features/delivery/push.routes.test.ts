import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../platform/crypto.ts';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { findPlainText } from '../../testing/pii-scan.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let member: string;
let convener: string;
const cipher = createPiiCipher(TEST_SECRET);

const endpoint = 'https://fcm.googleapis.com/fcm/send/dGVzdC1zdWJzY3JpcHRpb24';
const subscription = (e = endpoint, auth = 'YXV0aC1zZWNyZXQ') => ({
  endpoint: e,
  expirationTime: null,
  keys: { p256dh: 'BOr5vQ2p1m3-Yk4wQm0mZr0kT3c2xP9b6d8eUu5e1qYlXx', auth },
});

const live = () =>
  t.database.db.selectFrom('contact_points').select(['id', 'person_id', 'channel', 'address_enc']).where('revoked_at', 'is', null).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  member = await t.login(tree.people.boothMember.phone);
  convener = await t.login(tree.people.boothConvener.phone);
});
afterAll(() => t.stop());

describe(`push subscriptions (${engine})`, () => {
  it('answers the VAPID public key (null: this server sends no push) to a signed-in person', async () => {
    const res = await t.call('GET', '/api/push/vapid-public-key', { cookie: member });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ publicKey: null });
    expect((await t.call('GET', '/api/push/vapid-public-key')).status).toBe(401);
  });

  it('stores the caller’s subscription encrypted, refreshes it when sent again, and audits without the endpoint', async () => {
    const first = await t.call('POST', '/api/me/push-subscriptions', { cookie: member, body: subscription() });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ ok: true });
    const again = await t.call('POST', '/api/me/push-subscriptions', { cookie: member, body: subscription(endpoint, 'bmV3LWF1dGg') });
    expect(again.status).toBe(200);

    const rows = await live();
    expect(rows.map((r) => [r.person_id, r.channel])).toEqual([[tree.people.boothMember.id, 'push']]);
    expect(JSON.parse(cipher.decrypt(rows[0]!.address_enc!))).toMatchObject({ endpoint, keys: { auth: 'bmV3LWF1dGg' } });
    expect(await findPlainText(t.database.db, [endpoint, 'dGVzdC1zdWJzY3JpcHRpb24', 'bmV3LWF1dGg'])).toEqual([]);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', 'like', 'contact.%').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'contact.add', actor_id: tree.people.boothMember.id },
      { action: 'contact.refresh', actor_id: tree.people.boothMember.id },
    ]);
  });

  it('refuses an endpoint the server should not post to', async () => {
    for (const e of ['http://fcm.googleapis.com/x', 'https://127.0.0.1/x', 'https://[::1]/x', 'https://localhost/x', 'https://push.internal/x', 'not a url']) {
      const res = await t.call('POST', '/api/me/push-subscriptions', { cookie: member, body: subscription(e) });
      expect({ e, status: res.status }).toEqual({ e, status: 400 });
    }
    expect((await t.call('POST', '/api/me/push-subscriptions', { cookie: member, body: { endpoint } })).status).toBe(400);
  });

  it('gives a browser to whoever signed in on it last; only the owner can remove it', async () => {
    expect((await t.call('POST', '/api/me/push-subscriptions', { cookie: convener, body: subscription() })).status).toBe(201);
    expect((await live()).map((r) => r.person_id)).toEqual([tree.people.boothConvener.id]);

    // The member no longer holds it: removing it answers false and leaves the convener's row alone.
    const notMine = await t.call('DELETE', '/api/me/push-subscriptions', { cookie: member, body: { endpoint } });
    expect(await notMine.json()).toEqual({ removed: false });
    expect(await live()).toHaveLength(1);

    const mine = await t.call('DELETE', '/api/me/push-subscriptions', { cookie: convener, body: { endpoint } });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({ removed: true });
    expect(await live()).toEqual([]);
  });
});
