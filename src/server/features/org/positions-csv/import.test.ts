import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

// Issue 16: a region appointing two hundred office-bearers made two hundred requests. The positions CSV appoints them
// in one upload, row by row by the rules of appointing one by one.

type Json = Record<string, any>;
let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let district: string; // Sambhal's IT convener
let member: string; // a booth member: no rights
let boothConvener: string; // runs a booth, appoints nobody at it

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  district = await t.login(tree.people.sambhalConvener.phone);
  member = await t.login(tree.people.boothMember.phone);
  boothConvener = await t.login(tree.people.boothConvener.phone);
});
afterAll(() => t.stop());

const upload = async (cookie: string, unitId: number, csv: string) => {
  const res = await t.call('POST', `/api/units/${unitId}/positions/import`, { cookie, body: csv, headers: { 'content-type': 'text/csv' } });
  const text = await res.text();
  const lines =
    res.status === 200
      ? text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Json)
      : [JSON.parse(text) as Json];
  return { status: res.status, lines, last: lines.at(-1)! };
};
const positionsAt = (unitIds: number[]) =>
  t.database.db
    .selectFrom('positions')
    .select(['person_id', 'unit_id', 'role', 'department'])
    .where('unit_id', 'in', unitIds)
    .where('ended_at', 'is', null)
    .execute();
const count = async (table: 'people' | 'positions' | 'audit_log') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Two hundred members across Chandausi's booths and the assembly, each a new phone. */
const region = Array.from({ length: 200 }, (_, i) => {
  const unit = ['UP-AC-031-PS-001', 'UP-AC-031-PS-002', 'UP-AC-031'][i % 3]!;
  return `${unit},member,${i % 2 ? 'it' : ''},Karyakarta ${i},98${String(71_000_000 + i * 7).padStart(8, '0')}`;
});

describe(`importing office-bearers from a CSV (${engine})`, () => {
  it('appoints two hundred in one upload, streamed, each audited as one by one; a second upload appoints no one', async () => {
    const [people, audits] = [await count('people'), await count('audit_log')];
    const csv = ['unit_code,role,department,name,phone', ...region].join('\n') + '\n';
    const first = await upload(district, tree.units.sambhal, csv);
    expect(first.status).toBe(200);
    expect(first.lines[0]).toMatchObject({ type: 'progress' });
    expect(first.last).toMatchObject({ type: 'done', rows: 200, appointed: 200, peopleAdded: 200, existing: 0, rejected: 0, rejects: [] });
    expect(await count('people')).toBe(people + 200);
    const held = await positionsAt([tree.units.booth1, tree.units.booth2, tree.units.chandausi]);
    expect(held.filter((p) => p.role === 'member')).toHaveLength(200 + 1); // and the sample tree's booth member
    expect(held.filter((p) => p.department === 'it' && p.role === 'member')).toHaveLength(100);
    const created = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'position.create')
      .where('id', '>', audits)
      .execute();
    expect(created).toHaveLength(200);
    expect(created.every((a) => a.actor_id === tree.people.sambhalConvener.id && (a.details as Json).via === 'import')).toBe(true);
    const summary = await t.database.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'details']).where('action', '=', 'positions.import').execute();
    expect(summary).toEqual([
      {
        actor_id: tree.people.sambhalConvener.id,
        target_id: String(tree.units.sambhal),
        details: { rows: 200, appointed: 200, existing: 0, peopleAdded: 200, rejected: 0 },
      },
    ]);

    // The same file again (a retried upload): everyone is found holding their position already.
    const again = await upload(district, tree.units.sambhal, csv);
    expect(again.last).toMatchObject({ type: 'done', rows: 200, appointed: 0, existing: 200, peopleAdded: 0, rejected: 0 });
    expect(await count('people')).toBe(people + 200);
    // The appointed can sign in.
    await t.login('+919871000007');
  });

  it('rejects each row outside the uploader’s power with its reason, and appoints the rest', async () => {
    const csv = [
      'unit_code,role,department,name,phone',
      'UP-AC-031-PS-001,convener,it,Naya Sanyojak,9871500001', // 2: appointed
      'UP-D-SAMBHAL,co_convener,it,Apna Zila,9871500002', // 3: their own district: appointing there needs the rank above
      'UP-AC-048-PS-001,member,,Meerut Wala,9871500003', // 4: Meerut: outside the turf, told as unknown
      'UP,member,,Pradesh Wala,9871500004', // 5: above the turf, told as unknown
      'NOPE-1,member,,Koi Nahin,9871500005', // 6
      'UP-AC-031-PS-002,chief,,Galat Pad,9871500006', // 7
      'UP-AC-031-PS-002,member,legal,Galat Vibhag,9871500007', // 8
      'UP-AC-031-PS-002,member,,,9871500008', // 9
      'UP-AC-031-PS-002,member,,Bina Phone,', // 10
      'UP-AC-031-PS-002,member,,Galat Phone,12345', // 11
      'UP-AC-031-PS-002,member,,"Tab\tName",9871500011', // 12
      'UP-AC-031-PS-002,member', // 13
      `UP-AC-031-PS-002,member,,${'क'.repeat(201)},9871500013`, // 14
    ].join('\n');
    const before = await count('positions');
    const { status, last } = await upload(district, tree.units.sambhal, csv);
    expect(status).toBe(200);
    expect(last).toMatchObject({ type: 'done', rows: 13, appointed: 1, rejected: 12 });
    expect(last.rejects.map((r: Json) => [r.line, r.code])).toEqual([
      [3, 'not_allowed'],
      [4, 'unknown_unit'],
      [5, 'unknown_unit'],
      [6, 'unknown_unit'],
      [7, 'unknown_role'],
      [8, 'unknown_department'],
      [9, 'missing_name'],
      [10, 'missing_phone'],
      [11, 'bad_phone'],
      [12, 'bad_name'],
      [13, 'column_count'],
      [14, 'name_too_long'],
    ]);
    // Outside the turf and nowhere read the same: the file tells nothing of what exists there.
    expect(last.rejects[1].reason.replace('UP-AC-048-PS-001', 'X')).toBe(last.rejects[3].reason.replace('NOPE-1', 'X'));
    expect(await count('positions')).toBe(before + 1);
  });

  it('finds a person by phone and name, as appointing one by one does, and adds a household member on a shared phone', async () => {
    const csv = [
      'unit_code,role,department,name,phone',
      'UP-AC-031-PS-002,member,social_media,  sunita   DEVI ,+91 90000 00004', // the sample tree's booth member, found
      'UP-AC-031-PS-002,member,social_media,Ramesh Devi,9000000004', // the same phone, another name: another person
    ].join('\n');
    const people = await count('people');
    const { last } = await upload(district, tree.units.sambhal, csv);
    expect(last).toMatchObject({ appointed: 2, peopleAdded: 1, rejected: 0 });
    expect(await count('people')).toBe(people + 1);
    const held = await positionsAt([tree.units.booth2]);
    expect(held).toContainEqual({ person_id: tree.people.boothMember.id, unit_id: tree.units.booth2, role: 'member', department: 'social_media' });
  });

  it('refuses the upload itself without the right (403), outside the turf (404), and a file that is no positions CSV (400), changing nothing', async () => {
    const csv = 'unit_code,role,department,name,phone\nUP-AC-031-PS-001,member,,Ghuspaithiya,9871600001\n';
    const [positions, people] = [await count('positions'), await count('people')];
    expect(await upload(member, tree.units.booth1, csv)).toMatchObject({ status: 403, last: { code: 'forbidden' } });
    expect(await upload(district, tree.units.meerut, csv)).toMatchObject({ status: 404, last: { code: 'not_found' } });
    expect(await upload(district, tree.units.sambhal, 'name,phone\nA,9871600002\n')).toMatchObject({ status: 400, last: { code: 'csv_invalid' } });
    // A booth convener may upload at their booth, but appoints nobody at it: every row is refused.
    const own = await upload(boothConvener, tree.units.booth1, csv);
    expect(own.last).toMatchObject({ appointed: 0, rejected: 1, rejects: [{ line: 2, code: 'not_allowed' }] });
    expect([await count('positions'), await count('people')]).toEqual([positions, people]);
  });
});
