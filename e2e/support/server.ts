import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freshPostgresDatabase } from '../../src/server/testing/database.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');

/** A real `setu start` in a child process: the small demo organisation on a database of its own. */
export interface RunningSetu {
  /** http://127.0.0.1:PORT */
  url: string;
  db: 'pglite' | 'postgres';
  /**
   * The next one-time code the server prints for `phone` (E.164) after this call. Call it before the action that
   * sends the code: `const code = setu.nextOtp(phone); await click(…); await code`.
   */
  nextOtp(phone: string, timeoutMs?: number): Promise<string>;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its data folder or database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * A PostgreSQL URL to create a fresh database next to (as `src/server/testing/database.ts` does); the server runs on
   * that database and it is dropped at `stop()`. Without it the server uses the embedded PGlite in a temporary folder.
   */
  adminDatabaseUrl?: string | undefined;
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

/** A TCP port nothing listens on right now (the server is told it; `PORT=0` would not be printed back). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `node src/cli/main.ts start` and resolves once /api/health answers. */
export async function startSetu(options: StartOptions = {}): Promise<RunningSetu> {
  const dataDir = mkdtempSync(join(tmpdir(), 'setu-e2e-'));
  const database = options.adminDatabaseUrl ? await freshPostgresDatabase(options.adminDatabaseUrl, 'setu_e2e') : undefined;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  // The server's settings come from here alone, not from whatever the shell running the tests had.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(SETU_|DATABASE_|OTP_|SMS_|PUBLIC_URL$|TRUST_PROXY$|SESSION_DAYS$|HOST$|PORT$|DATA_DIR$|LOG_LEVEL$|NODE_ENV$)/.test(k))
      env[k] = v;
  }
  Object.assign(env, {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    OTP_SENDER: 'log',
    LOG_LEVEL: 'info',
    ...(database ? { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' } : {}),
    ...options.env,
  });

  const child = spawn(process.execPath, [CLI, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ phone: string; resolve(code: string): void }> = [];
  const onLine = (line: string) => {
    lines.push(line);
    if (!line.startsWith('{')) return;
    let parsed: { msg?: unknown; phone?: unknown; code?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.msg !== 'otp' || typeof parsed.phone !== 'string' || typeof parsed.code !== 'string') return;
    for (let i = 0; i < waiters.length; i++) {
      if (waiters[i]!.phone === parsed.phone) {
        waiters.splice(i, 1)[0]!.resolve(parsed.code);
        break;
      }
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const output = () => lines.join('\n');

  const cleanUp = async () => {
    await stopChild(child, exited);
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };

  try {
    await waitForHealth(url, exited, output);
  } catch (error) {
    await cleanUp();
    throw error;
  }

  return {
    url,
    db: database ? 'postgres' : 'pglite',
    output,
    nextOtp(phone, timeoutMs = 15_000) {
      return new Promise<string>((resolve, reject) => {
        const waiter = {
          phone,
          resolve: (code: string) => {
            clearTimeout(timer);
            resolve(code);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no one-time code for ${phone} in the server's output within ${timeoutMs} ms; it printed:\n${tail(output())}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop: cleanUp,
  };
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`setu start exited (${gone}) before answering /api/health:\n${tail(output())}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`setu start did not answer ${url}/api/health within ${timeoutMs} ms:\n${tail(output())}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const tail = (text: string, n = 40) => text.split('\n').slice(-n).join('\n');
