import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../platform/crypto.ts';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { findPlainText } from '../../testing/pii-scan.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let member: string;
const cipher = createPiiCipher(TEST_SECRET);

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  member = await t.login(tree.people.boothMember.phone);
});
afterAll(() => t.stop());

const live = () =>
  t.database.db
    .selectFrom('contact_points')
    .select(['person_id', 'channel', 'address_enc'])
    .where('revoked_at', 'is', null)
    .where('person_id', '=', tree.people.boothMember.id)
    .orderBy('channel')
    .execute();

describe(`a person's own channels (${engine})`, () => {
  it('turns SMS to their own number on and off, sets an email, shows them masked, stores them encrypted', async () => {
    expect(await (await t.call('GET', '/api/me/channels', { cookie: member })).json()).toEqual({ pushDevices: 0, sms: null, email: null });
    const on = await t.call('PUT', '/api/me/channels', { cookie: member, body: { sms: true, email: 'Sunita.Devi@example.org' } });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ pushDevices: 0, sms: '+91 90•••••004', email: 'S•••@example.org' });
    const rows = await live();
    expect(rows.map((r) => [r.channel, cipher.decrypt(r.address_enc!)])).toEqual([
      ['email', 'Sunita.Devi@example.org'],
      ['sms', '+919000000004'],
    ]);
    expect(await findPlainText(t.database.db, ['Sunita.Devi@example.org'])).toEqual([]);
    const off = await t.call('PUT', '/api/me/channels', { cookie: member, body: { sms: false, email: null } });
    expect(await off.json()).toEqual({ pushDevices: 0, sms: null, email: null });
    expect(await live()).toEqual([]);
  });

  it('refuses a malformed address and changes nothing; there is no way to name another number', async () => {
    const bad = await t.call('PUT', '/api/me/channels', { cookie: member, body: { email: 'not an email' } });
    expect(bad.status).toBe(400);
    const other = await t.call('PUT', '/api/me/channels', { cookie: member, body: { sms: '+919999999999' } });
    expect(other.status).toBe(400);
    expect(await live()).toEqual([]);
  });
});
