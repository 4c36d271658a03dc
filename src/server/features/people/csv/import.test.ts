import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../../platform/crypto.ts';
import { engine } from '../../../testing/database.ts';
import { addUnit, buildSampleTree } from '../../../testing/factories.ts';
import { findPlainText, phoneSpellings } from '../../../testing/pii-scan.ts';
import { TEST_SECRET, createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { PeopleCsvError, importPeople, type PeopleImportOptions } from './index.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
const cipher = createPiiCipher(TEST_SECRET);
const dir = mkdtempSync(join(tmpdir(), 'setu-people-import-'));
const HEADER = 'name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent';
const B1 = 'UP-AC-031-PS-001';
const B2 = 'UP-AC-031-PS-002';
const MEERUT = 'UP-AC-048-PS-001';

const csv = (...lines: string[]) => Readable.from([[HEADER, ...lines].join('\n') + '\n']);
const run = (lines: string[], options: PeopleImportOptions = {}) => importPeople(t.database.db, cipher, csv(...lines), options);

/** The imported people: name, phone (decrypted), home unit code and the rest, in id order. */
async function imported() {
  const rows = await t.database.db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.home_unit_id')
    .select(['p.id', 'p.name', 'p.phone_enc', 'p.phone_hash', 'u.code', 'p.whatsapp', 'p.age_band', 'p.languages', 'p.tags', 'p.notes_enc', 'p.search_key'])
    .select(['p.pii_key_id', 'p.source'])
    .where('p.source', '=', 'import')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    phone: r.phone_enc ? cipher.decrypt(r.phone_enc) : null,
    notes: r.notes_enc ? cipher.decrypt(r.notes_enc) : null,
  }));
}
const countImported = async () => (await sql<{ n: number }>`select count(*)::int as n from people where source = 'import'`.execute(t.database.db)).rows[0]!.n;

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.stop();
});

describe(`people CSV import on ${engine}`, () => {
  it('imports people with every column: phone sealed and blind-indexed, search key written, source import', async () => {
    const r = await run([
      `Ramesh Kumar,98765 43210,${B1},yes,36_50,hi;en,karyakarta;youth,"Met at the chaupal, ward 3",`,
      `रमेश कुमार,+91 87654-32109,${B2},हाँ,18-25,HI,,,`,
      `Sita Devi,,${B1},,,,,,`,
    ]);
    expect(r).toMatchObject({ rows: 3, inserted: 3, existing: 0, rejected: 0, consents: 0 });
    // Rows are written in home-unit order (file order within a unit).
    const people = (await imported()).sort((a, b) => a.name.localeCompare(b.name));
    expect(people.map((p) => [p.name, p.phone, p.code, p.whatsapp, p.age_band, p.languages, p.tags, p.notes])).toEqual([
      ['Ramesh Kumar', '+919876543210', B1, true, '36_50', ['hi', 'en'], ['karyakarta', 'youth'], 'Met at the chaupal, ward 3'],
      ['Sita Devi', null, B1, false, null, [], [], null],
      ['रमेश कुमार', '+918765432109', B2, true, '18_25', ['hi'], [], null],
    ]);
    expect(Buffer.from(people[0]!.phone_hash!)).toEqual(Buffer.from(cipher.blindIndex('+919876543210')));
    expect(people[0]!.pii_key_id).toBe(cipher.keyId);
    expect(people[1]!.pii_key_id).toBeNull();
    // The same key the trigger would write: Latin and Devanagari spellings meet, folded (0018).
    expect(people[0]!.search_key).toBe(' rmes kumr ');
    expect(people[2]!.search_key).toBe(' rmes kumr ');
    const trigger = await sql<{ k: string }>`select ' ' || array_to_string(setu_search_words('रमेश कुमार'), ' ') || ' ' as k`.execute(t.database.db);
    expect(people[2]!.search_key).toBe(trigger.rows[0]!.k);
    // One audit row for the import, counts only.
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('action', '=', 'people.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ rows: 3, inserted: 3, existing: 0, rejected: 0 });
  });

  it('stores names, tags and notes exactly as written: quotes, backslashes, braces, commas, the word NULL', async () => {
    const r = await run([`"Shri ""Babu"" \\ Ji",9800022221,${B1},,,,"{a,b};NULL;x\\y","a ""note"", {with} \\ NULL",`, `NULL,9800022222,${B1},,,,,NULL,`]);
    expect(r).toMatchObject({ inserted: 2, rejected: 0 });
    const rows = (await imported()).filter((p) => p.phone === '+919800022221' || p.phone === '+919800022222');
    expect(rows.map((p) => [p.name, p.tags, p.notes]).sort()).toEqual([
      ['NULL', [], 'NULL'],
      ['Shri "Babu" \\ Ji', ['{a,b}', 'NULL', 'x\\y'], 'a "note", {with} \\ NULL'],
    ]);
  });

  it('refuses bad rows one by one with a stable code, and imports the rest', async () => {
    const before = await countImported();
    const long = 'x'.repeat(201);
    const r = await run([
      `,9876500001,${B1},,,,,,`,
      `${long},9876500002,${B1},,,,,,`,
      `Bad Phone,12345,${B1},,,,,,`,
      `No Unit,9876500003,,,,,,,`,
      `Unknown Unit,9876500004,NOPE-1,,,,,,`,
      `Bad Whatsapp,9876500005,${B1},maybe,,,,,`,
      `Bad Age,9876500006,${B1},,teen,,,,`,
      `Bad Language,9876500007,${B1},,,hindi,,,`,
      `Bad Purpose,9876500008,${B1},,,,,,newsletters`,
      `Too few,9876500009`,
      `"Unclosed,9876500010,${B1},,,,,,`,
      `Good Row,9876500011,${B1},,,,,,`,
    ]);
    // The unclosed quote swallows the last line into its record: one record, refused as bad CSV.
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([
      [2, 'missing_name'],
      [3, 'name_too_long'],
      [4, 'bad_phone'],
      [5, 'missing_unit'],
      [6, 'unknown_unit'],
      [7, 'bad_whatsapp'],
      [8, 'bad_age_band'],
      [9, 'bad_language'],
      [10, 'unknown_purpose'],
      [11, 'column_count'],
      [12, 'bad_csv'],
    ]);
    expect(r).toMatchObject({ rows: 11, inserted: 0, rejected: 11 });
    expect(r.rejects.every((x) => x.reason.length > 0)).toBe(true);
    expect(await countImported()).toBe(before);

    const ok = await run([`Good Row,9876500011,${B1},,,,,,`, `Bad Phone,12345,${B1},,,,,,`]);
    expect(ok).toMatchObject({ rows: 2, inserted: 1, rejected: 1 });
  });

  it('refuses an archived home unit', async () => {
    const old = await addUnit(db(), { parentId: tree.units.sk, level: 'booth', name: 'Old booth', code: 'UP-OLD-1' });
    await db().updateTable('units').set({ archived_at: new Date() }).where('id', '=', old).execute();
    const r = await run([`In Old Booth,9800011111,UP-OLD-1,,,,,,`]);
    expect(r.rejects.map((x) => x.code)).toEqual(['unit_archived']);
  });

  it('finds people already there: same phone, same name (any spacing or case), same unit; households are two people', async () => {
    const r1 = await run([`Mohan Lal,9811100001,${B1},,,,,,`, `Geeta Lal,9811100001,${B1},,,,,,`, `Mohan Lal,9811100001,${B2},,,,,,`]);
    expect(r1).toMatchObject({ inserted: 3, existing: 0 });
    const r2 = await run([`  mohan   LAL ,09811100001,${B1},,,,,,`, `Geeta Lal,+919811100001,${B1},,,,,,`, `Gopal Lal,9811100001,${B1},,,,,,`]);
    expect(r2).toMatchObject({ rows: 3, inserted: 1, existing: 2, rejected: 0 });
    const household = (await imported()).filter((p) => p.phone === '+919811100001');
    expect(household.map((p) => `${p.name}@${p.code}`).sort()).toEqual([`Geeta Lal@${B1}`, `Gopal Lal@${B1}`, `Mohan Lal@${B1}`, `Mohan Lal@${B2}`]);
  });

  it('dedupes within the file, across batches too', async () => {
    const lines = [
      `Kiran Pal,9822200001,${B1},,,,,,`,
      `Asha Pal,9822200002,${B1},,,,,,`,
      `KIRAN PAL,9822200001,${B1},,,,,,`,
      `No Phone,,${B1},,,,,,`,
      `no phone,,${B1},,,,,,`,
    ];
    const r = await run([...lines, ...lines], { batchSize: 2 });
    expect(r).toMatchObject({ rows: 10, inserted: 3, existing: 7, rejected: 0 });
  });

  it('is idempotent: the same file again adds no one', async () => {
    const file = join(dir, 'again.csv');
    const body = [HEADER, ...Array.from({ length: 50 }, (_, i) => `Person ${i},98333${String(i).padStart(5, '0')},${i % 2 ? B1 : B2},yes,,,,,`)].join('\n');
    writeFileSync(file, body + '\n');
    const first = await importPeople(t.database.db, cipher, file, { batchSize: 7 });
    expect(first).toMatchObject({ rows: 50, inserted: 50, existing: 0 });
    const before = await countImported();
    const second = await importPeople(t.database.db, cipher, file, { batchSize: 16 });
    expect(second).toMatchObject({ rows: 50, inserted: 0, existing: 50, rejected: 0 });
    expect(await countImported()).toBe(before);
  });

  it('records consent with the evidence and the current notice; refuses consent without evidence and for children', async () => {
    const noEvidence = await run([`Consenting,9844400001,${B1},yes,26_35,,,,org_updates;whatsapp_groups`]);
    expect(noEvidence.rejects.map((x) => x.code)).toEqual(['no_evidence']);
    const r = await run(
      [
        `Consenting,9844400001,${B1},yes,26_35,,,,org_updates;whatsapp_groups`,
        `Child,9844400002,${B1},,under_18,,,,org_updates`,
        `Child,9844400002,${B1},,under_18,,,,`,
        `Repeat,9844400003,${B1},,,,,,WHATSAPP_GROUPS`,
        `Repeat,9844400003,${B1},,,,,,whatsapp_groups`,
      ],
      { evidence: 'Forms in the Sambhal office, box 12' },
    );
    expect(r.rejects.map((x) => [x.line, x.code])).toEqual([[3, 'minor_consent']]);
    expect(r).toMatchObject({ inserted: 3, existing: 1, rejected: 1, consents: 3 });
    const consents = await sql<{ name: string; purpose: string; method: string; evidence: string; version: number }>`
      select p.name, c.purpose, c.method, c.evidence, n.version from consents c join people p on p.id = c.person_id join notices n on n.id = c.notice_id
      where p.name in ('Consenting', 'Child', 'Repeat') order by p.name, c.purpose`.execute(t.database.db);
    expect(consents.rows).toEqual([
      { name: 'Consenting', purpose: 'org_updates', method: 'import', evidence: 'Forms in the Sambhal office, box 12', version: 1 },
      { name: 'Consenting', purpose: 'whatsapp_groups', method: 'import', evidence: 'Forms in the Sambhal office, box 12', version: 1 },
      { name: 'Repeat', purpose: 'whatsapp_groups', method: 'import', evidence: 'Forms in the Sambhal office, box 12', version: 1 },
    ]);
  });

  it('never undoes a withdrawal by importing the old file again, and gives consent to someone found without it', async () => {
    const db = t.database.db;
    const lines = [`Withdrawn,9855500001,${B1},,,,,,org_updates`];
    await run(lines, { evidence: 'box 1' });
    const person = await db.selectFrom('people').select('id').where('name', '=', 'Withdrawn').executeTakeFirstOrThrow();
    await db.updateTable('consents').set({ withdrawn_at: new Date(), withdrawal_method: 'self' }).where('person_id', '=', person.id).execute();
    const again = await run(lines, { evidence: 'box 1' });
    expect(again).toMatchObject({ inserted: 0, existing: 1, consents: 0 });
    const live = await db.selectFrom('consents').select('id').where('person_id', '=', person.id).where('withdrawn_at', 'is', null).execute();
    expect(live).toEqual([]);

    await run([`Later Consent,9855500002,${B1},,,,,,`]);
    const later = await run([`Later Consent,9855500002,${B1},,,,,,org_updates`], { evidence: 'box 2' });
    expect(later).toMatchObject({ inserted: 0, existing: 1, consents: 1 });
  });

  it('keeps to the upload unit when scoped: rows for units outside are refused', async () => {
    const sambhal = await db().selectFrom('units').select(['id', 'path']).where('id', '=', tree.units.sambhal).executeTakeFirstOrThrow();
    const turf = {
      roots: [sambhal.path],
      covers: (p: string) => p === sambhal.path || p.startsWith(sambhal.path + '.'),
      can: () => true,
      outranks: () => true,
      grants: () => [],
    };
    const r = await run([`Inside,9866600001,${B1},,,,,,`, `Outside,9866600002,${MEERUT},,,,,,`], {
      scope: { unitId: sambhal.id, path: sambhal.path, turf },
    });
    expect(r).toMatchObject({ inserted: 1, rejected: 1 });
    expect(r.rejects[0]).toMatchObject({ line: 3, code: 'unit_outside_turf' });
  });

  it('refuses a file that is not a people CSV, writing nothing', async () => {
    const before = await countImported();
    await expect(importPeople(t.database.db, cipher, Readable.from(['code,parent_code\nx,y\n']))).rejects.toThrow(PeopleCsvError);
    await expect(importPeople(t.database.db, cipher, Readable.from(['']))).rejects.toThrow(/empty/);
    await expect(importPeople(t.database.db, cipher, Readable.from([Buffer.from('\uFEFFname,phone', 'utf16le')]))).rejects.toThrow(/UTF-16/);
    await expect(importPeople(t.database.db, cipher, join(dir, 'missing.csv'))).rejects.toThrow(/no such file/);
    expect(await countImported()).toBe(before);
  });

  it('stops at a file that turns unreadable part way, keeping the batches before and auditing them as failed', async () => {
    const before = await countImported();
    const good = Array.from({ length: 30 }, (_, i) => `Early ${i},98888${String(i).padStart(5, '0')},${B1},,,,,,`);
    const chunks = [[HEADER, ...good].join('\n') + '\n', `"${'x'.repeat(100_001)}`];
    await expect(importPeople(t.database.db, cipher, Readable.from(chunks), { batchSize: 10 })).rejects.toThrow(/longer than 100000 characters/);
    expect(await countImported()).toBe(before + 30);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('action', '=', 'people.import')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(audit[0]).toMatchObject({ outcome: 'failed', details: { inserted: 30 } });
  });

  it('writes every refused row to the report, and only line, code and reason', async () => {
    const report = join(dir, 'rejects.csv');
    await run([`Fine,9877700001,${B1},,,,,,`, `Bad,12,${B1},,,,,,`, `Worse,9877700002,NOPE,,,,,,`], { report });
    expect(readFileSync(report, 'utf8')).toBe(
      'line,code,reason\n3,bad_phone,"phone is not a valid number (an Indian mobile: 10 digits, or +91 and 10 digits)"\n4,unknown_unit,no unit has the code NOPE\n',
    );
  });

  it('writes no plain phone number or note anywhere in the database', async () => {
    const phones = ['+919876543210', '+918765432109', '+919811100001', '+919844400001'].flatMap(phoneSpellings);
    expect(await findPlainText(t.database.db, [...phones, 'Met at the chaupal'])).toEqual([]);
    // The scan itself finds what is there: a name is stored as written.
    expect((await findPlainText(t.database.db, ['Ramesh Kumar'])).map((h) => `${h.table}.${h.column}`)).toContain('people.name');
  });
});

const db = () => t.database.db;
