import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../platform/channels/channel.ts';
import { createPiiCipher } from '../../platform/crypto.ts';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';
import { saveContactPoint, startDeliveryWorker } from '../delivery/index.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let [state, sambhal, meerut, member] = ['', '', '', ''];
const cipher = createPiiCipher(TEST_SECRET);
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(db());
  [state, sambhal, meerut, member] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.meerutConvener.phone),
    t.login(tree.people.boothMember.phone),
  ]);
  // Booth 1's two holders agreed to organisation updates by SMS.
  const notice = await db().selectFrom('notices').select('id').where('purpose', '=', 'org_updates').executeTakeFirstOrThrow();
  for (const p of [tree.people.boothMember, tree.people.boothConvener]) {
    await db().insertInto('consents').values({ person_id: p.id, purpose: 'org_updates', notice_id: notice.id, method: 'in_person' }).execute();
    await db()
      .transaction()
      .execute((trx) => saveContactPoint(trx, cipher, { personId: p.id, channel: 'sms', address: `+91${p.phone}` }));
  }
});
afterAll(() => t.stop());

describe(`how a directive's messages went (${engine})`, () => {
  it('shows its issuer each message and the deliveries that failed for good, with the reason masked; 404 outside', async () => {
    const issued = await t.call('POST', '/api/directives', {
      cookie: sambhal,
      body: { clientKey: `outreach-${Date.now()}`, unitId: tree.units.sambhal, titleEn: 'Voter slips', ask: 'ack', audience: { levels: ['booth'] } },
    });
    const { id } = (await issued.json()) as { id: number };
    // The gateway refuses the convener's number for good, quoting it; the member's goes through.
    const sms: Channel = {
      name: 'sms',
      ratePerSecond: 1000,
      send: async (address) =>
        address.endsWith(tree.people.boothConvener.phone)
          ? { ok: false, permanent: true, reason: `gateway 400: ${address} is not a mobile number` }
          : { ok: true, providerId: 'gw-1' },
    };
    const worker = startDeliveryWorker({ db: db(), cipher, channels: [sms], log: t.log, publicUrl: 'https://setu.example.org', idleMs: 10 });
    await worker.drain(30_000);
    await worker.stop();

    const res = await t.call('GET', `/api/directives/${id}/delivery`, { cookie: sambhal });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      messages: [expect.objectContaining({ topic: 'directive.issued', recipients: 2, sent: 1, dead: 1, queued: 0, error: null })],
      dead: [
        {
          topic: 'directive.issued',
          person: { id: tree.people.boothConvener.id, name: 'Ramesh Pal' },
          channel: 'sms',
          attempts: 1,
          reason: 'gateway 400: ••• is not a mobile number',
        },
      ],
      truncated: false,
    });
    expect(JSON.stringify(body)).not.toContain(tree.people.boothConvener.phone);
    // The state convener may issue at Sambhal, so may see it; Meerut's convener and a booth member may not.
    expect((await t.call('GET', `/api/directives/${id}/delivery`, { cookie: state })).status).toBe(200);
    expect((await t.call('GET', `/api/directives/${id}/delivery`, { cookie: meerut })).status).toBe(404);
    expect((await t.call('GET', `/api/directives/${id}/delivery`, { cookie: member })).status).toBe(404);
  });
});
