import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { importUnits, UnitsCsvError } from './index.ts';

let t: TestSetu;
const dir = mkdtempSync(join(tmpdir(), 'setu-units-csv-'));
const HEADER = 'code,parent_code,level,name_en,name_hi';

beforeAll(async () => {
  t = await createTestSetu();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.stop();
});

const file = (name: string, lines: string[] | string) => {
  const path = join(dir, name);
  writeFileSync(path, typeof lines === 'string' ? lines : lines.join('\n') + '\n');
  return path;
};
const unitsByCode = async (codes: string[]) => {
  const rows = await sql<{
    code: string;
    parent: string | null;
    level: string;
    name_en: string;
    name_hi: string;
    path: string;
    state_id: number | null;
    id: number;
  }>`
    select u.id, u.code, p.code as parent, u.level, u.name_en, u.name_hi, u.path::text as path, u.state_id
    from units u left join units p on p.id = u.parent_id where u.code = any(${codes}::text[])`.execute(t.database.db);
  return new Map(rows.rows.map((r) => [r.code, r]));
};
const count = async (where = sql`true`) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from units where ${where}`.execute(t.database.db)).rows[0]!.n);
const auditRows = async () =>
  (await sql<{ details: unknown }>`select details from audit_log where action = 'units.import' order by id`.execute(t.database.db)).rows.map((r) =>
    typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
  );

describe(`units CSV import on ${engine}`, () => {
  it('imports Hindi names, quoted commas and quotes, with a BOM and CRLF, and computes paths and state ids', async () => {
    const path = file(
      'small.csv',
      '\uFEFF' +
        [
          HEADER,
          'H-IN,,national,India,भारत',
          'H-UP,H-IN,state,"Uttar Pradesh, East","उत्तर प्रदेश, पूर्व"',
          'H-D1,H-UP,district,"Sambhal ""New""",संभल',
          'H-AC1,H-D1,assembly,Chandausi,चंदौसी',
          'H-M1,H-AC1,mandal,Bahjoi,बहजोई',
          'H-SK1,H-M1,shakti_kendra,Bahjoi SK 1,बहजोई शक्ति केंद्र 1',
          'H-B1,H-SK1,booth,"Primary School, Bahjoi",प्राथमिक विद्यालय बहजोई',
          'H-B2,H-SK1,booth,Panchayat Bhawan,पंचायत भवन',
        ].join('\r\n') +
        '\r\n',
    );
    const r = await importUnits(t.database.db, path);
    expect(r).toMatchObject({ rows: 8, inserted: 8, updated: 0, unchanged: 0, rejected: 0, report: join(dir, 'small.rejects.csv') });
    expect(readFileSync(r.report!, 'utf8')).toBe('line,code,reason,message\n');
    const units = await unitsByCode(['H-IN', 'H-UP', 'H-D1', 'H-B1']);
    expect(units.get('H-UP')).toMatchObject({ parent: 'H-IN', level: 'state', name_en: 'Uttar Pradesh, East', name_hi: 'उत्तर प्रदेश, पूर्व' });
    expect(units.get('H-D1')).toMatchObject({ name_en: 'Sambhal "New"', name_hi: 'संभल' });
    const [india, up, d1, b1] = ['H-IN', 'H-UP', 'H-D1', 'H-B1'].map((c) => units.get(c)!);
    expect(india!.path).toBe(String(india!.id));
    expect(india!.state_id).toBeNull();
    expect(up!.path).toBe(`${india!.id}.${up!.id}`);
    expect(up!.state_id).toBe(up!.id);
    expect(d1!.path).toBe(`${up!.path}.${d1!.id}`);
    expect(b1!.state_id).toBe(up!.id);
    expect(b1!.path.split('.')).toHaveLength(7); // no region in this file: levels may be skipped
    // The statement triggers counted the booths into every unit above them.
    const booths = await sql<{ code: string; booths: number }>`
      select u.code, s.booths from units u join unit_stats s on s.unit_id = u.id where u.code = any(${['H-IN', 'H-UP', 'H-D1', 'H-SK1']}::text[]) order by u.code`.execute(
      t.database.db,
    );
    expect(booths.rows).toEqual([
      { code: 'H-D1', booths: 2 },
      { code: 'H-IN', booths: 2 },
      { code: 'H-SK1', booths: 2 },
      { code: 'H-UP', booths: 2 },
    ]);
  });

  const rejectsFile = (p: string) => [
    HEADER, // 1
    `${p}IN,,national,India,भारत`, // 2
    `BAD CODE!,${p}IN,state,X,X`, // 3 bad_code
    `${p}UP,${p}IN,state,Uttar Pradesh,उत्तर प्रदेश`, // 4
    `${p}D1,${p}UP,ward,X,X`, // 5 unknown_level
    `${p}D2,${p}NOPE,district,X,X`, // 6 unknown_parent
    `${p}D3,${p}UP,district,,X`, // 7 missing_field
    `${p}UP,${p}IN,state,Dup,Dup`, // 8 duplicate_in_file
    `${p}S2,${p}UP,state,X,X`, // 9 level_order
    `${p}D4,${p}UP,district,${'x'.repeat(201)},X`, // 10 name_too_long
    `${p}D5,${p}UP,district,"Line`, // 11 bad_name, two physical lines
    `break",X`, // 12
    `${p}D6,${p}UP,district,Ok,ठीक`, // 13
    `${p}AC2,${p}D1,assembly,X,X`, // 14 parent_rejected
    `${p}SK9,,shakti_kendra,X,X`, // 15 missing_parent
    `${p}D7,${p}UP,district,a,b,c`, // 16 column_count
    `${p}AC3,${p}D9,assembly,A,A`, // 17 unknown_parent: its parent comes later
    `${p}D9,${p}UP,district,Nine,नौ`, // 18
    `${p}D1,${p}UP,district,One,एक`, // 19 duplicate of line 5, which was refused
  ];
  const expectedRejects = (p: string) => [
    { line: 3, code: 'BAD CODE!', reason: 'bad_code' },
    { line: 5, code: `${p}D1`, reason: 'unknown_level' },
    { line: 6, code: `${p}D2`, reason: 'unknown_parent' },
    { line: 7, code: `${p}D3`, reason: 'missing_field' },
    { line: 8, code: `${p}UP`, reason: 'duplicate_in_file' },
    { line: 9, code: `${p}S2`, reason: 'level_order' },
    { line: 10, code: `${p}D4`, reason: 'name_too_long' },
    { line: 11, code: `${p}D5`, reason: 'bad_name' },
    { line: 14, code: `${p}AC2`, reason: 'parent_rejected' },
    { line: 15, code: `${p}SK9`, reason: 'missing_parent' },
    { line: 16, code: `${p}D7`, reason: 'column_count' },
    { line: 17, code: `${p}AC3`, reason: 'unknown_parent' },
    { line: 19, code: `${p}D1`, reason: 'duplicate_in_file' },
  ];

  for (const batchSize of [5_000, 2]) {
    it(`refuses bad rows with their reason and physical line, writing the rest (batches of ${batchSize})`, async () => {
      const p = `R${batchSize}-`;
      const before = await count();
      const auditsBefore = (await auditRows()).length;
      const r = await importUnits(t.database.db, file(`rejects-${batchSize}.csv`, rejectsFile(p)), { batchSize });
      expect(r).toMatchObject({ rows: 17, inserted: 4, updated: 0, unchanged: 0, rejected: 13 });
      expect(r.rejects.map(({ line, code, reason }) => ({ line, code, reason }))).toEqual(expectedRejects(p));
      expect(r.rejects.find((x) => x.line === 17)!.message).toContain('parents must come before their children');
      expect(await count()).toBe(before + 4);
      expect([...(await unitsByCode([`${p}IN`, `${p}UP`, `${p}D6`, `${p}D9`, `${p}D1`, `${p}AC3`])).keys()].sort()).toEqual([
        `${p}D6`,
        `${p}D9`,
        `${p}IN`,
        `${p}UP`,
      ]);
      // The report lists the same rows, CSV-quoted, next to the file.
      const report = readFileSync(r.report!, 'utf8').trim().split('\n');
      expect(report[0]).toBe('line,code,reason,message');
      expect(report.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(expectedRejects(p).map((x) => `${x.line},${x.code},${x.reason}`));
      // One audit row per batch that wrote something.
      const audits = (await auditRows()).slice(auditsBefore);
      expect(audits.reduce((n, a) => n + a.inserted, 0)).toBe(4);
      expect(audits.every((a) => a.file === `rejects-${batchSize}.csv`)).toBe(true);
      if (batchSize === 5_000) expect(audits).toEqual([{ file: 'rejects-5000.csv', inserted: 4, updated: 0, lines: '2-19' }]);
    });
  }

  it('changes nothing on a second run of the same file, and writes no audit row for it', async () => {
    const lines = [HEADER, 'I-IN,,national,India,भारत', 'I-UP,I-IN,state,UP,यूपी', 'I-D1,I-UP,district,Agra,आगरा', 'I-AC1,I-D1,assembly,Agra Cantt,आगरा कैंट'];
    const path = file('idem.csv', lines);
    expect(await importUnits(t.database.db, path)).toMatchObject({ rows: 4, inserted: 4, updated: 0, unchanged: 0, rejected: 0 });
    const audits = (await auditRows()).length;
    const again = await importUnits(t.database.db, path, { batchSize: 2 });
    expect(again).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect((await auditRows()).length).toBe(audits);
  });

  it('renames units whose names changed, and refuses moves and level changes', async () => {
    const path = file('rename.csv', [
      HEADER,
      'I-IN,,national,India,भारत',
      'I-UP,I-IN,state,Uttar Pradesh,उत्तर प्रदेश',
      'I-D2,I-UP,district,Mathura,मथुरा',
      'I-AC1,I-D2,assembly,Agra Cantt,आगरा कैंट',
      'I-D1,I-UP,region,Agra,आगरा',
    ]);
    const r = await importUnits(t.database.db, path);
    expect(r).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, rejected: 2 });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [5, 'parent_changed'],
      [6, 'level_changed'],
    ]);
    expect(r.rejects[0]!.message).toContain('move');
    expect((await unitsByCode(['I-UP'])).get('I-UP')).toMatchObject({ name_en: 'Uttar Pradesh', name_hi: 'उत्तर प्रदेश' });
    expect((await auditRows()).at(-1)).toEqual({ file: 'rename.csv', inserted: 1, updated: 1, lines: '2-6' });
  });

  it('refuses a file without the header columns, writing nothing, not even a report', async () => {
    const before = await count();
    const path = file('nohead.csv', ['code,parent,level,name_en,name_hi', 'X-IN,,national,India,भारत']);
    await expect(importUnits(t.database.db, path)).rejects.toThrow(UnitsCsvError);
    await expect(importUnits(t.database.db, path)).rejects.toThrow(/no parent_code column/);
    await expect(importUnits(t.database.db, file('empty.csv', ''))).rejects.toThrow(/empty/);
    await expect(importUnits(t.database.db, join(dir, 'missing.csv'))).rejects.toThrow(/no such file/);
    expect(existsSync(join(dir, 'nohead.rejects.csv'))).toBe(false);
    expect(await count()).toBe(before);
  });

  it('falls back to row by row when the batch statement fails, losing only the row the database refuses', async () => {
    await t.database.script(`
      create function test_refuse_boom() returns trigger language plpgsql as $$
      begin if new.name_en = 'BOOM' then raise exception 'boom is not a name'; end if; return new; end $$;
      create trigger test_refuse_boom before insert on units for each row execute function test_refuse_boom();`);
    try {
      const path = file('boom.csv', [
        HEADER,
        'F-IN,,national,India,भारत',
        'F-UP,F-IN,state,BOOM,बूम',
        'F-BR,F-IN,state,Bihar,बिहार',
        'F-D1,F-BR,district,Patna,पटना',
      ]);
      const r = await importUnits(t.database.db, path, { report: join(dir, 'boom-report.csv') });
      expect(r).toMatchObject({ inserted: 3, rejected: 1, report: join(dir, 'boom-report.csv') });
      expect(r.rejects).toEqual([{ line: 3, code: 'F-UP', reason: 'db_error', message: expect.stringContaining('boom is not a name') }]);
      expect([...(await unitsByCode(['F-IN', 'F-UP', 'F-BR', 'F-D1'])).keys()].sort()).toEqual(['F-BR', 'F-D1', 'F-IN']);
      expect((await auditRows()).at(-1)).toEqual({ file: 'boom.csv', inserted: 3, updated: 0, lines: '2-5' });
    } finally {
      await t.database.script('drop trigger test_refuse_boom on units; drop function test_refuse_boom();');
    }
  });

  // 100,000 rows on PostgreSQL; on PGlite, where each batch's index upkeep is slower, 30,000 keep the test short.
  const big = engine === 'postgres' ? { states: 4, booths: 49 } : { states: 1, booths: 59 };
  const bigRows = 1 + big.states * (1 + 5 * (1 + 5 * (1 + 5 * (1 + 4 * (1 + big.booths)))));

  it(`streams a ${bigRows.toLocaleString('en-IN')}-row file in flat memory`, async () => {
    const path = join(dir, 'big.csv');
    const out = createWriteStream(path);
    const write = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    await write(HEADER + '\n' + 'G-IN,,national,India,भारत\n');
    // states × 5 districts × 5 assemblies × 5 mandals × 4 shakti kendras × booths, parents first.
    for (let s = 1; s <= big.states; s++) {
      await write(`G-S${s},G-IN,state,State ${s},राज्य ${s}\n`);
      for (let d = 1; d <= 5; d++) {
        const dc = `G-S${s}-D${d}`;
        await write(`${dc},G-S${s},district,"District ${d}, State ${s}",जिला ${d}\n`);
        for (let a = 1; a <= 5; a++) {
          const ac = `${dc}-A${a}`;
          await write(`${ac},${dc},assembly,Assembly ${a},विधानसभा ${a}\n`);
          for (let m = 1; m <= 5; m++) {
            const mc = `${ac}-M${m}`;
            let text = `${mc},${ac},mandal,Mandal ${m},मंडल ${m}\n`;
            for (let k = 1; k <= 4; k++) {
              const kc = `${mc}-K${k}`;
              text += `${kc},${mc},shakti_kendra,Kendra ${k},शक्ति केंद्र ${k}\n`;
              for (let b = 1; b <= big.booths; b++) text += `${kc}-B${b},${kc},booth,"Booth ${b}, Kendra ${k}",बूथ ${b}\n`;
            }
            await write(text);
          }
        }
      }
    }
    out.end();
    await once(out, 'finish');

    // What stays live after a full collection, sampled after every batch: it must not climb with the rows read.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const live = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const samples: number[] = [];
    const r = await importUnits(t.database.db, path, { onProgress: () => samples.push(live()) });
    const rate = Math.round(r.rows / r.seconds);
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    const growth = Math.max(...samples) - samples[0]!;
    console.log(
      `[${engine}] imported ${r.rows.toLocaleString('en-IN')} rows in ${r.seconds.toFixed(1)} s (with a GC per batch): ${rate.toLocaleString('en-IN')} rows/s; live heap after the first batch ${mb(samples[0]!)} MB, grew by at most ${mb(growth)} MB over ${samples.length} batches`,
    );
    expect(r).toMatchObject({ rows: bigRows, inserted: bigRows, rejected: 0 });
    // Holding the rows or the file's text (~8 MB for a lakh rows, twice that as JS strings) would show here.
    expect(growth).toBeLessThan(8 * 2 ** 20);
    const booths = await sql<{ booths: number }>`select s.booths from units u join unit_stats s on s.unit_id = u.id where u.code = 'G-IN'`.execute(
      t.database.db,
    );
    expect(booths.rows[0]!.booths).toBe(big.states * 5 * 5 * 5 * 4 * big.booths);
  }, 120_000);
});
