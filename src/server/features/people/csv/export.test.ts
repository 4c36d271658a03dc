import { PassThrough, Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../../platform/crypto.ts';
import type { Schema } from '../../../platform/db/index.ts';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { TEST_SECRET, createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { exportPeople, importPeople, type PeopleExportOptions } from './index.ts';

let source: TestSetu;
let target: TestSetu;
const cipher = createPiiCipher(TEST_SECRET);

const FILE = [
  'name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent',
  'Ramesh Kumar,98765 43210,UP-AC-031-PS-001,yes,36_50,hi;en,karyakarta;youth,"Met at the chaupal, ward 3",org_updates;whatsapp_groups',
  'रमेश कुमार,9876543210,UP-AC-031-PS-001,no,,hi,,"says ""call after 6""",',
  'Sita Devi,,UP-AC-031-PS-002,no,under_18,,,,',
  'Imran Ansari,+91 87654 32109,UP-AC-048-PS-001,yes,26_35,ur;hi,,"two\nlines",whatsapp_groups',
  '" Spaced  Name ",8765432100,UP-D-SAMBHAL,yes,,,,,',
].join('\n');

const collect = async (db: Kysely<Schema>, options: Omit<PeopleExportOptions, 'actorId'> = {}) => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await exportPeople(db, cipher, out, { actorId: null, ...options });
  out.end();
  return { result, text: Buffer.concat(chunks).toString('utf8') };
};

/** Everything the CSV carries about each live person, sorted. */
const snapshot = async (db: Kysely<Schema>) => {
  const rows = await sql<{
    name: string;
    phone_enc: Uint8Array | null;
    code: string;
    whatsapp: boolean;
    age_band: string | null;
    languages: string[];
    tags: string[];
    notes_enc: Uint8Array | null;
    consent: string | null;
  }>`
    select p.name, p.phone_enc, u.code, p.whatsapp, p.age_band, p.languages, p.tags, p.notes_enc,
      (select string_agg(c.purpose || ':' || c.method, ';' order by c.purpose) from consents c where c.person_id = p.id and c.withdrawn_at is null) as consent
    from people p join units u on u.id = p.home_unit_id where p.erased_at is null and p.merged_into is null`.execute(db);
  return rows.rows
    .map((r) => ({
      ...r,
      phone_enc: undefined,
      notes_enc: undefined,
      phone: r.phone_enc && cipher.decrypt(r.phone_enc),
      notes: r.notes_enc && cipher.decrypt(r.notes_enc),
    }))
    .map((r) => JSON.stringify(r))
    .sort();
};

beforeAll(async () => {
  [source, target] = await Promise.all([createTestSetu(), createTestSetu()]);
  await Promise.all([buildSampleTree(source.database.db), buildSampleTree(target.database.db)]);
  const r = await importPeople(source.database.db, cipher, Readable.from([FILE + '\n']), { evidence: 'Forms in the district office' });
  expect(r).toMatchObject({ rows: 5, inserted: 5, rejected: 0 });
});
afterAll(() => Promise.all([source.stop(), target.stop()]));

describe(`people CSV export on ${engine}`, () => {
  it('writes the import format with whole numbers, notes and live consents, and audits the count first', async () => {
    const { result, text } = await collect(source.database.db, { pageSize: 2 });
    // The five imported and the five people of the sample tree.
    expect(result).toMatchObject({ rows: 10, skippedNoUnit: 0 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent');
    expect(text).toContain(
      `Ramesh Kumar,'+919876543210,UP-AC-031-PS-001,yes,36_50,hi;en,karyakarta;youth,"Met at the chaupal, ward 3",org_updates;whatsapp_groups\n`,
    );
    expect(text).toContain(`Imran Ansari,'+918765432109,UP-AC-048-PS-001,yes,26_35,ur;hi,,"two\nlines",whatsapp_groups\n`);
    const audit = await source.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('action', '=', 'people.export').execute();
    expect(audit.at(-1)).toMatchObject({ actor_id: null, details: { count: 10 } });
  });

  it('exports one subtree, and leaves out erased and merged records and withdrawn consent', async () => {
    const db = source.database.db;
    const sambhal = await db.selectFrom('units').select(['id', 'path']).where('code', '=', 'UP-D-SAMBHAL').executeTakeFirstOrThrow();
    const { text } = await collect(db, { root: sambhal });
    expect(text).not.toContain("Imran Ansari,'+918765432109");
    expect(text).toContain('Sita Devi');

    const extra = await db
      .insertInto('people')
      .values([
        { name: '', erased_at: new Date(), home_unit_id: sambhal.id, source: 'import' },
        { name: 'Merged Away', home_unit_id: sambhal.id, merged_into: 1 },
      ])
      .returning('id')
      .execute();
    const after = await collect(db, { root: sambhal });
    expect(after.result.rows).toBe(text.trimEnd().split('\n').length - 1);
    expect(after.text).not.toContain('Merged Away');
    await db
      .deleteFrom('people')
      .where(
        'id',
        'in',
        extra.map((e) => e.id),
      )
      .execute();
  });

  it('stops quietly when the reader goes away part way', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    out.once('data', () => out.destroy());
    const r = await exportPeople(source.database.db, cipher, out, { actorId: null, pageSize: 1 });
    expect(r.rows).toBeLessThan(10);
  });

  it('round-trips: export, then import into a database with the same tree, gives the same people', async () => {
    const { text } = await collect(source.database.db, { bom: true });
    expect(text.startsWith('\uFEFFname,')).toBe(true);
    const r = await importPeople(target.database.db, cipher, Readable.from([text]), { evidence: 'Export of the source installation', batchSize: 3 });
    // The sample tree's five people are already in the target: found, not added.
    expect(r).toMatchObject({ rows: 10, inserted: 5, existing: 5, rejected: 0 });
    const [a, b] = [await snapshot(source.database.db), await snapshot(target.database.db)];
    // Consent travels as purposes; in the target it is recorded by import (the evidence says from where).
    expect(b).toEqual(a.map((s) => s.replace(/:in_person|:self_signup/g, ':import')));
    expect(b.length).toBe(10);
    // And back: the target's export is the same file, line for line.
    const again = await collect(target.database.db);
    expect(again.text.split('\n').sort()).toEqual(text.replace('\uFEFF', '').split('\n').sort());
  });
});
