import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorld, type CliWorld } from '../../../testing/cli.ts';
import { engine } from '../../../testing/database.ts';

let world: CliWorld;
beforeAll(async () => {
  world = await cliWorld('positions-cli');
});
afterAll(() => world.close());

describe(`setu import positions (the CLI) on ${engine}`, () => {
  it('appoints with a rejects report, appoints no one on a second run, and refuses a file that is no positions CSV (exit 2)', async () => {
    const file = join(world.dir, 'office-bearers.csv');
    await writeFile(
      file,
      [
        '\uFEFFunit_code,role,department,name,phone',
        'UP-AC-031-PS-001,convener,social_media,Kamla Devi,98765 11111',
        'UP-AC-048-PS-001,co_convener,it,Arif Khan,+91 98765 22222',
        'UP-AC-031-PS-002,sarpanch,,Koi Aur,9876533333',
        'UP-AC-031-PS-002,member,,Ramesh Pal,9000000005', // the sample tree's booth convener, found by phone and name
      ].join('\n') + '\n',
    );
    const first = await world.setu(['import', 'positions', file]);
    expect(first.stderr).not.toMatch(/Error|at /);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/4 rows — 3 appointed \(2 people added\), 0 already held, 1 rejected \(report: .*office-bearers\.rejects\.csv\)/);
    expect(await readFile(join(world.dir, 'office-bearers.rejects.csv'), 'utf8')).toMatch(/^line,code,reason\n4,unknown_role,no role sarpanch\n$/);

    const again = await world.setu(['import', 'positions', file, '--rejects', join(world.dir, 'r2.csv')]);
    expect(again.stdout).toMatch(/4 rows — 0 appointed \(0 people added\), 3 already held, 1 rejected/);

    const units = join(world.dir, 'units.csv');
    await writeFile(units, 'code,parent_code\nX,Y\n');
    const bad = await world.setu(['import', 'positions', units]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the header has no unit_code column/);
  });
});
