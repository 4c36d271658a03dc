import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { createSetu } from '../main.ts';
import { freshPostgresDatabase } from './database.ts';
import { buildSampleTree } from './factories.ts';
import { TEST_SECRET } from './setu.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `setu ARGS` as its own process with a test's environment; empty values count as unset in loadConfig, so nothing
 * from the outer environment picks another database. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '', SETU_ORG_CONFIG: '', NODE_ENV: 'test', LOG_LEVEL: 'silent', SETU_SECRET_KEY: TEST_SECRET, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A database with the sample tree for `setu` commands run as their own process, and a folder for their files. */
export interface CliWorld {
  dir: string;
  tree: Awaited<ReturnType<typeof buildSampleTree>>;
  setu(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/**
 * Builds the sample tree through the app, then closes it (PGlite on disk is one process at a time), so the CLI can
 * open the same database: a fresh PostgreSQL database with TEST_DATABASE_URL, else a PGlite folder.
 */
export async function cliWorld(prefix: string): Promise<CliWorld> {
  const dir = await mkdtemp(join(tmpdir(), `setu-${prefix}-`));
  const admin = process.env.TEST_DATABASE_URL;
  const fresh = admin ? await freshPostgresDatabase(admin, 'setu_cli') : undefined;
  const env: Record<string, string> = fresh ? { DATABASE_URL: fresh.url, DATA_DIR: '/nonexistent' } : { DATA_DIR: join(dir, 'data') };
  const app = await createSetu(loadConfig({ NODE_ENV: 'test', SETU_SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent', ...env }));
  const tree = await buildSampleTree(app.database.db);
  await app.database.close();
  const setu: CliWorld['setu'] = (args) => runCli(args, env);
  return {
    dir,
    tree,
    setu,
    async close() {
      await fresh?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
