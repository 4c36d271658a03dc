import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { captureLogs, findPlainText, phoneSpellings } from '../../../testing/pii-scan.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let boothMember: string;
let sambhal: string;
const logs = captureLogs();

const notice = { purpose: 'org_updates', noticeVersion: 1 };
const groups = { purpose: 'whatsapp_groups', noticeVersion: 1 };

beforeAll(async () => {
  t = await createTestSetu({}, { log: logs.log });
  tree = await buildSampleTree(t.database.db);
  boothMember = await t.login(tree.people.boothMember.phone);
  sambhal = await t.login(tree.people.sambhalConvener.phone);
});
afterAll(() => t.stop());

const capture = (cookie: string, unitId: number, body: Record<string, unknown>) => t.call('POST', `/api/units/${unitId}/people`, { cookie, body });
const peopleCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`door-to-door capture (${engine})`, () => {
  it('records a person with encrypted phone, masked in the answer, with in-person consents', async () => {
    const capturedAt = new Date(Date.now() - 3_600_000).toISOString();
    const res = await capture(boothMember, tree.units.booth1, {
      clientId: randomUUID(),
      name: 'Ramesh Kumar',
      phone: '098765-43210',
      whatsapp: true,
      ageBand: '36_50',
      languages: ['hi'],
      tags: ['supporter'],
      notes: 'Lives near the temple',
      consents: [notice, groups],
      capturedAt,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { person: { id: number; phoneMasked: string; consents: string[]; homeUnit: { id: number } }; created: boolean };
    expect(body.created).toBe(true);
    expect(body.person.phoneMasked).toBe('+91 98•••••210');
    expect(body.person.consents).toEqual(['org_updates', 'whatsapp_groups']);
    expect(body.person.homeUnit.id).toBe(tree.units.booth1);
    const consents = await t.database.db.selectFrom('consents').selectAll().where('person_id', '=', body.person.id).execute();
    expect(consents.map((c) => [c.method, c.recorded_by, c.given_at.toISOString()])).toEqual([
      ['in_person', tree.people.boothMember.id, capturedAt],
      ['in_person', tree.people.boothMember.id, capturedAt],
    ]);
    const row = await t.database.db.selectFrom('people').selectAll().where('id', '=', body.person.id).executeTakeFirstOrThrow();
    expect(row.source).toBe('capture');
    expect(row.created_by).toBe(tree.people.boothMember.id);
    expect(row.search_key).toBe(' rmes kumr '); // the name folded for search (0018)
    expect(Buffer.from(row.phone_enc!).includes('9876543210')).toBe(false);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', String(body.person.id)).execute();
    expect(audit).toEqual([{ action: 'person.capture', details: { unitId: tree.units.booth1, created: true, consents: ['org_updates', 'whatsapp_groups'] } }]);
  });

  it('answers a retried sync (same clientId) with the same record and creates nothing', async () => {
    const clientId = randomUUID();
    const form = { clientId, name: 'Geeta Devi', phone: '9876500001', consents: [notice] };
    const first = await capture(boothMember, tree.units.booth1, form);
    expect(first.status).toBe(201);
    const before = await peopleCount();
    const consentsBefore = (await t.database.db.selectFrom('consents').select('id').execute()).length;
    const again = await capture(boothMember, tree.units.booth1, form);
    expect(again.status).toBe(200);
    const a = (await first.json()) as { person: { id: number } };
    const b = (await again.json()) as { person: { id: number }; created: boolean };
    expect(b).toMatchObject({ created: false, person: { id: a.person.id } });
    expect(await peopleCount()).toBe(before);
    expect((await t.database.db.selectFrom('consents').select('id').execute()).length).toBe(consentsBefore);
  });

  it('refuses another caller reusing someone else’s clientId (409) and changes nothing', async () => {
    const clientId = randomUUID();
    expect((await capture(boothMember, tree.units.booth1, { clientId, name: 'Mohan Lal' })).status).toBe(201);
    const before = await peopleCount();
    const res = await capture(sambhal, tree.units.booth1, { clientId, name: 'Someone Else' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'conflict' });
    expect(await peopleCount()).toBe(before);
  });

  // With a phone, the capture lock on (unit, phone) orders the two; without one, the unique index on client_id does.
  it.each([
    ['with', { name: 'Race Singh', phone: '9876500002' }],
    ['without', { name: 'Race Kaur' }],
  ])('makes one record when two syncs of one form race (%s a phone)', async (_, fields) => {
    const form = { clientId: randomUUID(), ...fields };
    const before = await peopleCount();
    const answers = await Promise.all([capture(boothMember, tree.units.booth1, form), capture(boothMember, tree.units.booth1, form)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { person: { id: number } }).person.id));
    expect(ids[0]).toBe(ids[1]);
    expect(await peopleCount()).toBe(before + 1);
  });

  it('finds the same name and phone at the same unit (consents added), however the phone and name are typed', async () => {
    const first = (await (await capture(boothMember, tree.units.booth1, { name: 'Suresh  Yadav', phone: '9876500003' })).json()) as {
      person: { id: number };
    };
    const before = await peopleCount();
    const res = await capture(boothMember, tree.units.booth1, { name: ' suresh yadav ', phone: '+91-98765-00003', consents: [groups] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ created: false, person: { id: first.person.id, consents: ['whatsapp_groups'] } });
    expect(await peopleCount()).toBe(before);
  });

  it('keeps households apart: another name on the same phone is a new person; so is the same person at another booth', async () => {
    const phone = '9876500004';
    const a = await capture(boothMember, tree.units.booth1, { name: 'Kamla Devi', phone });
    const b = await capture(boothMember, tree.units.booth1, { name: 'Raju Prasad', phone });
    const c = await capture(sambhal, tree.units.booth2, { name: 'Kamla Devi', phone });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    const ids = await Promise.all([a, b, c].map(async (r) => ((await r.json()) as { person: { id: number } }).person.id));
    expect(new Set(ids).size).toBe(3);
    const detail = (await (await t.call('GET', `/api/people/${ids[0]}`, { cookie: sambhal })).json()) as { household: { id: number }[] };
    expect(detail.household.map((h) => h.id).sort()).toEqual([ids[1], ids[2]].sort());
    // The booth worker sees only the household members whose home is in their booth.
    const seen = (await (await t.call('GET', `/api/people/${ids[0]}`, { cookie: boothMember })).json()) as { household: { id: number }[] };
    expect(seen.household.map((h) => h.id)).toEqual([ids[1]]);
  });

  it('records children but refuses their consent (child_not_allowed), creating nothing', async () => {
    const before = await peopleCount();
    const refused = await capture(boothMember, tree.units.booth1, { name: 'Chhotu', ageBand: 'under_18', consents: [notice] });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'child_not_allowed' });
    expect(await peopleCount()).toBe(before);
    const kid = await capture(boothMember, tree.units.booth1, { name: 'Chhotu', ageBand: 'under_18', phone: '9876500005' });
    expect(kid.status).toBe(201);
    // Found again by name and phone, still a child: consent is refused there too.
    const again = await capture(boothMember, tree.units.booth1, { name: 'Chhotu', phone: '9876500005', consents: [groups] });
    expect(again.status).toBe(422);
  });

  it('refuses unknown notices, outsiders (404) and bad input (400)', async () => {
    const before = await peopleCount();
    const unknown = await capture(boothMember, tree.units.booth1, { name: 'Notice Test', consents: [{ purpose: 'org_updates', noticeVersion: 99 }] });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ code: 'unknown_notice' });
    expect((await capture(boothMember, tree.units.booth2, { name: 'Other Booth' })).status).toBe(404);
    expect((await capture(sambhal, tree.units.meerutBooth, { name: 'Meerut Person' })).status).toBe(404);
    expect((await capture(boothMember, tree.units.booth1, { name: 'Bad Phone', phone: '12345' })).status).toBe(400);
    expect((await capture(boothMember, tree.units.booth1, { name: '' })).status).toBe(400);
    expect(await peopleCount()).toBe(before);
  });

  it('dates consent no later than now when the device clock runs ahead', async () => {
    const res = await capture(boothMember, tree.units.booth1, { name: 'Future Clock', consents: [notice], capturedAt: '2099-01-01T00:00:00Z' });
    const id = ((await res.json()) as { person: { id: number } }).person.id;
    const c = await t.database.db.selectFrom('consents').select('given_at').where('person_id', '=', id).executeTakeFirstOrThrow();
    expect(c.given_at.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe(`no plain number is written to any table or log (${engine})`, () => {
  const phone = '+919811122233';
  const typed = '098111-22233';
  let id: number;

  it('through capture, patch, reveal, export, consent and withdrawal', async () => {
    const convener = await t.login(tree.people.boothConvener.phone);
    const res = await capture(boothMember, tree.units.booth1, { clientId: randomUUID(), name: 'Leak Check', phone: typed, notes: 'call after 6' });
    id = ((await res.json()) as { person: { id: number } }).person.id;
    expect(
      (await t.call('PATCH', `/api/people/${id}`, { cookie: boothMember, body: { phone: '+91 98111 22244', notes: 'new notes', tags: ['x'] } })).status,
    ).toBe(200);
    expect((await t.call('PATCH', `/api/people/${id}`, { cookie: boothMember, body: { phone: typed } })).status).toBe(200);
    const revealed = await t.call('POST', `/api/people/${id}/reveal`, { cookie: convener });
    expect(await revealed.json()).toEqual({ phone, whatsappLink: 'https://wa.me/919811122233' });
    expect((await t.call('GET', `/api/people/${id}/export`, { cookie: convener })).status).toBe(200);
    expect((await t.call('POST', `/api/people/${id}/consents`, { cookie: boothMember, body: notice })).status).toBe(201);
    expect((await t.call('POST', `/api/people/${id}/consents/org_updates/withdraw`, { cookie: boothMember, body: {} })).status).toBe(200);
    expect((await t.call('GET', `/api/units/${tree.units.booth1}/people?q=leak`, { cookie: boothMember })).status).toBe(200);

    const needles = [...phoneSpellings(phone), ...phoneSpellings('+919811122244'), typed, 'call after 6', 'new notes'];
    expect(await findPlainText(t.database.db, needles)).toEqual([]);
    expect(logs.lines.length).toBeGreaterThan(0); // the capture wrote its (number-free) line: the capture works
    for (const n of needles) expect(logs.text()).not.toContain(n);
  });

  it('while the scan does find what is stored in plain text (so the check above can fail)', async () => {
    // The search key holds the name folded (0018): ' leak chek '.
    const hits = await findPlainText(t.database.db, ['Leak Check', 'leak chek']);
    expect(hits).toContainEqual({ needle: 'Leak Check', table: 'people', column: 'name', rows: 1 });
    expect(hits).toContainEqual({ needle: 'leak chek', table: 'people', column: 'search_key', rows: 1 });
    // …and in bytea, as bytes, and in arrays and json.
    await t.database.db
      .updateTable('people')
      .set({ notes_enc: new TextEncoder().encode('xx 9811122233 xx'), tags: ['tag-9811122233'] })
      .where('id', '=', id)
      .execute();
    const found = await findPlainText(t.database.db, ['9811122233']);
    expect(found.map((h) => `${h.table}.${h.column}`).sort()).toEqual(['people.notes_enc', 'people.tags']);
  });
});
