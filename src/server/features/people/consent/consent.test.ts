import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { reachableFor } from './consent.repo.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let boothMember: string;
let boothConvener: string;
let person: number;

const orgUpdates = { purpose: 'org_updates', noticeVersion: 1 };
const groups = { purpose: 'whatsapp_groups', noticeVersion: 1 };

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  boothMember = await t.login(tree.people.boothMember.phone);
  boothConvener = await t.login(tree.people.boothConvener.phone);
  // Captured by the booth convener, so the booth member neither created nor manages the record.
  const res = await t.call('POST', `/api/units/${tree.units.booth1}/people`, { cookie: boothConvener, body: { name: 'Pushpa Rani', phone: '9876700001' } });
  person = ((await res.json()) as { person: { id: number } }).person.id;
});
afterAll(() => t.stop());

/** Who the next send for a purpose would reach, through the one condition every send and roster uses. */
const reachable = async (purpose: string) =>
  (
    await t.database.db
      .selectFrom('people as p')
      .select('p.id')
      .where(reachableFor(purpose, { id: sql.ref('p.id'), ageBand: sql.ref('p.age_band') }))
      .execute()
  ).map((r) => r.id);

describe(`notices (${engine})`, () => {
  it('are public: the current version of each purpose in Hindi and English, with the SHA-256 a consent proves', async () => {
    const res = await t.call('GET', '/api/notices');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Record<string, string | number>[] };
    expect(items.map((n) => `${n.purpose}@${n.version}`)).toEqual(['org_updates@1', 'whatsapp_groups@1']);
    for (const n of items) {
      const h = createHash('sha256');
      for (const part of [n.purpose, String(n.version), n.titleHi, n.textHi, n.titleEn, n.textEn]) h.update(String(part)).update('\0');
      expect(n.hash).toBe(h.digest('hex'));
      expect(n.textHi).toMatch(/[\u0900-\u097F]/);
    }
  });

  it('answer with the newest version once one is published', async () => {
    await t.database.db
      .insertInto('notices')
      .values({ purpose: 'org_updates', version: 2, title_hi: 'संगठन की सूचनाएँ', title_en: 'Organisation updates', text_hi: 'नया पाठ', text_en: 'New text' })
      .execute();
    const { items } = (await (await t.call('GET', '/api/notices')).json()) as { items: { purpose: string; version: number }[] };
    expect(items.map((n) => `${n.purpose}@${n.version}`)).toEqual(['org_updates@2', 'whatsapp_groups@1']);
  });
});

describe(`consent and its withdrawal (${engine})`, () => {
  const give = (cookie: string, body: object, id = person) => t.call('POST', `/api/people/${id}/consents`, { cookie, body });
  const withdraw = (cookie: string, purpose: string, body: object = {}, id = person) =>
    t.call('POST', `/api/people/${id}/consents/${purpose}/withdraw`, { cookie, body });

  it('records consent in person, at the version shown, by someone who may edit the record', async () => {
    expect((await give(boothMember, orgUpdates)).status).toBe(403);
    const res = await give(boothConvener, orgUpdates);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      purpose: 'org_updates',
      noticeVersion: 1,
      method: 'in_person',
      recordedBy: { id: tree.people.boothConvener.id, name: 'Ramesh Pal' },
      withdrawnAt: null,
    });
    // Given again: the first record stands.
    const again = await give(boothConvener, orgUpdates);
    expect(again.status).toBe(200);
    expect((await t.database.db.selectFrom('consents').select('id').where('person_id', '=', person).execute()).length).toBe(1);
    expect(await reachable('org_updates')).toEqual([person]);
    expect(await reachable('whatsapp_groups')).toEqual([]);
  });

  it('refuses unknown notices (422), erased and outside people', async () => {
    expect(await (await give(boothConvener, { purpose: 'org_updates', noticeVersion: 7 })).json()).toMatchObject({ code: 'unknown_notice' });
    expect(await (await give(boothConvener, { purpose: 'marketing', noticeVersion: 1 })).json()).toMatchObject({ code: 'unknown_notice' });
    expect((await give(boothConvener, { purpose: 'Bad Purpose', noticeVersion: 1 })).status).toBe(400);
    const meerut = await t.login(tree.people.meerutConvener.phone);
    expect((await give(meerut, groups)).status).toBe(404);
    expect((await withdraw(meerut, 'org_updates')).status).toBe(404);
  });

  it('withdrawal is one action, by anyone who can see the person, effective for the very next send', async () => {
    expect((await give(boothConvener, groups)).status).toBe(201);
    expect(await reachable('whatsapp_groups')).toEqual([person]);
    const res = await withdraw(boothMember, 'whatsapp_groups');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ purpose: 'whatsapp_groups', withdrawnAt: expect.any(String) });
    expect(await reachable('whatsapp_groups')).toEqual([]);
    expect(await reachable('org_updates')).toEqual([person]);
    const row = await t.database.db
      .selectFrom('consents')
      .select(['withdrawn_by', 'withdrawal_method'])
      .where('person_id', '=', person)
      .where('purpose', '=', 'whatsapp_groups')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ withdrawn_by: tree.people.boothMember.id, withdrawal_method: 'in_person' });
    // Nothing live to withdraw any more.
    expect(await (await withdraw(boothMember, 'whatsapp_groups')).json()).toMatchObject({ code: 'no_consent' });
  });

  it('records the person withdrawing themself, and a later consent as a new record (history kept)', async () => {
    expect((await withdraw(boothConvener, 'org_updates', { method: 'self' })).status).toBe(200);
    expect((await give(boothConvener, { purpose: 'org_updates', noticeVersion: 2 })).status).toBe(201);
    const page = (await (await t.call('GET', `/api/people/${person}`, { cookie: boothConvener })).json()) as {
      consents: string[];
      consentHistory: { purpose: string; noticeVersion: number; withdrawnAt: string | null }[];
    };
    expect(page.consents).toEqual(['org_updates']);
    expect(page.consentHistory.map((c) => `${c.purpose}@${c.noticeVersion}:${c.withdrawnAt ? 'withdrawn' : 'live'}`).sort()).toEqual([
      'org_updates@1:withdrawn',
      'org_updates@2:live',
      'whatsapp_groups@1:withdrawn',
    ]);
    const methods = await t.database.db
      .selectFrom('consents')
      .select('withdrawal_method')
      .where('person_id', '=', person)
      .where('purpose', '=', 'org_updates')
      .orderBy('id')
      .execute();
    expect(methods.map((m) => m.withdrawal_method)).toEqual(['self', null]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', String(person))
      .where('action', 'like', 'consent.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['consent.give', 'consent.give', 'consent.withdraw', 'consent.withdraw', 'consent.give']);
    expect(audit[2]!.details).toMatchObject({ purpose: 'whatsapp_groups', method: 'in_person' });
  });

  it('never lets a child consent, and never reaches a child', async () => {
    const kid = await t.call('POST', `/api/units/${tree.units.booth1}/people`, { cookie: boothConvener, body: { name: 'Munna', ageBand: 'under_18' } });
    const kidId = ((await kid.json()) as { person: { id: number } }).person.id;
    expect(await (await give(boothConvener, orgUpdates, kidId)).json()).toMatchObject({ code: 'child_not_allowed' });
    // Even a consent row written behind the API's back does not make a child reachable.
    const notice = await t.database.db
      .selectFrom('notices')
      .select('id')
      .where('purpose', '=', 'org_updates')
      .where('version', '=', 1)
      .executeTakeFirstOrThrow();
    await t.database.db.insertInto('consents').values({ person_id: kidId, purpose: 'org_updates', notice_id: notice.id, method: 'in_person' }).execute();
    expect(await reachable('org_updates')).not.toContain(kidId);
  });
});
