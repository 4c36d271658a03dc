import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { folderStorage } from '../platform/storage/folder.ts';
import { createSetu, type Setu } from '../main.ts';
import type { StreamLimits } from '../platform/http/live-streams.ts';
import { createLogger, type Logger } from '../platform/log.ts';
import type { OtpSender } from '../features/auth/index.ts';
import { testDatabase } from './database.ts';
import { openDatabase } from '../platform/db/index.ts';

export const TEST_SECRET = Buffer.alloc(32, 7).toString('base64');

/** The session token inside a cookie `login` returned. */
export const tokenOf = (cookie: string) => cookie.slice('setu_session='.length);

/** A Setu on a test database whose OTP sender keeps the codes it "sends", and helpers to call its API. */
export interface TestSetu extends Setu {
  /** Last code sent to each phone (E.164). */
  codes: Map<string, string>;
  /** Security notices sent to each phone (E.164), oldest first. */
  notices: Map<string, string[]>;
  /** Every code sent, in order. */
  texts: { phone: string; code: string }[];
  /** Calls the app in-process; `cookie` signs the request in. A string or bytes body goes as it is, anything else as JSON. */
  call(method: string, path: string, opts?: { body?: unknown; cookie?: string | undefined; headers?: Record<string, string> }): Promise<Response>;
  /** Signs in by phone with the code the sender captured; returns the session cookie. */
  login(phone: string): Promise<string>;
  /**
   * Another Setu process on the same PostgreSQL database (its own pool and bus), serving requests only: the background
   * work stays with this one. Stopped with it.
   */
  twin(): Promise<Setu>;
  stop(): Promise<void>;
  /** The folder uploads are stored in, to see what was kept (and what erasure removed). */
  filesDir: string;
}

/** `overrides.log` replaces the silent logger, e.g. with `captureLogs().log` (testing/pii-scan.ts) to assert on log lines. */
export async function createTestSetu(env: Record<string, string> = {}, overrides: { log?: Logger; streams?: Partial<StreamLimits> } = {}): Promise<TestSetu> {
  const codes = new Map<string, string>();
  const notices = new Map<string, string[]>();
  const texts: TestSetu['texts'] = [];
  const sender: OtpSender = {
    name: 'test',
    async send(phone, code) {
      codes.set(phone, code);
      texts.push({ phone, code });
    },
    async notify(phone, text) {
      notices.set(phone, [...(notices.get(phone) ?? []), text]);
    },
  };
  // The stored files and the audit anchors in one temporary folder, apart: tests list the files folder.
  const scratch = mkdtempSync(join(tmpdir(), 'setu-test-'));
  const files = join(scratch, 'files');
  mkdirSync(files);
  // Anchors of this file's database, in its own folder; written at start, at stop and when a test flushes them. No proof
  // of work unless a test asks for it (POW_DIFFICULTY): the API's own clients in tests are not browsers.
  const config = loadConfig({
    POW_DIFFICULTY: '0',
    NODE_ENV: 'test',
    SETU_SECRET_KEY: TEST_SECRET,
    DATA_DIR: '/nonexistent',
    AUDIT_ANCHOR_FILE: join(scratch, 'audit-anchors.jsonl'),
    AUDIT_ANCHOR_SECONDS: '86400',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const database = await testDatabase({ statementTimeoutMs: config.STATEMENT_TIMEOUT_MS });
  const setu = await createSetu(config, {
    database,
    sender,
    log: overrides.log ?? createLogger('silent'),
    storage: folderStorage(files),
    streams: overrides.streams,
  });

  const call: TestSetu['call'] = (method, path, opts = {}) =>
    Promise.resolve(
      setu.app.request(path, {
        method,
        headers: {
          // Like the CLI or another server: no Origin, so a request that changes something says it is JSON (see csrf.ts).
          ...(opts.body !== undefined || !['GET', 'HEAD'].includes(method) ? { 'content-type': 'application/json' } : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...opts.headers,
        },
        body:
          opts.body === undefined
            ? undefined
            : typeof opts.body === 'string' || opts.body instanceof Uint8Array
              ? (opts.body as BodyInit)
              : JSON.stringify(opts.body),
      }),
    );

  const login: TestSetu['login'] = async (phone) => {
    const started = await call('POST', '/api/auth/otp', { body: { phone } });
    if (started.status !== 200) throw new Error(`otp: ${started.status} ${await started.text()}`);
    const { attemptId } = (await started.json()) as { attemptId: string };
    await new Promise((r) => setImmediate(r)); // the code is sent after the answer
    const e164 = phone.startsWith('+') ? phone : `+91${phone.replace(/\D/g, '').slice(-10)}`;
    const code = codes.get(e164);
    if (!code) throw new Error(`no code was sent to ${e164}`);
    const verified = await call('POST', '/api/auth/verify', { body: { phone, code, attemptId } });
    if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${await verified.text()}`);
    const cookie = verified.headers.get('set-cookie')?.match(/setu_session=[^;]+/)?.[0];
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  };

  const twins: Setu[] = [];
  const twin: TestSetu['twin'] = async () => {
    if (!database.url) throw new Error('a twin needs PostgreSQL (TEST_DATABASE_URL): PGlite is one process');
    const own = await openDatabase({ url: database.url, dataDir: 'unused', poolSize: 2, statementTimeoutMs: config.STATEMENT_TIMEOUT_MS });
    const other = await createSetu(
      { ...config, BACKGROUND_JOBS: false },
      {
        database: own,
        sender,
        log: overrides.log ?? createLogger('silent'),
        storage: folderStorage(files),
      },
    );
    twins.push({ ...other, close: () => other.close().then(() => own.close()) });
    return other;
  };

  const stop = async () => {
    for (const other of twins) await other.close();
    await setu.close(); // background jobs first: they use the database
    await database.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  return { ...setu, codes, notices, texts, call, login, twin, stop, filesDir: files };
}
