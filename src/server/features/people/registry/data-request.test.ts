import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../../platform/crypto.ts';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { findPlainText, phoneSpellings } from '../../../testing/pii-scan.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let boothMember: string;
let sambhal: string;
const cipher = createPiiCipher(TEST_SECRET);

const PHONE = '+919812345678';
const TYPED = '98123 45678';
const SECOND_PHONE = '+919812300000';
let savitri: number; // the person who asks for her data, then for its erasure
let again: number; // the same woman, found a second time at another booth and merged into the first record
let groupId: number;
let eventId: number;
let savitriCookie: string;

const capture = async (cookie: string, unitId: number, body: Record<string, unknown>) => {
  const res = await t.call('POST', `/api/units/${unitId}/people`, { cookie, body });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  return ((await res.json()) as { person: { id: number } }).person.id;
};
const phoneKey = (e164: string) => Buffer.from(cipher.blindIndex(e164)).toString('base64url');
const consents = [
  { purpose: 'org_updates', noticeVersion: 1 },
  { purpose: 'whatsapp_groups', noticeVersion: 1 },
];

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  boothMember = await t.login(tree.people.boothMember.phone);
  sambhal = await t.login(tree.people.sambhalConvener.phone);
  const db = t.database.db;
  savitri = await capture(boothMember, tree.units.booth1, {
    name: 'Savitri Kushwaha',
    phone: TYPED,
    whatsapp: true,
    ageBand: '36_50',
    languages: ['hi'],
    tags: ['mahila morcha'],
    notes: 'Savitri runs the tea stall by the school',
    consents,
  });
  await db
    .updateTable('consents')
    .set({ evidence: 'paper form signed by Savitri Kushwaha' })
    .where('person_id', '=', savitri)
    .where('purpose', '=', 'org_updates')
    .execute();
  again = await capture(sambhal, tree.units.booth2, { name: 'Savitri K', phone: SECOND_PHONE, notes: 'Kushwaha family', consents: [consents[1]] });
  expect((await t.call('POST', `/api/people/${again}/merge`, { cookie: sambhal, body: { intoId: savitri } })).status).toBe(200);
  // She becomes a booth worker, signs in, and administers the booth's WhatsApp group.
  const appointed = await t.call('POST', `/api/units/${tree.units.booth1}/positions`, { cookie: sambhal, body: { role: 'member', person: { id: savitri } } });
  expect(appointed.status).toBe(201);
  savitriCookie = await t.login(TYPED);
  const group = await db
    .insertInto('whatsapp_groups')
    .values({ unit_id: tree.units.booth1, name: 'Booth 1 workers', purpose: 'workers', updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  groupId = group.id;
  await db.insertInto('whatsapp_group_admins').values({ group_id: groupId, person_id: savitri }).execute();
  // A booth meeting she said she would come to and was marked present at.
  const event = await db
    .insertInto('events')
    .values({
      unit_id: tree.units.booth1,
      kind: 'meeting',
      title_hi: 'बूथ बैठक',
      starts_at: new Date(),
      ends_at: new Date(),
      levels: ['booth'],
      created_by: savitri,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  eventId = event.id;
  await db.insertInto('event_rsvps').values({ event_id: eventId, person_id: savitri, answer: 'yes' }).execute();
  await db.insertInto('event_attendance').values({ event_id: eventId, person_id: savitri, method: 'walk_in', marked_by: savitri }).execute();
});
afterAll(() => t.stop());

describe(`data request: export (${engine})`, () => {
  it('gives everything held about the person, decrypted, to people.manage at or above; audited', async () => {
    const res = await t.call('GET', `/api/people/${savitri}/export`, { cookie: sambhal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`person-${savitri}.json`);
    const data = (await res.json()) as Record<string, any>;
    expect(data.person).toMatchObject({
      id: savitri,
      name: 'Savitri Kushwaha',
      phone: PHONE,
      whatsapp: true,
      ageBand: '36_50',
      languages: ['hi'],
      tags: ['mahila morcha'],
      notes: 'Savitri runs the tea stall by the school',
      homeUnit: { id: tree.units.booth1 },
      source: 'capture',
      createdBy: tree.people.boothMember.id,
    });
    expect(data.merged).toMatchObject([{ id: again, name: 'Savitri K', phone: SECOND_PHONE, notes: 'Kushwaha family', mergedInto: savitri }]);
    const notices = await t.database.db.selectFrom('notices').select(['purpose', 'hash']).execute();
    const hashOf = (p: string) => Buffer.from(notices.find((n) => n.purpose === p)!.hash).toString('hex');
    expect(data.consents.map((c: any) => [c.purpose, c.noticeVersion, c.noticeHash, c.method, c.withdrawalMethod]).sort()).toEqual(
      [
        ['org_updates', 1, hashOf('org_updates'), 'in_person', null],
        ['whatsapp_groups', 1, hashOf('whatsapp_groups'), 'in_person', null],
        // The second record's consent to groups was closed by the merge (the first record already had it), kept as history.
        ['whatsapp_groups', 1, hashOf('whatsapp_groups'), 'in_person', 'merge'],
      ].sort(),
    );
    expect(data.consents.find((c: any) => c.evidence)?.evidence).toBe('paper form signed by Savitri Kushwaha');
    expect(data.positions).toMatchObject([{ unit: { id: tree.units.booth1 }, role: 'member', endedAt: null }]);
    expect(data.groupAdmin).toEqual([{ groupId, name: 'Booth 1 workers', purpose: 'workers', unit: expect.objectContaining({ id: tree.units.booth1 }) }]);
    expect(data.events).toEqual([
      {
        eventId,
        titleHi: 'बूथ बैठक',
        titleEn: null,
        startsAt: expect.any(String),
        unit: expect.objectContaining({ id: tree.units.booth1 }),
        rsvp: 'yes',
        present: { method: 'walk_in', markedAt: expect.any(String) },
      },
    ]);
    expect(data.audit.map((a: any) => a.action)).toEqual(['person.capture', 'person.capture', 'person.merge']);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'person.export').execute();
    expect(audit).toEqual([{ actor_id: tree.people.sambhalConvener.id, details: { records: 2 } }]);
  });

  it('is refused to a worker without people.manage (403) and to outsiders (404)', async () => {
    expect((await t.call('GET', `/api/people/${savitri}/export`, { cookie: boothMember })).status).toBe(403);
    const meerut = await t.login(tree.people.meerutConvener.phone);
    expect((await t.call('GET', `/api/people/${savitri}/export`, { cookie: meerut })).status).toBe(404);
  });
});

describe(`data request: erasure (${engine})`, () => {
  const underBooth1 = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from people where home_unit_id = ${tree.units.booth1}`.execute(t.database.db)).rows[0]!.n);
  const listed = async () =>
    ((await (await t.call('GET', `/api/units/${tree.units.booth1}/people?limit=200`, { cookie: sambhal })).json()) as { items: { id: number }[] }).items.map(
      (i) => i.id,
    );

  it('is refused without people.manage (403), to outsiders (404) and without a reason (400)', async () => {
    expect((await t.call('POST', `/api/people/${savitri}/erase`, { cookie: boothMember, body: { reason: 'asked' } })).status).toBe(403);
    expect((await t.call('POST', `/api/people/${savitri}/erase`, { cookie: sambhal, body: { reason: '' } })).status).toBe(400);
    expect((await t.call('POST', `/api/people/${again}/erase`, { cookie: sambhal, body: { reason: 'asked' } })).status).toBe(409);
    expect((await t.call('GET', `/api/me`, { cookie: savitriCookie })).status).toBe(200);
  });

  it('leaves no personal data behind, anywhere, and keeps the tombstone so counts stay right', async () => {
    // Her sign-in left a one-time code and a rate limit keyed by her phone's blind index.
    const db = t.database.db;
    expect(await db.selectFrom('otp_challenges').select('id').where('phone_hash', '=', cipher.blindIndex(PHONE)).execute()).not.toEqual([]);
    expect(
      await db
        .selectFrom('rate_limits')
        .select('key')
        .where('key', '=', `login:phone:${phoneKey(PHONE)}`)
        .execute(),
    ).not.toEqual([]);
    const needles = [
      ...phoneSpellings(PHONE),
      ...phoneSpellings(SECOND_PHONE),
      TYPED,
      'Savitri',
      'Kushwaha',
      // Her name as the search key holds it, folded (0018).
      'svitri kusvha',
      'tea stall',
      'mahila morcha',
      phoneKey(PHONE),
      phoneKey(SECOND_PHONE),
    ];
    // Before: the scan finds her (so it can fail).
    expect((await findPlainText(db, needles)).map((h) => `${h.table}.${h.column}`)).toEqual(
      expect.arrayContaining(['people.name', 'people.search_key', 'consents.evidence', 'rate_limits.key']),
    );
    const countBefore = await underBooth1();
    expect(await listed()).toContain(savitri);

    const res = await t.call('POST', `/api/people/${savitri}/erase`, { cookie: sambhal, body: { reason: 'Savitri Kushwaha asked at the door, 98123 45678' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: savitri, erasedAt: expect.any(String) });

    expect(await findPlainText(db, needles)).toEqual([]);
    const rows = await db.selectFrom('people').selectAll().where('id', 'in', [savitri, again]).orderBy('id').execute();
    for (const r of rows) {
      expect(r).toMatchObject({ name: '', phone_enc: null, phone_hash: null, notes_enc: null, search_key: null, client_id: null, tags: [], languages: [] });
      expect(r).toMatchObject({ age_band: null, pii_key_id: null, erased_at: expect.any(Date), disabled_at: expect.any(Date) });
    }
    expect(await db.selectFrom('otp_challenges').select('id').where('phone_hash', '=', cipher.blindIndex(PHONE)).execute()).toEqual([]);
    expect(await db.selectFrom('consents').select('id').where('person_id', 'in', [savitri, again]).where('withdrawn_at', 'is', null).execute()).toEqual([]);
    const closed = await db.selectFrom('consents').select(['withdrawal_method', 'evidence']).where('person_id', '=', savitri).execute();
    expect(closed.filter((c) => c.withdrawal_method === 'erasure')).toHaveLength(2);
    expect(closed.every((c) => c.evidence === null)).toBe(true);
    expect(await db.selectFrom('whatsapp_group_admins').selectAll().where('group_id', '=', groupId).execute()).toEqual([]);
    expect(await db.selectFrom('positions').select('id').where('person_id', '=', savitri).where('ended_at', 'is', null).execute()).toEqual([]);
    const sessions = await db.selectFrom('sessions').select(['revoked_at', 'ip', 'user_agent']).where('person_id', '=', savitri).execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.revoked_at !== null && s.ip === null && s.user_agent === null)).toBe(true);
    expect((await t.call('GET', `/api/me`, { cookie: savitriCookie })).status).toBe(401);

    // The tombstone stays: counts under the unit are unchanged, but nobody lists or opens her record.
    expect(await underBooth1()).toBe(countBefore);
    expect(await listed()).not.toContain(savitri);
    expect(await (await t.call('GET', `/api/people/${savitri}`, { cookie: sambhal })).json()).toMatchObject({ code: 'person_erased' });
    expect((await t.call('POST', `/api/people/${savitri}/erase`, { cookie: sambhal, body: { reason: 'again' } })).status).toBe(409);

    // The audit says what was done, never the reason's words.
    const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'person.erase').executeTakeFirstOrThrow();
    expect(audit.details).toEqual({
      reasonLength: 'Savitri Kushwaha asked at the door, 98123 45678'.length,
      records: [savitri, again],
      consentsWithdrawn: 2,
      positionsEnded: 1,
      groupAdminRowsRemoved: 1,
      sessionsRevoked: 1,
      filesErased: 0,
      reportsBlanked: 0,
      eventNamesBlanked: 0,
    });
    // The export of a tombstone holds nothing personal.
    const exported = await (await t.call('GET', `/api/people/${savitri}/export`, { cookie: sambhal })).text();
    for (const n of ['Savitri', 'Kushwaha', '9812345678', 'tea stall']) expect(exported).not.toContain(n);
  });

  it('keeps a household member’s phone, codes and limits when one of them is erased', async () => {
    const shared = '+919812399999';
    const parent = await capture(boothMember, tree.units.booth1, { name: 'Bhola Nath', phone: shared });
    const child = await capture(boothMember, tree.units.booth1, { name: 'Chandni Nath', phone: shared });
    const db = t.database.db;
    await db
      .insertInto('rate_limits')
      .values({ key: `login:phone:${phoneKey(shared)}`, window_start: new Date(), hits: 3 })
      .execute();
    expect((await t.call('POST', `/api/people/${child}/erase`, { cookie: sambhal, body: { reason: 'asked' } })).status).toBe(200);
    expect(
      await db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', `login:phone:${phoneKey(shared)}`)
        .execute(),
    ).toEqual([{ hits: 3 }]);
    const reveal = await t.call('POST', `/api/people/${parent}/reveal`, { cookie: sambhal });
    expect(await reveal.json()).toMatchObject({ phone: shared });
    expect(await findPlainText(db, ['Chandni'])).toEqual([]);
    // Once the last holder is erased, the phone's limits go too.
    expect((await t.call('POST', `/api/people/${parent}/erase`, { cookie: sambhal, body: { reason: 'asked' } })).status).toBe(200);
    expect(
      await db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', `login:phone:${phoneKey(shared)}`)
        .execute(),
    ).toEqual([]);
  });
});
