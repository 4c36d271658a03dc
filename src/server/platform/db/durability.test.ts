import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'setu-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A child process that commits one row, says so, and then waits to be killed. */
const child = `
  import { openDatabase, migrate } from ${JSON.stringify(new URL('./index.ts', import.meta.url).pathname)};
  const database = await openDatabase({ dataDir: ${JSON.stringify(dir)} });
  await migrate(database);
  await database.db.insertInto('rate_limits').values({ key: 'acknowledged', window_start: new Date(), hits: 42 }).execute();
  process.stdout.write('committed\\n');
  setInterval(() => {}, 1000);
`;

describe.skipIf(process.env.TEST_DATABASE_URL)('embedded database durability', () => {
  it('keeps an acknowledged write when the process is killed with SIGKILL right after', async () => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', child], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => d.toString().includes('committed') && resolve());
      proc.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));

    const database = await openDatabase({ dataDir: dir });
    await migrate(database);
    const row = await database.db.selectFrom('rate_limits').select('hits').where('key', '=', 'acknowledged').executeTakeFirst();
    await database.close();
    expect(row).toEqual({ hits: 42 });
  });
});
