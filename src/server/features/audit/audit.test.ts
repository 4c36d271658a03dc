import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createSetu } from '../../main.ts';
import { migrate, openDatabase, type Schema } from '../../platform/db/index.ts';
import { engine, freshPostgresDatabase } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { runCli } from '../../testing/cli.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';
import type { OtpSender } from '../auth/index.ts';
import { auditKeyOf } from './audit.ts';
import { readAnchors } from './anchors.ts';
import { canonicalJson, chainHash, GENESIS, type AuditContent } from './chain.ts';
import { verifyAudit, type VerifyOptions } from './verify.ts';

const KEY = auditKeyOf(TEST_SECRET);
/** Verifies with the server's key, as `setu audit verify` does. */
const verify = (db: Kysely<Schema>, options: VerifyOptions = {}) => verifyAudit(db, { key: KEY, ...options });

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let district: string; // Sambhal district convener

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
});
afterAll(() => t.stop());

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
const auditCount = async (db: Kysely<Schema>) => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db)).rows[0]!.n);
const lastAudit = (action: string) =>
  t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

/** Runs `fn` with the append-only triggers off (as the table owner can), turning them back on whatever happens. */
async function withoutGuards(db: Kysely<Schema>, fn: () => Promise<unknown>) {
  await sql`alter table audit_log disable trigger user`.execute(db);
  try {
    await fn();
  } finally {
    await sql`alter table audit_log enable trigger user`.execute(db);
  }
}

describe(`the audit log on ${engine}`, () => {
  it('records a login with the person who signed in and the session', async () => {
    district = await t.login(tree.people.sambhalConvener.phone);
    const row = await lastAudit('auth.login');
    const session = await t.database.db.selectFrom('sessions').select('id').where('person_id', '=', tree.people.sambhalConvener.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: tree.people.sambhalConvener.id, outcome: 'ok', target_type: 'session', target_id: session.id, ip: 'unknown' });
  });

  it('records a failed login, with no actor and why it failed', async () => {
    const started = await read(await t.call('POST', '/api/auth/otp', { body: { phone: tree.people.meerutConvener.phone } }));
    await new Promise((r) => setImmediate(r));
    const code = t.codes.get('+919000000003')!;
    const bad = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const before = await auditCount(t.database.db);
    const res = await read(
      await t.call('POST', '/api/auth/verify', { body: { phone: tree.people.meerutConvener.phone, code: bad, attemptId: started.body.attemptId } }),
    );
    expect(res.status).toBe(400);
    expect(await auditCount(t.database.db)).toBe(before + 1);
    const row = await lastAudit('auth.login');
    expect(row).toMatchObject({ actor_id: null, outcome: 'failed', details: { why: 'wrong code', attemptId: started.body.attemptId } });
  });

  it('records a unit created through the API, in the same transaction as the unit', async () => {
    const created = await read(
      await t.call('POST', '/api/units', {
        cookie: district,
        body: { parentId: tree.units.chandausi, level: 'mandal', nameEn: 'Audit Mandal', nameHi: 'ऑडिट मंडल' },
      }),
    );
    expect(created.status).toBe(201);
    const row = await lastAudit('unit.create');
    expect(row).toMatchObject({
      actor_id: tree.people.sambhalConvener.id,
      outcome: 'ok',
      target_type: 'unit',
      target_id: String(created.body.id),
      details: { parentId: tree.units.chandausi, level: 'mandal' },
    });
    // A refused create leaves neither a unit nor an ok row.
    const before = await auditCount(t.database.db);
    const refused = await read(
      await t.call('POST', '/api/units', { cookie: district, body: { parentId: tree.units.chandausi, level: 'district', nameEn: 'X', nameHi: 'X' } }),
    );
    expect(refused.status).toBe(422);
    expect(await auditCount(t.database.db)).toBe(before);
  });

  it('records a request for another district’s unit as http.denied, with the path', async () => {
    const before = await auditCount(t.database.db);
    const res = await read(await t.call('GET', `/api/units/${tree.units.meerut}`, { cookie: district }));
    expect(res.status).toBe(404);
    expect(await auditCount(t.database.db)).toBe(before + 1);
    const row = await lastAudit('http.denied');
    expect(row).toMatchObject({
      actor_id: tree.people.sambhalConvener.id,
      outcome: 'denied',
      details: { method: 'GET', path: `/api/units/${tree.units.meerut}`, code: 'not_found' },
    });
  });

  it('records a 403 as http.denied too, and nothing for a caller who is not signed in', async () => {
    const res = await read(await t.call('PATCH', `/api/units/${tree.units.sambhal}`, { cookie: district, body: { nameEn: 'Mine' } }));
    expect(res.status).toBe(403);
    expect(await lastAudit('http.denied')).toMatchObject({
      outcome: 'denied',
      details: { method: 'PATCH', path: `/api/units/${tree.units.sambhal}`, code: 'forbidden' },
    });
    const before = await auditCount(t.database.db);
    expect((await t.call('GET', `/api/units/${tree.units.meerut}`)).status).toBe(401);
    expect(await auditCount(t.database.db)).toBe(before);
  });

  it('keeps the chain whole under simultaneous writes', async () => {
    const before = await auditCount(t.database.db);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? t.call('GET', `/api/units/${tree.units.meerutBooth}`, { cookie: district })
          : t.call('POST', '/api/units', {
              cookie: district,
              body: { parentId: tree.units.bahjoi, level: 'shakti_kendra', nameEn: `Parallel SK ${i}`, nameHi: `समानांतर ${i}` },
            }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(6).fill(201), ...Array(6).fill(404)]);
    expect(await auditCount(t.database.db)).toBe(before + 12);
    expect(await verify(t.database.db)).toMatchObject({ ok: true, rows: before + 12 });
  });

  it('verifies the whole chain, in one page or in many', async () => {
    const rows = await auditCount(t.database.db);
    expect(rows).toBeGreaterThanOrEqual(15);
    expect(await verify(t.database.db)).toMatchObject({ ok: true, rows });
    expect(await verify(t.database.db, { pageSize: 3 })).toMatchObject({ ok: true, rows });
    expect(await verify(t.database.db, { pageSize: 1 })).toMatchObject({ ok: true, rows });
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = t.database.db;
    const rows = await auditCount(db);
    await expect(db.updateTable('audit_log').set({ action: 'edited' }).where('id', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set details = '{}'::jsonb`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await auditCount(db)).toBe(rows);
    expect(await verify(db)).toMatchObject({ ok: true, rows });
    // The database is still usable after the refusals.
    expect((await t.call('GET', '/api/me', { cookie: district })).status).toBe(200);
  });

  it('notices one row’s content changed, names that row, and is whole again when it is put back', async () => {
    const db = t.database.db;
    const ids = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    const middle = ids[Math.floor(ids.length / 2)]!;
    const original = await db.selectFrom('audit_log').select('details').where('id', '=', middle).executeTakeFirstOrThrow();
    await withoutGuards(db, () => sql`update audit_log set details = details || '{"tampered": true}'::jsonb where id = ${middle}`.execute(db));
    expect(await verify(db)).toMatchObject({ ok: false, brokenAt: { id: middle, reason: 'hash' } });
    expect(await verify(db, { pageSize: 2 })).toMatchObject({ ok: false, brokenAt: { id: middle, reason: 'hash' } });
    // The guards are back on.
    await expect(sql`update audit_log set details = '{}'::jsonb where id = ${middle}`.execute(db)).rejects.toThrow(/append-only/);

    await withoutGuards(db, () => sql`update audit_log set details = ${JSON.stringify(original.details)}::jsonb where id = ${middle}`.execute(db));
    expect(await verify(db)).toMatchObject({ ok: true, rows: ids.length });
  });

  it('notices a change to who did it', async () => {
    const db = t.database.db;
    const row = await lastAudit('unit.create');
    await withoutGuards(db, () => sql`update audit_log set actor_id = ${tree.people.stateConvener.id} where id = ${row.id}`.execute(db));
    expect(await verify(db)).toMatchObject({ ok: false, brokenAt: { id: row.id, reason: 'hash' } });
    await withoutGuards(db, () => sql`update audit_log set actor_id = ${row.actor_id} where id = ${row.id}`.execute(db));
    expect((await verify(db)).ok).toBe(true);
  });

  it('notices a row deleted from the middle: the next row no longer links', async () => {
    const db = t.database.db;
    const ids = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    const i = Math.floor(ids.length / 3);
    const gone = await db.selectFrom('audit_log').selectAll().where('id', '=', ids[i]!).executeTakeFirstOrThrow();
    await withoutGuards(db, () => db.deleteFrom('audit_log').where('id', '=', gone.id).execute());
    expect(await verify(db)).toEqual({ ok: false, rows: i, brokenAt: { id: ids[i + 1], reason: 'prev_hash' } });

    // Put back exactly as it was: whole again.
    await withoutGuards(db, () =>
      sql`insert into audit_log (id, at, actor_id, action, outcome, target_type, target_id, ip, details, prev_hash, hash, mac) overriding system value
          values (${gone.id}, ${gone.at}, ${gone.actor_id}, ${gone.action}, ${gone.outcome}, ${gone.target_type}, ${gone.target_id}, ${gone.ip},
                  ${JSON.stringify(gone.details)}::jsonb, ${gone.prev_hash}, ${gone.hash}, ${gone.mac})`.execute(db),
    );
    expect(await verify(db)).toMatchObject({ ok: true, rows: ids.length });
  });

  it('notices a row rewritten with a freshly computed hash: without the key it cannot be made to match', async () => {
    const db = t.database.db;
    const ids = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    const victim = await db.selectFrom('audit_log').selectAll().where('id', '=', ids[2]!).executeTakeFirstOrThrow();
    const forged: AuditContent = { ...victim, details: { ...victim.details, forged: true } };
    const hash = chainHash(victim.prev_hash, forged);
    await withoutGuards(db, () =>
      sql`update audit_log set details = ${JSON.stringify(forged.details)}::jsonb, hash = ${hash} where id = ${victim.id}`.execute(db),
    );
    expect(await verify(db)).toMatchObject({ ok: false, brokenAt: { id: victim.id, reason: 'hash' } });
    // Marked as written before the chain was keyed, it is an unkeyed row after keyed ones.
    await withoutGuards(db, () => sql`update audit_log set mac = 0 where id = ${victim.id}`.execute(db));
    expect(await verify(db)).toMatchObject({ ok: false, brokenAt: { id: victim.id, reason: 'downgrade' } });
    await withoutGuards(db, () =>
      sql`update audit_log set details = ${JSON.stringify(victim.details)}::jsonb, hash = ${victim.hash}, mac = ${victim.mac} where id = ${victim.id}`.execute(
        db,
      ),
    );
    expect((await verify(db)).ok).toBe(true);
  });

  // A shorter chain is still a valid chain: only a head recorded earlier, outside the table, shows the cut.
  it('notices the newest row deleted, given the head recorded before as the anchor', async () => {
    const db = t.database.db;
    const { head } = await verify(db);
    expect(head).toBeDefined();
    const newest = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await withoutGuards(db, () => db.deleteFrom('audit_log').where('id', '=', newest.id).execute());
    try {
      expect((await verify(db)).ok).toBe(true); // without the anchor, nothing to see
      expect(await verify(db, { anchors: [head!] })).toMatchObject({ ok: false, brokenAt: { id: head!.id, reason: 'anchor' } });
    } finally {
      await withoutGuards(db, () =>
        sql`insert into audit_log (id, at, actor_id, action, outcome, target_type, target_id, ip, details, prev_hash, hash, mac) overriding system value
            values (${newest.id}, ${newest.at}, ${newest.actor_id}, ${newest.action}, ${newest.outcome}, ${newest.target_type}, ${newest.target_id}, ${newest.ip},
                    ${JSON.stringify(newest.details)}::jsonb, ${newest.prev_hash}, ${newest.hash}, ${newest.mac})`.execute(db),
      );
      expect(await verify(db, { anchors: [head!] })).toMatchObject({ ok: true, head });
    }
  });
});

type AuditRow = Awaited<ReturnType<typeof lastAudit>>;
const allRows = (db: Kysely<Schema>) => db.selectFrom('audit_log').selectAll().orderBy('id').execute();

/** Puts the log back exactly as `rows` (tests that rewrite all of it). */
async function restoreLog(db: Kysely<Schema>, rows: AuditRow[]) {
  await withoutGuards(db, async () => {
    await db.deleteFrom('audit_log').execute();
    for (const r of rows)
      await sql`insert into audit_log (id, at, actor_id, action, outcome, target_type, target_id, ip, details, prev_hash, hash, mac) overriding system value
        values (${r.id}, ${r.at}, ${r.actor_id}, ${r.action}, ${r.outcome}, ${r.target_type}, ${r.target_id}, ${r.ip},
                ${JSON.stringify(r.details)}::jsonb, ${r.prev_hash}, ${r.hash}, ${r.mac})`.execute(db);
  });
}

/** The attack on the old chain: change a row, then recompute every hash from it on with the public, unkeyed function. */
async function recomputeUnkeyed(db: Kysely<Schema>, rows: AuditRow[], change: (r: AuditRow) => AuditRow) {
  let prev: Uint8Array = GENESIS;
  await withoutGuards(db, async () => {
    for (const original of rows) {
      const r = change(original);
      const hash = chainHash(prev, r);
      await sql`update audit_log set details = ${JSON.stringify(r.details)}::jsonb, prev_hash = ${prev}, hash = ${hash}, mac = 0 where id = ${r.id}`.execute(
        db,
      );
      prev = hash;
    }
  });
}

describe(`the keyed chain and its anchors on ${engine}`, () => {
  const anchorsNow = async () => {
    await t.auditAnchors.flush();
    return (await readAnchors(t.config.auditAnchorFile))!;
  };

  it('writes anchors outside the database: at start and whenever the head moved, never twice for one head', async () => {
    const before = await anchorsNow();
    // The first, written at start before any write, is the empty chain.
    expect(before[0]).toEqual({ id: 0, hash: '0'.repeat(64) });
    const { head } = await verify(t.database.db);
    expect(before.at(-1)).toEqual(head);
    expect((await t.call('PATCH', `/api/units/${tree.units.bahjoi}`, { cookie: district, body: { nameEn: 'Bahjoi (anchored)' } })).status).toBe(200);
    const after = await anchorsNow();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toEqual((await verify(t.database.db)).head);
    expect(await anchorsNow()).toEqual(after);
  });

  it('passes the untouched log with its anchors, and every row is keyed', async () => {
    const anchors = await anchorsNow();
    expect(await verify(t.database.db, { anchors })).toMatchObject({ ok: true, rows: await auditCount(t.database.db) });
    const macs = await sql<{ mac: number }>`select distinct mac from audit_log`.execute(t.database.db);
    expect(macs.rows).toEqual([{ mac: 1 }]);
  });

  it('refuses a chain recomputed whole with the old unkeyed hash after a change', async () => {
    const db = t.database.db;
    const anchors = await anchorsNow();
    const rows = await allRows(db);
    const victim = rows[Math.floor(rows.length / 2)]!;
    await recomputeUnkeyed(db, rows, (r) => (r.id === victim.id ? { ...r, details: { ...r.details, rewritten: true } } : r));
    try {
      // Every link and every (unkeyed) hash holds; only the key and the anchors tell.
      expect(await verify(db, { anchors })).toMatchObject({ ok: false, brokenAt: { id: rows[0]!.id, reason: 'downgrade' } });
      // With only the newest anchor every row may be an old one, but the anchored row no longer agrees.
      expect(await verify(db, { anchors: anchors.slice(-1) })).toMatchObject({ ok: false, brokenAt: { id: rows.at(-1)!.id, reason: 'anchor' } });
    } finally {
      await restoreLog(db, rows);
    }
    expect(await verify(db, { anchors })).toMatchObject({ ok: true, rows: rows.length });
  });

  it('refuses a log whose newest rows were cut off, by the anchor file', async () => {
    const db = t.database.db;
    const anchors = await anchorsNow();
    const rows = await allRows(db);
    const cut = rows.slice(-2);
    await withoutGuards(db, () => db.deleteFrom('audit_log').where('id', '>=', cut[0]!.id).execute());
    try {
      expect((await verify(db)).ok).toBe(true); // a shorter chain is still a chain
      expect(await verify(db, { anchors })).toMatchObject({ ok: false, rows: rows.length - 2, brokenAt: { id: cut[1]!.id, reason: 'anchor' } });
    } finally {
      await restoreLog(db, rows);
    }
    expect(await verify(db, { anchors })).toMatchObject({ ok: true });
  });

  it('says it cannot verify keyed rows without the key, and fails them under another key', async () => {
    const db = t.database.db;
    const first = await db.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    expect(await verifyAudit(db)).toEqual({ ok: false, rows: 0, brokenAt: { id: first.id, reason: 'no_key' } });
    const other = auditKeyOf(Buffer.alloc(32, 8).toString('base64'));
    expect(await verifyAudit(db, { key: other })).toMatchObject({ ok: false, brokenAt: { id: first.id, reason: 'hash' } });
  });
});

describe('the audit chain’s hashing', () => {
  const row: AuditContent = {
    at: new Date('2025-11-21T10:15:30.123Z'),
    actor_id: 7,
    action: 'unit.update',
    outcome: 'ok',
    target_type: 'unit',
    target_id: '42',
    ip: '203.0.113.5',
    details: { nameEn: 'Bahjoi', nested: { b: 2, a: [3, { y: 1, x: 'हिंदी' }] }, none: null },
  };

  it('writes the same canonical JSON whatever the key order, at every depth', () => {
    const a = { z: 1, a: { d: [1, { q: true, p: null }], c: 'x' }, m: 'मंडल' };
    const b = { m: 'मंडल', a: { c: 'x', d: [1, { p: null, q: true }] }, z: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"p":null,"q":true}]},"m":"मंडल","z":1}');
    // What jsonb gives back (keys reordered by length) hashes as what was written.
    expect(canonicalJson(JSON.parse('{"level":"mandal","parentId":5}'))).toBe(canonicalJson({ parentId: 5, level: 'mandal' }));
  });

  it('keeps array order, drops undefined members as JSON does, and writes dates as ISO text', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05.006Z') })).toBe('{"at":"2025-01-02T03:04:05.006Z"}');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
  });

  it('hashes the same content the same way, and any change differently', () => {
    const reordered: AuditContent = { ...row, details: { none: null, nested: { a: [3, { x: 'हिंदी', y: 1 }], b: 2 }, nameEn: 'Bahjoi' } };
    const h = Buffer.from(chainHash(GENESIS, row));
    expect(h).toHaveLength(32);
    expect(Buffer.from(chainHash(GENESIS, reordered)).equals(h)).toBe(true);
    const changes: Partial<AuditContent>[] = [
      { at: new Date(row.at.getTime() + 1) },
      { actor_id: 8 },
      { actor_id: null },
      { action: 'unit.create' },
      { outcome: 'denied' },
      { target_type: null },
      { target_id: '43' },
      { ip: null },
      { details: { ...row.details, nameEn: 'Bahjoi ' } },
    ];
    for (const change of changes) expect(Buffer.from(chainHash(GENESIS, { ...row, ...change })).equals(h), JSON.stringify(change)).toBe(false);
    expect(Buffer.from(chainHash(new Uint8Array(32).fill(1), row)).equals(h)).toBe(false);
  });

  it('does not let one field’s text slide into the next', () => {
    const a = chainHash(GENESIS, { ...row, target_type: 'unit', target_id: '42' });
    const b = chainHash(GENESIS, { ...row, target_type: 'unit4', target_id: '2' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The CLI, as a separate process, on a database of its own: PGlite in a temporary folder, or, when the suite runs
// on PostgreSQL, a fresh PostgreSQL database.
// ---------------------------------------------------------------------------------------------------------------

async function cliTarget(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  const dir = await mkdtemp(join(tmpdir(), 'setu-audit-cli-'));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  if (!admin) return { env: { DATA_DIR: dir }, cleanup: removeDir };
  const fresh = await freshPostgresDatabase(admin, 'setu_cli');
  return {
    env: { DATABASE_URL: fresh.url, DATA_DIR: '/nonexistent', AUDIT_ANCHOR_FILE: join(dir, 'audit-anchors.jsonl') },
    cleanup: () => fresh.drop().then(removeDir),
  };
}

describe(`setu audit verify (the CLI) on ${engine}`, () => {
  it('exits 0 and says "intact" for a whole log, 1 and "BROKEN" naming the row after tampering', async () => {
    const target = await cliTarget();
    try {
      // Write some history through the app, then close it: PGlite on disk is one process at a time.
      const codes = new Map<string, string>();
      const sender: OtpSender = { name: 'test', send: async (phone, code) => void codes.set(phone, code), notify: async () => {} };
      const config = loadConfig({ NODE_ENV: 'test', SETU_SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent', AUDIT_ANCHOR_SECONDS: '86400', ...target.env });
      // Two rows as the version before the keyed chain wrote them (sha256, mac 0): they keep verifying.
      const old = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: 1 });
      try {
        await migrate(old);
        let prev: Uint8Array = GENESIS;
        for (const action of ['unit.create', 'unit.update']) {
          const content: AuditContent = { at: new Date(), actor_id: 1, action, outcome: 'ok', target_type: 'unit', target_id: '1', ip: null, details: {} };
          const hash = chainHash(prev, content);
          await old.db
            .insertInto('audit_log')
            .values({ ...content, details: '{}', prev_hash: prev, hash, mac: 0 })
            .execute();
          prev = hash;
        }
      } finally {
        await old.close();
      }
      const setu = await createSetu(config, { sender });
      let rows: number;
      let middle: number;
      try {
        const sample = await buildSampleTree(setu.database.db);
        const post = (path: string, body: unknown, cookie?: string) =>
          setu.app.request(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
            body: JSON.stringify(body),
          });
        const started = (await (await post('/api/auth/otp', { phone: '9000000002' })).json()) as { attemptId: string };
        await new Promise((r) => setImmediate(r));
        const verified = await post('/api/auth/verify', { phone: '9000000002', code: codes.get('+919000000002'), attemptId: started.attemptId });
        expect(verified.status).toBe(200);
        const cookie = verified.headers
          .getSetCookie()
          .find((c) => c.startsWith('setu_session='))!
          .split(';')[0]!;
        expect(
          (await post('/api/units', { parentId: sample.units.chandausi, level: 'mandal', nameEn: 'CLI Mandal', nameHi: 'सीएलआई मंडल' }, cookie)).status,
        ).toBe(201);
        expect((await setu.app.request(`/api/units/${sample.units.meerut}`, { headers: { cookie } })).status).toBe(404);
        expect((await post('/api/auth/verify', { phone: '9000000002', code: '000000', attemptId: started.attemptId })).status).toBe(400);
        rows = await auditCount(setu.database.db);
        expect(rows).toBe(6);
        middle = (await setu.database.db.selectFrom('audit_log').select('id').orderBy('id').offset(1).limit(1).executeTakeFirstOrThrow()).id;
      } finally {
        await setu.close();
      }

      const intact = await runCli(['audit', 'verify'], target.env);
      expect(intact.stderr).toBe('');
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('intact');
      expect(intact.stdout).toContain(`${rows} rows verified, agreeing with 2 anchors`);

      // Without the key the keyed rows are not passed: they cannot be verified.
      const keyless = await runCli(['audit', 'verify'], { ...target.env, SETU_SECRET_KEY: '' });
      expect(keyless.code).toBe(1);
      expect(keyless.stderr).toContain('NOT VERIFIED: row 3 is keyed');
      expect(keyless.stdout).not.toContain('intact');

      // The newest row cut off: the anchor written at shutdown is no longer reached.
      const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: 1 });
      try {
        await withoutGuards(database.db, () => database.db.deleteFrom('audit_log').where('id', '=', rows).execute());
      } finally {
        await database.close();
      }
      const cut = await runCli(['audit', 'verify'], target.env);
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain(`BROKEN: the anchor row ${rows} is missing or changed`);

      // Tamper with the second row behind the triggers' back.
      const again = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: 1 });
      try {
        await withoutGuards(again.db, () => sql`update audit_log set details = '{"why":"nothing happened"}'::jsonb where id = ${middle}`.execute(again.db));
      } finally {
        await again.close();
      }

      const broken = await runCli(['audit', 'verify'], target.env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('BROKEN');
      expect(broken.stderr).toContain(`row ${middle}: hash`);
      expect(broken.stdout).not.toContain('intact');
    } finally {
      await target.cleanup();
    }
  }, 240_000); // five CLI processes, each opening the database
});
