import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportLine, ImportSummary } from '../../../../contracts/people-import.ts';
import { engine } from '../../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let sambhal: string;
let outsider: string;
let member: string;
let inCharge: string;
const HEADER = 'name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent';

const upload = (unitId: number, cookie: string | undefined, body: string, query = '') =>
  t.call('POST', `/api/units/${unitId}/people/import${query}`, { cookie, body, headers: { 'content-type': 'text/csv' } });

async function lines(res: Response): Promise<ImportLine[]> {
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  return (await res.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ImportLine);
}
const summaryOf = (ls: ImportLine[]) => ls.at(-1) as ImportSummary;
const people = async () => (await sql<{ n: number }>`select count(*)::int as n from people`.execute(t.database.db)).rows[0]!.n;

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  await addPerson(t.database.db, { name: 'Pradeep In-charge', phone: '+919000000006', unitId: tree.units.sambhal, role: 'in_charge', department: 'it' });
  [sambhal, outsider, member, inCharge] = await Promise.all([
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.meerutConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login('9000000006'),
  ]);
});
afterAll(() => t.stop());

describe(`people import and export over HTTP (${engine})`, () => {
  it('imports into the unit’s subtree, streaming progress and a summary; rows for units outside are refused one by one', async () => {
    const body = [
      HEADER,
      ...Array.from({ length: 30 }, (_, i) => `Supporter ${i},98100${String(i).padStart(5, '0')},UP-AC-031-PS-00${(i % 2) + 1},yes,,,,,`),
      'Meerut Person,9810099999,UP-AC-048-PS-001,,,,,,',
      'Bad,123,UP-AC-031-PS-001,,,,,,',
    ].join('\n');
    const res = await upload(tree.units.sambhal, sambhal, body);
    expect(res.status).toBe(200);
    const ls = await lines(res);
    expect(ls.some((l) => l.type === 'progress')).toBe(true);
    expect(summaryOf(ls)).toMatchObject({ type: 'done', rows: 32, inserted: 30, existing: 0, rejected: 2 });
    expect(summaryOf(ls).rejects.map((r) => [r.line, r.code])).toEqual([
      [32, 'unit_outside_turf'],
      [33, 'bad_phone'],
    ]);
    const created = await t.database.db.selectFrom('people').select(['created_by', 'source']).where('name', 'like', 'Supporter %').execute();
    expect(created.every((p) => p.created_by === tree.people.sambhalConvener.id && p.source === 'import')).toBe(true);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'details']).where('action', '=', 'people.import').execute();
    expect(audit).toEqual([
      { actor_id: tree.people.sambhalConvener.id, target_id: String(tree.units.sambhal), details: expect.objectContaining({ inserted: 30, rejected: 2 }) },
    ]);

    // Again: nobody new.
    const again = summaryOf(await lines(await upload(tree.units.sambhal, sambhal, body)));
    expect(again).toMatchObject({ inserted: 0, existing: 30, rejected: 2 });
  });

  it('records consent only with evidence given in the query', async () => {
    const body = `${HEADER}\nConsenter,9820000001,UP-AC-031-PS-001,yes,,,,,whatsapp_groups\n`;
    const without = summaryOf(await lines(await upload(tree.units.sambhal, sambhal, body)));
    expect(without.rejects.map((r) => r.code)).toEqual(['no_evidence']);
    const withIt = summaryOf(await lines(await upload(tree.units.sambhal, sambhal, body, '?evidence=' + encodeURIComponent('Paper forms, Bahjoi camp'))));
    expect(withIt).toMatchObject({ inserted: 1, rejected: 0 });
    const c = await sql<{ evidence: string; recorded_by: number }>`
      select c.evidence, c.recorded_by from consents c join people p on p.id = c.person_id where p.name = 'Consenter'`.execute(t.database.db);
    expect(c.rows).toEqual([{ evidence: 'Paper forms, Bahjoi camp', recorded_by: tree.people.sambhalConvener.id }]);
  });

  it('answers 404 outside the turf and 403 without people.manage, writing nothing', async () => {
    const before = await people();
    const body = `${HEADER}\nIntruder,9830000001,UP-AC-048-PS-001,,,,,,\n`;
    const out = await upload(tree.units.sambhal, outsider, body);
    expect(out.status).toBe(404);
    expect(((await out.json()) as { code: string }).code).toBe('not_found');
    const forbidden = await upload(tree.units.booth1, member, `${HEADER}\nX,9830000002,UP-AC-031-PS-001,,,,,,\n`);
    expect(forbidden.status).toBe(403);
    expect((await upload(tree.units.sambhal, undefined, body)).status).toBe(401);
    expect(await people()).toBe(before);
  });

  it('refuses a file that is not a people CSV with 400 before answering a stream', async () => {
    const res = await upload(tree.units.sambhal, sambhal, 'code,parent_code\nx,y\n');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'csv_invalid' });
  });

  it('takes a body larger than the 1 MB other requests may carry, and refuses one over 100 MB', async () => {
    const note = 'Met at the weekly chaupal near the panchayat bhawan; wants to help with voter slips. '.repeat(2);
    const rows = Array.from({ length: 8_000 }, (_, i) => `Bulk Person ${i},97${String(i).padStart(8, '0')},UP-AC-031-PS-002,no,,,,${note},`);
    const body = [HEADER, ...rows].join('\n');
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await upload(tree.units.sambhal, sambhal, body);
    expect(res.status).toBe(200);
    expect(summaryOf(await lines(res))).toMatchObject({ rows: 8_000, inserted: 8_000 });
    const huge = await t.call('POST', `/api/units/${tree.units.sambhal}/people/import`, {
      cookie: sambhal,
      body: HEADER,
      headers: { 'content-type': 'text/csv', 'content-length': String(101 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    // Other routes keep the 1 MB limit.
    const other = await t.call('POST', `/api/units/${tree.units.booth1}/people`, { cookie: sambhal, body: { name: 'x'.repeat(1024 * 1024) } });
    expect(other.status).toBe(413);
  });

  it('exports the subtree as CSV with whole numbers for people.export, audited; 403 for a role without it, 404 outside', async () => {
    const res = await t.call('GET', `/api/units/${tree.units.chandausi}/people/export`, { cookie: sambhal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="setu-people-UP-AC-031.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte-order mark first, so that Excel shows Hindi.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith(`${HEADER}\n`)).toBe(true);
    // Phones behind an apostrophe, so a spreadsheet keeps them as text (not 9.1981E+11).
    expect(text).toContain("Supporter 0,'+919810000000,UP-AC-031-PS-001,yes,,,,,\n");
    expect(text).toContain("Consenter,'+919820000001,UP-AC-031-PS-001,yes,,,,,whatsapp_groups\n");
    expect(text).not.toContain('Meerut');
    const rows = text.trimEnd().split('\n').length - 1;
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'details']).where('action', '=', 'people.export').execute();
    expect(audit).toEqual([{ actor_id: tree.people.sambhalConvener.id, target_id: String(tree.units.chandausi), details: { count: rows } }]);

    expect((await t.call('GET', `/api/units/${tree.units.chandausi}/people/export`, { cookie: inCharge })).status).toBe(403);
    expect((await t.call('GET', `/api/units/${tree.units.booth1}/people/export`, { cookie: member })).status).toBe(403);
    expect((await t.call('GET', `/api/units/${tree.units.chandausi}/people/export`, { cookie: outsider })).status).toBe(404);
    expect(await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'people.export').execute()).toHaveLength(1);
    // An in-charge may import (people.manage) though not export.
    const imported = summaryOf(await lines(await upload(tree.units.sambhal, inCharge, `${HEADER}\nBy In-charge,9840000001,UP-AC-031-PS-001,,,,,,\n`)));
    expect(imported).toMatchObject({ inserted: 1 });
  });
});
