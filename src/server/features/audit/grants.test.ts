import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createSetu, type Setu } from '../../main.ts';
import { migrate, openDatabase, type Database } from '../../platform/db/index.ts';
import { freshPostgresDatabase } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { TEST_SECRET } from '../../testing/setu.ts';
import type { OtpSender } from '../auth/index.ts';
import { auditKeyOf } from './audit.ts';
import { verifyAudit } from './verify.ts';

/**
 * The production split of docs/sql/app-role-grants.sql, on a real PostgreSQL (PGlite has one user, so this is skipped
 * there): an owner role runs the migrations and owns the tables; the server's role may append to the audit log and
 * read it, and nothing else: no UPDATE, DELETE or TRUNCATE, and, not being the owner, no turning its triggers off.
 */
const admin = process.env.TEST_DATABASE_URL;
const grantsSql = readFileSync(fileURLToPath(new URL('../../../../docs/sql/app-role-grants.sql', import.meta.url)), 'utf8');

async function asAdmin(url: string, statements: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

const as = (url: string, user: string) => Object.assign(new URL(url), { username: user }).toString();

describe.skipIf(!admin)('the app’s database role on PostgreSQL', () => {
  const suffix = randomBytes(4).toString('hex');
  const ownerRole = `setu_owner_${suffix}`;
  const appRole = `setu_app_${suffix}`;
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let owner: Database;
  let app: Setu;
  const files = mkdtempSync(join(tmpdir(), 'setu-grants-'));

  beforeAll(async () => {
    await asAdmin(admin!, [`create role ${ownerRole} login`, `create role ${appRole} login`]);
    fresh = await freshPostgresDatabase(admin!, 'setu_grants');
    const dbName = new URL(fresh.url).pathname.slice(1);
    await asAdmin(fresh.url, [`alter database ${dbName} owner to ${ownerRole}`, `alter schema public owner to ${ownerRole}`]);
    // Migrations as the owner, then the documented grants, as an operator would after `setu migrate`.
    owner = await openDatabase({ url: as(fresh.url, ownerRole), dataDir: 'unused', poolSize: 2 });
    await migrate(owner);
    await owner.script(grantsSql.replaceAll('setu_app', appRole));
    const codes = new Map<string, string>();
    const sender: OtpSender = { name: 'test', send: async (phone, code) => void codes.set(phone, code), notify: async () => {} };
    const config = loadConfig({
      NODE_ENV: 'test',
      SETU_SECRET_KEY: TEST_SECRET,
      LOG_LEVEL: 'silent',
      DATABASE_URL: as(fresh.url, appRole),
      DATA_DIR: files,
      AUDIT_ANCHOR_SECONDS: '86400',
    });
    app = await createSetu(config, { sender });
    Object.assign(app, { codes });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await owner?.close();
    await fresh?.drop();
    await asAdmin(admin!, [`drop role if exists ${appRole}`, `drop role if exists ${ownerRole}`]);
    rmSync(files, { recursive: true, force: true });
  });

  it('serves an audited write as the app role, which can neither change nor empty the log nor turn its guards off', async () => {
    const db = app.database.db;
    expect((await sql<{ u: string }>`select current_user as u`.execute(db)).rows[0]!.u).toBe(appRole);
    const tree = await buildSampleTree(db);
    const codes = (app as Setu & { codes: Map<string, string> }).codes;
    const post = (path: string, body: unknown, cookie?: string) =>
      app.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
    const started = (await (await post('/api/auth/otp', { phone: tree.people.sambhalConvener.phone })).json()) as { attemptId: string };
    await new Promise((r) => setImmediate(r));
    const verified = await post('/api/auth/verify', {
      phone: tree.people.sambhalConvener.phone,
      code: codes.get('+919000000002'),
      attemptId: started.attemptId,
    });
    expect(verified.status).toBe(200);
    const cookie = verified.headers.get('set-cookie')!.match(/setu_session=[^;]+/)![0];
    const created = await post('/api/units', { parentId: tree.units.chandausi, level: 'mandal', nameEn: 'Grants Mandal', nameHi: 'मंडल' }, cookie);
    expect(created.status).toBe(201);
    const actions = (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['auth.login', 'unit.create']);

    for (const attempt of [sql`update audit_log set action = 'nothing'`, sql`delete from audit_log`, sql`truncate audit_log`])
      await expect(attempt.execute(db)).rejects.toThrow(/permission denied/);
    for (const attempt of [sql`alter table audit_log disable trigger user`, sql`drop trigger audit_log_no_update on audit_log`])
      await expect(attempt.execute(db)).rejects.toThrow(/must be owner/);
    expect(await verifyAudit(db, { key: auditKeyOf(TEST_SECRET) })).toMatchObject({ ok: true, rows: 2 });
    // It may append (it must), but a row it makes up without the key is seen for what it is.
    const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const forged = await sql<{ id: number }>`insert into audit_log (at, action, outcome, prev_hash, hash, mac)
      values (now(), 'unit.create', 'ok', ${last.hash}, ${randomBytes(32)}, 1) returning id`.execute(db);
    expect(await verifyAudit(db, { key: auditKeyOf(TEST_SECRET) })).toMatchObject({ ok: false, brokenAt: { id: forged.rows[0]!.id, reason: 'hash' } });

    // The owner can, which is why the server must not connect as the owner.
    await sql`alter table audit_log disable trigger user`.execute(owner.db);
    await sql`alter table audit_log enable trigger user`.execute(owner.db);
  });
});
