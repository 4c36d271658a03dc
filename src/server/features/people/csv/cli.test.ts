import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorld, type CliWorld } from '../../../testing/cli.ts';
import { engine } from '../../../testing/database.ts';

let world: CliWorld;
let dir: string;
const setu = (args: string[]) => world.setu(args);

beforeAll(async () => {
  world = await cliWorld('people-cli');
  dir = world.dir;
});
afterAll(() => world.close());

describe(`setu import people / export people (the CLI) on ${engine}`, () => {
  it('imports with progress and a rejects report, finds everyone on a second run, and exports what it imported', async () => {
    const file = join(dir, 'people.csv');
    await writeFile(
      file,
      [
        'name,phone,unit_code,whatsapp,consent',
        'Kamla Devi,98765 11111,UP-AC-031-PS-001,yes,org_updates',
        'Bad Number,123,UP-AC-031-PS-001,no,',
        'Arif Khan,+91 98765 22222,UP-AC-048-PS-001,no,',
      ].join('\n') + '\n',
    );
    const first = await setu(['import', 'people', file, '--evidence', 'Forms in the district office']);
    expect(first.stderr).not.toMatch(/Error|at /);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/3 rows — 2 added, 0 already there, 1 rejected \(report: .*people\.rejects\.csv\), 1 consents recorded/);
    expect(await readFile(join(dir, 'people.rejects.csv'), 'utf8')).toMatch(/^line,code,reason\n3,bad_phone,/);

    const again = await setu(['import', 'people', file, '--evidence', 'Forms in the district office', '--rejects', join(dir, 'r2.csv')]);
    expect(again.stdout).toMatch(/3 rows — 0 added, 2 already there, 1 rejected/);

    const out = join(dir, 'sambhal.csv');
    const exported = await setu(['export', 'people', '--unit', 'UP-D-SAMBHAL', out]);
    expect(exported.code).toBe(0);
    const text = await readFile(out, 'utf8');
    // A byte-order mark by default, as the web download (Excel needs it for Hindi); the phone opens as text.
    expect(text.startsWith('\uFEFFname,phone,')).toBe(true);
    expect(text).toContain("Kamla Devi,'+919876511111,UP-AC-031-PS-001,yes,,,,,org_updates\n");
    expect(text).not.toContain('Arif Khan');
    // Whole numbers: readable by its owner only.
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const bare = await setu(['export', 'people', '--unit', 'UP-D-SAMBHAL', '--no-bom']);
    expect(bare.stdout.startsWith('name,phone,')).toBe(true);
  });

  it('says what is wrong with a file that is not a people CSV, or a unit that does not exist (exit 2)', async () => {
    const file = join(dir, 'units.csv');
    await writeFile(file, 'code,parent_code\nX,Y\n');
    const bad = await setu(['import', 'people', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the header has no name column/);
    const nope = await setu(['export', 'people', '--unit', 'NOPE']);
    expect(nope.code).toBe(2);
    expect(nope.stderr).toMatch(/no unit has the code NOPE/);
    const help = await setu(['import', 'people', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--evidence TEXT/);
  });
});
