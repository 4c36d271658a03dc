import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderInUse, LOCK_FILE } from './data-lock.ts';
import { openDatabase } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'setu-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lockPath = join(dir, LOCK_FILE);
const cli = fileURLToPath(new URL('../../../cli/main.ts', import.meta.url));

/** The pid of a process that has exited: no process has it now (pids are not reused this quickly). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

// The lock guards the embedded database's folder; PostgreSQL serves many processes and takes none.
describe.skipIf(process.env.TEST_DATABASE_URL)('the embedded database’s folder is locked to one process', () => {
  it('refuses a second opening, naming the holder in English and Hindi, and frees the folder on close', async () => {
    const first = await openDatabase({ dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
      const second = await openDatabase({ dataDir: dir }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(second).toBeInstanceOf(DataFolderInUse);
      const message = (second as Error).message;
      expect(message).toContain(`the data folder ${dir} is in use by process ${process.pid}`);
      expect(message).toContain(`डेटा फ़ोल्डर ${dir} प्रक्रिया ${process.pid}`);
      // The first still works: the refused opening touched nothing.
      expect((await sql<{ one: number }>`select 1 as one`.execute(first.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await first.close();
    }
    expect(existsSync(lockPath)).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const pid = deadPid();
    writeFileSync(lockPath, JSON.stringify({ pid, command: 'setu start', since: '2026-01-01T00:00:00.000Z', host: hostname() }));
    const database = await openDatabase({ dataDir: dir });
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    await database.close();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('the CLI run while the folder is held says who holds it and exits 1, instead of opening it twice', async () => {
    const holder = await openDatabase({ dataDir: dir });
    try {
      const run = spawn(process.execPath, [cli, 'migrate'], {
        env: { ...process.env, DATA_DIR: dir, NODE_ENV: 'development' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      run.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`setu: the data folder ${dir} is in use by process ${process.pid}`);
      expect(stderr).toContain('डेटा फ़ोल्डर');
      expect(stderr).not.toContain('    at '); // a message, not a stack
    } finally {
      await holder.close();
    }
  });
});
