import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../../../platform/db/index.ts';
import { engine } from '../../../testing/database.ts';
import { addUnit } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { exportUnits, importUnits, UnitsCsvError, type ExportOptions } from './index.ts';

let source: TestSetu;
let target: TestSetu;
const dir = mkdtempSync(join(tmpdir(), 'setu-units-export-'));

/** A tree with awkward names, levels skipped, and the units export must leave out. */
const TREE = [
  'code,parent_code,level,name_en,name_hi',
  'IN,,national,India,भारत',
  'UP,IN,state,Uttar Pradesh,उत्तर प्रदेश',
  'BR,IN,state,Bihar,बिहार',
  'UP-W,UP,region,"Paschim, West",पश्चिम',
  'UP-D-SAMBHAL,UP-W,district,"Sambhal ""Old""",संभल',
  'UP-AC-031,UP-D-SAMBHAL,assembly,Chandausi,चंदौसी',
  'UP-M-1,UP-AC-031,mandal,Bahjoi,बहजोई',
  'UP-SK-1,UP-M-1,shakti_kendra,Bahjoi SK 1,"बहजोई शक्ति केंद्र, 1"',
  'UP-AC-031-PS-001,UP-SK-1,booth,Primary School Bahjoi,प्राथमिक विद्यालय बहजोई',
  'UP-AC-031-PS-002,UP-SK-1,booth,Panchayat Bhawan,पंचायत भवन',
  'BR-D-PATNA,BR,district,Patna,पटना',
  'BR-AC-1,BR-D-PATNA,assembly,Patna Sahib,पटना साहिब',
  'BR-M-1,BR-AC-1,mandal,Sahib Mandal,साहिब मंडल',
  'BR-B-1,BR-M-1,booth,Booth 1,बूथ 1',
];

const collect = async (db: Kysely<Schema>, options: ExportOptions = {}) => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await exportUnits(db, out, options);
  out.end();
  return { result, text: Buffer.concat(chunks).toString('utf8') };
};

/** The part of each unit a CSV carries, by code. */
const snapshot = async (db: Kysely<Schema>) =>
  (
    await sql<{ code: string; parent: string | null; level: string; name_en: string; name_hi: string }>`
      select u.code, p.code as parent, u.level, u.name_en, u.name_hi from units u left join units p on p.id = u.parent_id
      where u.code is not null order by u.code`.execute(db)
  ).rows;

beforeAll(async () => {
  [source, target] = await Promise.all([createTestSetu(), createTestSetu()]);
  const r = await importUnits(source.database.db, Readable.from([TREE.join('\n') + '\n']), { report: null });
  expect(r).toMatchObject({ inserted: TREE.length - 1, rejected: 0 });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([source.stop(), target.stop()]);
});

describe(`units CSV export on ${engine}`, () => {
  it('writes the import format with parents before children, in small pages', async () => {
    const { result, text } = await collect(source.database.db, { pageSize: 3 });
    expect(result).toMatchObject({ rows: TREE.length - 1, skippedNoCode: 0, skippedArchived: 0 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('code,parent_code,level,name_en,name_hi');
    expect([...lines].sort()).toEqual([...TREE].sort());
    const position = new Map(lines.map((l, i) => [l.split(',')[0]!, i]));
    for (const line of TREE.slice(2)) {
      const [code, parent] = line.split(',');
      expect(position.get(parent!)!, `${parent} before ${code}`).toBeLessThan(position.get(code!)!);
    }
  });

  it('leaves out units without a code, archived units, and everything under them', async () => {
    const db = source.database.db;
    const up = (await db.selectFrom('units').select('id').where('code', '=', 'UP').executeTakeFirstOrThrow()).id;
    const nameless = await addUnit(db, { parentId: up, level: 'district', name: 'No code' });
    const below = await addUnit(db, { parentId: nameless, level: 'assembly', name: 'Under no code', code: 'UP-AC-NC' });
    await addUnit(db, { parentId: below, level: 'mandal', name: 'Deeper', code: 'UP-M-NC' });
    const old = await addUnit(db, { parentId: up, level: 'district', name: 'Old district', code: 'UP-D-OLD' });
    await addUnit(db, { parentId: old, level: 'assembly', name: 'Old assembly', code: 'UP-AC-OLD' });
    await sql`update units set archived_at = now() where code in ('UP-D-OLD', 'UP-AC-OLD')`.execute(db);

    const plain = await collect(db, { pageSize: 2 });
    expect(plain.result).toMatchObject({ rows: TREE.length - 1, skippedNoCode: 3, skippedArchived: 2 });
    expect(plain.text).not.toMatch(/UP-AC-NC|UP-D-OLD/);
    const all = await collect(db, { includeArchived: true });
    expect(all.result).toMatchObject({ rows: TREE.length + 1, skippedNoCode: 3, skippedArchived: 0 });
    expect(all.text).toContain('UP-AC-OLD,UP-D-OLD,assembly,Old assembly,Old assembly\n');
  });

  it('exports one subtree with --root, its top row naming its real parent', async () => {
    const { result, text } = await collect(source.database.db, { root: 'UP-D-SAMBHAL', bom: true });
    expect(result.rows).toBe(6);
    expect(text.startsWith('\uFEFFcode,')).toBe(true);
    expect(text.split('\n')[1]).toBe('UP-D-SAMBHAL,UP-W,district,"Sambhal ""Old""",संभल');
    await expect(collect(source.database.db, { root: 'NOPE' })).rejects.toThrow(UnitsCsvError);
  });

  it('round-trips: export, then import into an empty database, gives the same units', async () => {
    const file = join(dir, 'units.csv');
    const { text } = await collect(source.database.db, { pageSize: 4 });
    writeFileSync(file, text);
    const r = await importUnits(target.database.db, file, { batchSize: 3 });
    expect(r).toMatchObject({ inserted: TREE.length - 1, updated: 0, rejected: 0 });
    const exported = (await snapshot(source.database.db)).filter((u) => !/-NC$|-OLD$/.test(u.code));
    expect(await snapshot(target.database.db)).toEqual(exported);
    // And back again: the target's export has the same lines (in an order that follows its own ids).
    const lines = async (db: Kysely<Schema>) => (await collect(db)).text.split('\n').sort();
    expect(await lines(target.database.db)).toEqual(await lines(source.database.db));
    const booths = await sql<{ booths: number }>`select s.booths from units u join unit_stats s on s.unit_id = u.id where u.code = 'IN'`.execute(
      target.database.db,
    );
    expect(booths.rows[0]!.booths).toBe(3);
  });
});
