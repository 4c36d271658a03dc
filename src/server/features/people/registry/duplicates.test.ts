import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignPosition } from '../../org/index.ts';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let boothMember: string;
let sambhal: string;
const id: Record<string, number> = {};

type Pairs = { items: { a: { id: number }; b: { id: number }; reason: string; score: number }[] };

const PHONE = '9876600001';
beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  boothMember = await t.login(tree.people.boothMember.phone);
  sambhal = await t.login(tree.people.sambhalConvener.phone);
  const add = async (key: string, cookie: string, unitId: number, body: Record<string, unknown>) => {
    const res = await t.call('POST', `/api/units/${unitId}/people`, { cookie, body });
    if (res.status !== 201) throw new Error(`${key}: ${res.status} ${await res.text()}`);
    id[key] = ((await res.json()) as { person: { id: number } }).person.id;
  };
  // One phone: Ramesh twice (spelt two ways), and his wife Sita: a household, not a duplicate.
  await add('ramesh', boothMember, tree.units.booth1, { name: 'Ramesh Kumar', phone: PHONE, consents: [{ purpose: 'org_updates', noticeVersion: 1 }] });
  await add('rameshAgain', boothMember, tree.units.booth1, {
    name: 'Ramesh Kumaar',
    phone: PHONE,
    tags: ['bike'],
    consents: [
      { purpose: 'org_updates', noticeVersion: 1 },
      { purpose: 'whatsapp_groups', noticeVersion: 1 },
    ],
  });
  await add('sita', boothMember, tree.units.booth1, { name: 'Sita Kumari', phone: PHONE });
  // The same name in Devanagari at the same booth, on another phone; and at another booth on no phone.
  await add('mahesh', boothMember, tree.units.booth1, { name: 'Mahesh Verma', phone: '9876600002' });
  await add('maheshHi', boothMember, tree.units.booth1, { name: 'महेश वर्मा', phone: '9876600003' });
  await add('maheshOther', sambhal, tree.units.booth2, { name: 'Mahesh Verma' });
  // Ramesh's phone again at the other booth.
  await add('rameshBooth2', sambhal, tree.units.booth2, { name: 'Ramesh Kumar', phone: PHONE });
});
afterAll(() => t.stop());

const pairs = async (cookie: string, unitId: number) => {
  const res = await t.call('GET', `/api/units/${unitId}/duplicates`, { cookie });
  return { status: res.status, body: (await res.json()) as Pairs };
};
const key = (p: Pairs['items'][number]) => {
  const name = (x: number) => Object.entries(id).find(([, v]) => v === x)![0];
  return `${[name(p.a.id), name(p.b.id)].join('+')}:${p.reason}`;
};

describe(`duplicate suggestions (${engine})`, () => {
  it('suggests the same phone with a similar name, and a similar name at the same booth, never the household', async () => {
    const { status, body } = await pairs(sambhal, tree.units.sambhal);
    expect(status).toBe(200);
    expect(body.items.map(key).sort()).toEqual(
      [
        'ramesh+rameshAgain:same_phone_similar_name',
        'ramesh+rameshBooth2:same_phone_similar_name',
        'rameshAgain+rameshBooth2:same_phone_similar_name',
        'mahesh+maheshHi:similar_name_same_booth',
      ].sort(),
    );
    expect(body.items[0]!.score).toBe(1);
    expect(body.items.every((p) => p.score >= 0.5 && p.score <= 1)).toBe(true);
  });

  it('shows a booth worker only the pairs inside their booth; other units are 404', async () => {
    const { body } = await pairs(boothMember, tree.units.booth1);
    expect(body.items.map(key).sort()).toEqual(['mahesh+maheshHi:similar_name_same_booth', 'ramesh+rameshAgain:same_phone_similar_name']);
    expect((await pairs(boothMember, tree.units.booth2)).status).toBe(404);
    const meerut = await t.login(tree.people.meerutConvener.phone);
    expect((await pairs(meerut, tree.units.sambhal)).status).toBe(404);
  });

  it('stops suggesting a pair marked as different people', async () => {
    const body = { a: id.maheshHi, b: id.mahesh };
    expect((await t.call('POST', '/api/people/not-duplicates', { cookie: boothMember, body })).status).toBe(403);
    const res = await t.call('POST', '/api/people/not-duplicates', { cookie: sambhal, body });
    expect(await res.json()).toEqual({ a: id.mahesh, b: id.maheshHi });
    expect((await t.call('POST', '/api/people/not-duplicates', { cookie: sambhal, body })).status).toBe(200);
    expect((await pairs(sambhal, tree.units.sambhal)).body.items.map(key)).not.toContain('mahesh+maheshHi:similar_name_same_booth');
    expect((await t.call('POST', '/api/people/not-duplicates', { cookie: sambhal, body: { a: id.mahesh, b: id.mahesh } })).status).toBe(422);
  });
});

describe(`merge (${engine})`, () => {
  it('is refused without people.manage (403), for the same record or an outsider (422, 404)', async () => {
    const merge = (cookie: string, from: number, into: number) => t.call('POST', `/api/people/${from}/merge`, { cookie, body: { intoId: into } });
    expect((await merge(boothMember, id.rameshAgain!, id.ramesh!)).status).toBe(403);
    expect((await merge(sambhal, id.ramesh!, id.ramesh!)).status).toBe(422);
    const meerut = await t.login(tree.people.meerutConvener.phone);
    expect((await merge(meerut, id.rameshAgain!, id.ramesh!)).status).toBe(404);
    expect((await merge(sambhal, id.rameshAgain!, tree.people.meerutConvener.id)).status).toBe(404);
  });

  it('moves positions, consents, group admin rows and created records to the survivor, keeping history', async () => {
    const db = t.database.db;
    // Both records hold the booth's member position; the second also one at booth 2, and admins a group.
    await assignPosition(db, { personId: id.ramesh!, unitId: tree.units.booth1, role: 'member' });
    await assignPosition(db, { personId: id.rameshAgain!, unitId: tree.units.booth1, role: 'member' });
    await assignPosition(db, { personId: id.rameshAgain!, unitId: tree.units.booth2, role: 'member' });
    const group = await db
      .insertInto('whatsapp_groups')
      .values({ unit_id: tree.units.booth1, name: 'Booth 1 public', purpose: 'public', updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('whatsapp_group_admins').values({ group_id: group.id, person_id: id.rameshAgain! }).execute();
    await db.updateTable('people').set({ created_by: id.rameshAgain! }).where('id', '=', id.maheshOther!).execute();

    const res = await t.call('POST', `/api/people/${id.rameshAgain}/merge`, { cookie: sambhal, body: { intoId: id.ramesh } });
    expect(res.status).toBe(200);
    const survivor = (await res.json()) as { id: number; consents: string[]; tags: string[]; positions: { unit: { id: number } }[] };
    expect(survivor.id).toBe(id.ramesh);
    expect(survivor.consents).toEqual(['org_updates', 'whatsapp_groups']);
    expect(survivor.tags).toEqual(['bike']);
    expect(survivor.positions.map((p) => p.unit.id).sort()).toEqual([tree.units.booth1, tree.units.booth2].sort());

    const merged = await db.selectFrom('people').selectAll().where('id', '=', id.rameshAgain!).executeTakeFirstOrThrow();
    expect(merged).toMatchObject({ merged_into: id.ramesh, name: 'Ramesh Kumaar', disabled_at: expect.any(Date) });
    const consents = await db
      .selectFrom('consents')
      .select(['person_id', 'purpose', 'withdrawal_method'])
      .where('person_id', 'in', [id.ramesh!, id.rameshAgain!])
      .execute();
    expect(consents.every((c) => c.person_id === id.ramesh)).toBe(true);
    expect(consents.map((c) => `${c.purpose}:${c.withdrawal_method}`).sort()).toEqual(['org_updates:merge', 'org_updates:null', 'whatsapp_groups:null']);
    const positions = await db
      .selectFrom('positions')
      .select(['person_id', 'unit_id', 'ended_at'])
      .where('person_id', 'in', [id.ramesh!, id.rameshAgain!])
      .execute();
    expect(positions.filter((p) => p.ended_at === null).every((p) => p.person_id === id.ramesh)).toBe(true);
    expect(positions.filter((p) => p.ended_at !== null)).toHaveLength(1); // the duplicate booth-1 position, ended and kept
    expect(await db.selectFrom('whatsapp_group_admins').selectAll().where('group_id', '=', group.id).execute()).toEqual([
      { group_id: group.id, person_id: id.ramesh },
    ]);
    expect((await db.selectFrom('people').select('created_by').where('id', '=', id.maheshOther!).executeTakeFirstOrThrow()).created_by).toBe(id.ramesh);

    // The merged record is no longer listed or suggested, and its page says where it went.
    const page = (await (await t.call('GET', `/api/people/${id.rameshAgain}`, { cookie: sambhal })).json()) as { mergedInto: number };
    expect(page.mergedInto).toBe(id.ramesh);
    expect((await pairs(sambhal, tree.units.sambhal)).body.items.map(key)).toEqual(['ramesh+rameshBooth2:same_phone_similar_name']);
    const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'person.merge').executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ intoId: id.ramesh, positionsMoved: 1, positionsEnded: 1, consentsMoved: 2, consentsWithdrawn: 1, groupAdminRowsMoved: 1 });
    // Merging again, or into a merged record, is refused.
    expect((await t.call('POST', `/api/people/${id.rameshAgain}/merge`, { cookie: sambhal, body: { intoId: id.ramesh } })).status).toBe(422);
    expect((await t.call('POST', `/api/people/${id.rameshBooth2}/merge`, { cookie: sambhal, body: { intoId: id.rameshAgain } })).status).toBe(422);
  });

  it('a retried capture of a merged record answers the survivor', async () => {
    const clientId = '6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b';
    const first = await t.call('POST', `/api/units/${tree.units.booth1}/people`, { cookie: boothMember, body: { clientId, name: 'Dup Form' } });
    const dup = ((await first.json()) as { person: { id: number } }).person.id;
    expect((await t.call('POST', `/api/people/${dup}/merge`, { cookie: sambhal, body: { intoId: id.mahesh } })).status).toBe(200);
    const retry = await t.call('POST', `/api/units/${tree.units.booth1}/people`, { cookie: boothMember, body: { clientId, name: 'Dup Form' } });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ created: false, person: { id: id.mahesh } });
  });
});
