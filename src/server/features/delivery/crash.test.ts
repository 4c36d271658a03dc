import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createPiiCipher } from '../../platform/crypto.ts';
import { migrate, openDatabase, type Database } from '../../platform/db/index.ts';
import { engine, freshPostgresDatabase } from '../../testing/database.ts';
import { TEST_SECRET } from '../../testing/setu.ts';
import { addUnit } from '../../testing/factories.ts';
import { fanOut } from '../directives/index.ts';
import { applyOrgConfig, defaultOrgConfig } from '../org/index.ts';
import { enqueue } from './index.ts';

/**
 * "Killing the server (kill -9) in the middle of a national fan-out and starting it again ends with every recipient
 * delivered exactly once."
 *
 * A national directive to 5,000 booths, each held by a worker who agreed to organisation updates and turned SMS on, is
 * issued the way the service does it (the directive, its rows, and its outbox row in one transaction). A real server
 * process (createSetu, as `setu serve` builds it, with the real SMS adapter) dispatches it and sends it to a fake SMS
 * gateway in this process, which takes a moment per request. When half of the messages have arrived the process is
 * killed with SIGKILL, then started again on the same database, and left to finish.
 *
 * What "exactly once" means here. No sender can know whether a request that was on the wire when it died arrived: the
 * transport is at-least-once. What makes the effect exactly-once is the idempotency key: every delivery carries a
 * stable id (the SMS `ref`), sent again unchanged after a crash, and the gateway — like real SMS gateways with a client
 * reference — turns a repeated ref into no new SMS. So the test asserts:
 *   - every recipient's ref arrived, none missing;
 *   - every recipient got exactly one ref, and every ref went to one recipient (the fan-out made one delivery each,
 *     even though it restarted), so counting each ref once — as the gateway does — gives one SMS per person;
 *   - raw receipts beyond that (the same ref again) are no more than the sends that were in flight at the kill.
 */

const N = 5000;
const CONCURRENCY = 8;
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cipher = createPiiCipher(TEST_SECRET);
const phoneOf = (i: number) => `+9196${String(i).padStart(8, '0')}`;

/** The server process: builds Setu with the SMS adapter aimed at the fake gateway, says when its queue is empty. */
const child = `
  import { loadConfig } from ${JSON.stringify(join(repoRoot, 'src/server/config.ts'))};
  import { createSetu } from ${JSON.stringify(join(repoRoot, 'src/server/main.ts'))};
  import { createSmsChannel } from ${JSON.stringify(join(repoRoot, 'src/server/platform/channels/sms.ts'))};
  const setu = await createSetu(loadConfig(process.env), {
    channels: [createSmsChannel({ url: process.env.GATEWAY_URL, ratePerSecond: 100000 })],
    delivery: { leaseMs: 2000, idleMs: 50, concurrency: ${CONCURRENCY} },
  });
  process.once('SIGTERM', () => setu.close().then(() => process.exit(0)));
  process.stdout.write('started\\n');
  await setu.delivery.drain(600000);
  process.stdout.write('drained\\n');
  setInterval(() => {}, 1000);
`;

/** Where the server keeps its data: a PGlite folder, or a fresh PostgreSQL database when the suite runs on one. */
async function target(): Promise<{ env: Record<string, string>; open(): Promise<Database>; cleanup(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    const dir = await mkdtemp(join(tmpdir(), 'setu-crash-'));
    return { env: { DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  const fresh = await freshPostgresDatabase(admin, 'setu_crash');
  return {
    env: { DATABASE_URL: fresh.url, DATA_DIR: '/nonexistent' },
    open: () => openDatabase({ url: fresh.url, dataDir: 'unused', poolSize: 2 }),
    cleanup: fresh.drop,
  };
}

/**
 * A nation of 5,000 booths, a worker at each with live consent to organisation updates and an SMS contact point, and a
 * national directive to every booth.
 */
async function seed(database: Database): Promise<void> {
  await migrate(database);
  await applyOrgConfig(database.db, defaultOrgConfig);
  const db = database.db;
  const nation = await addUnit(db, { level: 'national', name: 'India', nameHi: 'भारत' });
  await sql`insert into units (id, parent_id, level, name_en, name_hi, path)
    select n.id, ${nation}::int, 'booth', 'Booth ' || n.g, 'बूथ ' || n.g, (${String(nation)} || '.' || n.id)::ltree
    from (select g, nextval(pg_get_serial_sequence('units', 'id'))::int as id from generate_series(1, ${N}) g) n`.execute(db);
  const { rows } = await sql<{ id: number }>`
    insert into people (name, age_band, languages, tags, home_unit_id)
    select 'Crash ' || row_number() over (order by u.id), '26_35', '{hi}', '{crash}', u.id from units u where u.level = 'booth' order by u.id
    returning id`.execute(db);
  await sql`insert into positions (person_id, unit_id, role) select id, home_unit_id, 'member' from people where 'crash' = any(tags)`.execute(db);
  await sql`insert into consents (person_id, purpose, notice_id, method)
    select id, 'org_updates', (select id from notices where purpose = 'org_updates' and version = 1), 'import'
    from people where 'crash' = any(tags)`.execute(db);
  const points = rows.map((r, i) => ({
    person_id: r.id,
    channel: 'sms' as const,
    address_enc: cipher.encrypt(phoneOf(i + 1)),
    address_hash: cipher.blindIndex(phoneOf(i + 1), 'contact:sms'),
    pii_key_id: cipher.keyId,
  }));
  for (let i = 0; i < points.length; i += 1000)
    await db
      .insertInto('contact_points')
      .values(points.slice(i, i + 1000))
      .execute();
  const issuer = (await sql<{ id: number }>`insert into people (name) values ('National convener') returning id`.execute(db)).rows[0]!.id;
  await db.transaction().execute(async (trx) => {
    const d = await trx
      .insertInto('directives')
      .values({
        client_key: 'crash-national-1',
        unit_id: nation,
        issued_by: issuer,
        title_hi: 'शाम 5 बजे रैली',
        title_en: 'Rally at 5 pm',
        ask: 'ack',
        levels: ['booth'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const targets = await fanOut(trx, d.id, nation, String(nation), ['booth'], []);
    expect(targets).toBe(N);
    await enqueue(trx, {
      topic: 'directive.issued',
      payload: { directiveId: d.id, titleHi: 'शाम 5 बजे रैली', titleEn: 'Rally at 5 pm' },
      dedupeKey: `directive.issued:${d.id}`,
    });
  });
}

interface Receipt {
  to: string;
  ref: string;
}

/** An SMS gateway that keeps every request it is sent and takes a millisecond over each. */
function fakeGateway(onReceipt: (r: Receipt) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const { to, ref } = JSON.parse(body) as Receipt;
      onReceipt({ to, ref });
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${ref}` })), 1);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms` })),
  );
}

function startServer(env: Record<string, string>): { proc: ChildProcess; said(line: string): Promise<void>; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', child], {
    cwd: repoRoot,
    // Empty values count as unset in loadConfig: nothing from the outer environment picks another database.
    env: { ...process.env, DATABASE_URL: '', SETU_ORG_CONFIG: '', NODE_ENV: 'test', LOG_LEVEL: 'silent', SETU_SECRET_KEY: TEST_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const waiters: { line: string; resolve(): void }[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.filter((x) => out.includes(x.line))) w.resolve();
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const said = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(line)) return resolve();
      waiters.push({ line, resolve });
      void exited.then((code) => reject(new Error(`server exited (${code}) before saying "${line}"`)));
    });
  return { proc, said, exited };
}

let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => cleanup?.());

describe(`kill -9 in the middle of a national directive's fan-out (${engine})`, () => {
  it('ends, after a restart, with every recipient sent the message exactly once', { timeout: 300_000 }, async () => {
    const where = await target();
    cleanup = where.cleanup;
    const database = await where.open();
    await seed(database);
    await database.close(); // PGlite on disk is one process at a time

    const receipts: Receipt[] = [];
    const refs = new Set<string>();
    let first: ReturnType<typeof startServer> | undefined;
    let atKill = -1;
    const gateway = await fakeGateway((r) => {
      receipts.push(r);
      refs.add(r.ref);
      if (atKill < 0 && refs.size >= N / 2 && first) {
        atKill = refs.size;
        first.proc.kill('SIGKILL');
      }
    });
    try {
      const env = { ...where.env, GATEWAY_URL: gateway.url };
      first = startServer(env);
      await first.exited;
      expect(atKill, 'the kill landed in the middle of the sending').toBeGreaterThanOrEqual(N / 2);
      expect(atKill).toBeLessThan(N);
      const beforeRestart = receipts.length;

      const second = startServer(env);
      await second.said('drained');
      second.proc.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(receipts.length).toBeGreaterThan(beforeRestart);
    } finally {
      gateway.server.close();
    }

    // Every recipient's message arrived, under one ref each, and each ref went to one recipient.
    const refsByPhone = new Map<string, Set<string>>();
    const phonesByRef = new Map<string, Set<string>>();
    for (const r of receipts) {
      refsByPhone.set(r.to, (refsByPhone.get(r.to) ?? new Set()).add(r.ref));
      phonesByRef.set(r.ref, (phonesByRef.get(r.ref) ?? new Set()).add(r.to));
    }
    const missing = Array.from({ length: N }, (_, i) => phoneOf(i + 1)).filter((p) => !refsByPhone.has(p));
    expect(missing).toEqual([]);
    expect(refsByPhone.size).toBe(N);
    expect([...refsByPhone.values()].filter((s) => s.size !== 1)).toEqual([]);
    expect([...phonesByRef.values()].filter((s) => s.size !== 1)).toEqual([]);
    // Counted as the gateway counts new messages (a ref seen before is the same SMS): one per recipient.
    expect(refs.size).toBe(N);
    // The repeats are the sends in flight when the process died: at most one per concurrent sender.
    const repeats = receipts.length - refs.size;
    expect(repeats).toBeLessThanOrEqual(CONCURRENCY);

    const after = await where.open();
    try {
      const statuses = await after.db
        .selectFrom('deliveries')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .groupBy('status')
        .execute();
      expect(statuses).toEqual([{ status: 'sent', n: N }]);
      const outbox = await after.db.selectFrom('outbox').select(['recipients', 'delivery_count']).execute();
      expect(outbox).toEqual([{ recipients: N, delivery_count: N }]);
    } finally {
      await after.close();
    }
    console.log(JSON.stringify({ engine, recipients: N, receivedAtKill: atKill, rawReceipts: receipts.length, repeats }));
  });
});
