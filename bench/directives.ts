import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../src/server/platform/db/index.ts';
import { applyOrgConfig, buildDemoTree, defaultOrgConfig, PositionTurf } from '../src/server/features/org/index.ts';
import { createPiiCipher } from '../src/server/platform/crypto.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { folderStorage } from '../src/server/platform/storage/folder.ts';
import { foldProgress, ProgressEvents } from '../src/server/features/directives/index.ts';
import { issueDirective } from '../src/server/features/directives/issue.service.ts';
import { findLaggards } from '../src/server/features/directives/laggards.repo.ts';
import { acknowledgeMany } from '../src/server/features/directives/act.service.ts';
import { cannon, startCannedServer, startServer } from './http-server.ts';
import { onNationPostgres } from './nation-database.ts';
import { emit, percentile, pidCpuMs, processCpuMs, timeRuns } from './report.ts';

/**
 * Directives at nation scale (≈ 10.5 lakh booths):
 * - fan-out: one national directive to every booth, through the service (directive, a row per booth and per unit
 *   above, outbox row, audit), against a bare INSERT … SELECT of the same booth rows into a table of the same shape
 *   in the same run, alternating, twice;
 * - acknowledgements through the HTTP API of a real server process (`setu serve`) with autocannon, 50 connections
 *   for 20 s, each request a different booth's worker acknowledging for their booth; against GET /api/health on the
 *   same server for 10 s;
 * - coverage of the directive for the nation and for a district while the acknowledgements stream in, over HTTP
 *   (the dashboard's view, queueing behind the load included) and, on PostgreSQL, read directly (the rollup itself).
 * - the same acknowledgement requests answered by a bare Node server (no framework, no database) with a real reply:
 *   the least such a request costs a server and the load generator here;
 * - on PostgreSQL, the acknowledgement's database work alone (the one statement that checks the session and acknowledges, batched as
 *   the server batches them, no HTTP): the most the HTTP figure could reach on this machine's database.
 * PGlite builds the nation in the embedded engine (many minutes); `BENCH_PGLITE=0` skips it. BENCH_SERVER_PROFILE=dir
 * writes a CPU profile of the server process there.
 */
export async function run() {
  if (process.env.BENCH_PGLITE !== '0') {
    const dir = mkdtempSync(join(tmpdir(), 'setu-bench-directives-'));
    try {
      await measure({ kind: 'pglite', open: () => openDatabase({ dataDir: dir }), env: { DATA_DIR: dir } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (process.env.DATABASE_URL) {
    await onNationPostgres(
      process.env.DATABASE_URL,
      { prefix: 'setu_bench_directives', template: TEMPLATE },
      async (t) => void (await buildDemoTree(t.db, 'nation')),
      (u, prebuilt) => measure({ kind: 'postgres', open: () => openDatabase({ url: u, dataDir: 'unused', poolSize: 4 }), env: { DATABASE_URL: u }, prebuilt }),
    );
  }
}

interface Target {
  kind: 'pglite' | 'postgres';
  open(): Promise<Database>;
  /** How the server process finds the same database. */
  env: Record<string, string>;
  /** The nation is already there (a copy of the kept template). */
  prebuilt?: boolean;
}

const TEMPLATE = 'setu_bench_directives_tree';

const WORKERS = 300_000;

async function measure(target: Target) {
  const fig = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
    emit({ bench: 'directives', metric, value, unit, db: target.kind, ...extra });
  const database = await target.open();
  await migrate(database);
  await applyOrgConfig(database.db, defaultOrgConfig);
  if (!target.prebuilt) {
    const built = await buildDemoTree(database.db, 'nation');
    fig('nation_load_seconds', built.seconds, 's', { units: built.units, booths: built.booths });
  }
  const { db } = database;
  const national = await db.selectFrom('units').select(['id', 'path']).where('level', '=', 'national').executeTakeFirstOrThrow();
  const district = await db.selectFrom('units').select(['id', 'path']).where('level', '=', 'district').orderBy('id').limit(1).executeTakeFirstOrThrow();

  // The national convener, and one worker at each of WORKERS booths with a session (token bench-<n>).
  await sql`insert into people (name) values ('Bench National Convener')`.execute(db);
  const convener = (await sql<{ id: number }>`select max(id) as id from people`.execute(db)).rows[0]!.id;
  await sql`insert into positions (person_id, unit_id, role, department) values (${convener}, ${national.id}, 'convener', 'it')`.execute(db);
  await sql`
    with b as (select id, row_number() over (order by id) as n from units where level = 'booth' order by id limit ${WORKERS}),
    p as (insert into people (name, home_unit_id) select 'Bench Worker ' || b.n, b.id from b returning id, home_unit_id)
    insert into positions (person_id, unit_id, role) select p.id, p.home_unit_id, 'member' from p`.execute(db);
  await sql`
    insert into sessions (id, token_hash, person_id, last_seen_at, expires_at)
    select gen_random_uuid(), sha256(convert_to('bench-' || p.unit_id, 'UTF8')), p.person_id, now(), now() + interval '1 day'
    from positions p join units u on u.id = p.unit_id where u.level = 'booth'
    union all
    select gen_random_uuid(), sha256(convert_to('bench-convener', 'UTF8')), ${convener}, now(), now() + interval '1 day'`.execute(db);
  const booths = (
    await sql<{ unit_id: number }>`select p.unit_id from positions p join units u on u.id = p.unit_id where u.level = 'booth' order by p.unit_id`.execute(db)
  ).rows.map((r) => r.unit_id);
  await sql`analyze`.execute(db);

  // Fan-out against the bare insert of the same rows, alternating so both see the same machine.
  await sql`create table fanout_baseline (like directive_units including defaults including constraints including indexes) with (fillfactor = 90)`.execute(db);
  const turf = new PositionTurf([
    { positionId: 0, unitId: national.id, path: national.path, role: 'convener', rank: 1, department: 'it', permissions: ['directives.issue'] },
  ]);
  const actor = { personId: convener, sessionId: 'bench', turf };
  let directiveId = 0;
  let trivialRps: number;
  // What a trivial request costs the server, and what an acknowledgement costs the load generator (µs).
  let trivialServerUs: number;
  let ackLoadUs: number;
  // The same for the acknowledgement's request answered by a bare server (µs): the least such a request costs.
  let cannedLoadUs: number;
  let cannedServerUs: number;
  const ratios: number[] = [];
  for (let round = 1; round <= 3; round++) {
    await sql`truncate fanout_baseline`.execute(db);
    let t0 = performance.now();
    const bare = await sql`
      insert into fanout_baseline (directive_id, unit_id, target, targets)
      select ${round}::int, u.id, true, 1 from units u where u.path <@ ${national.path}::ltree and u.level = 'booth' and u.archived_at is null`.execute(db);
    const bareMs = performance.now() - t0;
    t0 = performance.now();
    const { directive: issued } = await issueDirective(
      {
        db,
        cipher: createPiiCipher(Buffer.alloc(32, 9).toString('base64')),
        log: createLogger('silent'),
        storage: folderStorage(tmpdir()),
        events: ProgressEvents.local(),
      },
      actor,
      {
        clientKey: `bench-national-${round}`,
        unitId: national.id,
        titleHi: 'राष्ट्रीय निर्देश',
        ask: 'ack',
        links: [],
        fileIds: [],
        priority: 'normal',
        audience: { levels: ['booth'] },
      },
      null,
    );
    const fanMs = performance.now() - t0;
    directiveId = issued.id;
    ratios.push(fanMs / bareMs);
    fig('fanout_ms', fanMs, 'ms', { round, targets: issued.targets, rowsWritten: await rowsOf(database, issued.id) });
    fig('fanout_bare_insert_ms', bareMs, 'ms', { round, rows: Number(bare.numAffectedRows ?? 0) });
    fig('fanout_ratio_to_bare_insert', fanMs / bareMs, 'x', { round, target: 1.5 });
  }
  // Single runs on a small machine swing by a quarter either way; the median of three pairs is the figure to read.
  fig('fanout_ratio_to_bare_insert_median', percentile(ratios, 50), 'x', { rounds: ratios.length, target: 1.5 });
  await sql`drop table fanout_baseline`.execute(db);
  await sql`analyze directive_units`.execute(db);

  // A real server process on the same database (PGlite: the bench lets go of it first).
  if (target.kind === 'pglite') await database.close();
  const server = await startServer(target.env);
  try {
    const cpu0 = process.cpuUsage();
    const serverCpu0 = pidCpuMs(server.pid);
    const health = await cannon({ url: `${server.url}/api/health`, connections: 50, duration: 10 });
    const cpu = process.cpuUsage(cpu0);
    trivialRps = health.requests.average;
    // What one trivial request costs the machine: the server's CPU and the load generator's (this process).
    trivialServerUs = ((pidCpuMs(server.pid) - serverCpu0) * 1000) / health.requests.total;
    fig('http_trivial_cpu_per_request', trivialServerUs, 'µs', { process: 'server' });
    fig('http_trivial_cpu_per_request', (cpu.user + cpu.system) / health.requests.total, 'µs', { process: 'load generator' });
    fig('http_trivial_rps', health.requests.average, 'req/s', { p99: health.latency.p99, connections: 50, seconds: 10 });

    const sampler = sampleCoverage(server.url, directiveId, district.id);
    const ackCpu0 = { bench: process.cpuUsage(), server: pidCpuMs(server.pid), db: processCpuMs('postgres') };
    const xact0 = target.kind === 'postgres' ? await transactions(db) : 0;
    const acks = await cannon({ url: server.url, connections: 50, duration: 20, requests: acknowledgements(directiveId, booths) });
    const ackCpu = { bench: process.cpuUsage(ackCpu0.bench), server: pidCpuMs(server.pid) - ackCpu0.server, db: processCpuMs('postgres') - ackCpu0.db };
    const xacts = target.kind === 'postgres' ? (await transactions(db)) - xact0 : 0;
    const coverage = await sampler.stop();
    const ok = acks['2xx'];
    // Statements the server ran per acknowledgement (each its own transaction): how well requests went together.
    if (target.kind === 'postgres') fig('ack_db_transactions_per_ack', xacts / ok, 'x', { transactions: xacts });
    // Where an acknowledgement's CPU went during the run (the coverage sampler's few requests included): the server,
    // the load generator (this process) and, on PostgreSQL, the database.
    fig('ack_cpu_per_ack', (ackCpu.server * 1000) / ok, 'µs', { process: 'server' });
    // The ratio a server with cores of its own would reach (database and load generator elsewhere): its CPU for a
    // trivial request against its CPU for an acknowledgement.
    fig('ack_ratio_server_cpu', trivialServerUs / ((ackCpu.server * 1000) / ok), 'x', { target: 0.5 });
    ackLoadUs = (ackCpu.bench.user + ackCpu.bench.system) / ok;
    fig('ack_cpu_per_ack', ackLoadUs, 'µs', { process: 'load generator' });
    if (target.kind === 'postgres') fig('ack_cpu_per_ack', (ackCpu.db * 1000) / ok, 'µs', { process: 'postgres' });
    fig('ack_http_rps', ok / 20, 'acks/s', {
      p50: acks.latency.p50,
      p99: acks.latency.p99,
      non2xx: acks.non2xx,
      errors: acks.errors,
      connections: 50,
      seconds: 20,
    });
    fig('ack_http_p99', acks.latency.p99, 'ms');
    fig('ack_ratio_to_trivial_route', ok / 20 / health.requests.average, 'x', { target: 0.5 });
    for (const [scope, times] of Object.entries(coverage)) {
      fig(`coverage_http_${scope}_p50`, percentile(times, 50), 'ms', { samples: times.length, underLoad: true });
      fig(`coverage_http_${scope}_p99`, percentile(times, 99), 'ms', { samples: times.length, underLoad: true, target: 50 });
    }
    // After the load: every acknowledgement has reached the national counters within the rollup's interval.
    await new Promise((r) => setTimeout(r, 1500));
    const after = await (await fetch(`${server.url}/api/directives/${directiveId}/coverage`, { headers: { cookie: 'setu_session=bench-convener' } })).json();
    fig('acks_counted_nationally', (after as { totals: { acked: number } }).totals.acked, 'acks', { acceptedByHttp: ok });
    // The same requests answered by a bare Node server with a real acknowledgement's reply, no framework and no
    // database: the least a request of this shape costs the load generator and a server, at full speed.
    const answered = await fetch(`${server.url}/api/directives/${directiveId}/units/${booths[0]!}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `setu_session=bench-${booths[0]!}` },
      body: '{}',
    });
    const reply = await answered.text();
    if (!answered.ok) throw new Error(`the acknowledgement to copy answered ${answered.status}: ${reply}`);
    const bare = await startCannedServer(reply);
    try {
      const cpu0 = { bench: process.cpuUsage(), server: pidCpuMs(bare.pid) };
      const canned = await cannon({ url: bare.url, connections: 50, duration: 10, requests: acknowledgements(directiveId, booths) });
      const cpu = process.cpuUsage(cpu0.bench);
      cannedLoadUs = (cpu.user + cpu.system) / canned.requests.total;
      cannedServerUs = ((pidCpuMs(bare.pid) - cpu0.server) * 1000) / canned.requests.total;
      fig('ack_shaped_canned_rps', canned.requests.average, 'req/s', { p99: canned.latency.p99, replyBytes: reply.length, connections: 50, seconds: 10 });
      fig('ack_shaped_canned_ratio_to_trivial_route', canned.requests.average / trivialRps, 'x');
      fig('ack_shaped_canned_cpu_per_request', cannedServerUs, 'µs', { process: 'bare server' });
      fig('ack_shaped_canned_cpu_per_request', cannedLoadUs, 'µs', { process: 'load generator' });
    } finally {
      await bare.stop();
    }
  } finally {
    await server.stop();
  }

  if (target.kind === 'postgres') {
    // The rollup read itself, straight from the database, while acknowledgements are written beside it.
    const direct = await directCoverageUnderWrites(database, directiveId, national.id, district.id, booths);
    for (const [scope, times] of Object.entries(direct)) {
      fig(`coverage_db_${scope}_p50`, percentile(times, 50), 'ms', { samples: times.length, underLoad: true });
      fig(`coverage_db_${scope}_p99`, percentile(times, 99), 'ms', { samples: times.length, underLoad: true, target: 50 });
    }
    // The database's part of an acknowledgement, alone, on booths the HTTP run did not reach.
    const alone = await acknowledgementsWithoutHttp(db, directiveId, booths.slice(-150_000));
    fig('ack_db_only_rps', alone.rps, 'acks/s', { batch: alone.batch, connections: 2, seconds: alone.seconds, acked: alone.acked });
    fig('ack_db_only_ratio_to_trivial_route', alone.rps / trivialRps, 'x', { batch: alone.batch });
    fig('ack_db_only_cpu_per_ack', alone.nodeCpuUs, 'µs', { process: 'server (the driver, no HTTP)', batch: alone.batch });
    fig('ack_db_only_cpu_per_ack', alone.dbCpuUs, 'µs', { process: 'postgres', batch: alone.batch });
    // The machine's CPU bound, all on these cores: an acknowledgement costs at least the server's HTTP for a trivial
    // request, the load generator's work for an acknowledgement, and the database work at the best batching fifty
    // connections allow (the server's driver and PostgreSQL, measured alone above); the cores give no more than that
    // many a second. A ratio above this needs more cores or the load generator elsewhere, not other code.
    const cores = availableParallelism();
    const parts = { serverHttp: trivialServerUs, loadGenerator: ackLoadUs, serverDriver: alone.nodeCpuUs, postgres: alone.dbCpuUs };
    const perAck = Object.values(parts).reduce((a, b) => a + b, 0);
    const ackCeiling = (cores * 1e6) / perAck;
    fig('ack_ratio_cpu_ceiling', ackCeiling / trivialRps, 'x', {
      cores,
      acksPerSecond: Math.round(ackCeiling),
      cpuPerAckUs: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v)])),
      target: 0.5,
    });
    // The most any server could do here, not Setu's own HTTP: the same sum with the bare server's CPU for the
    // acknowledgement's request and the load generator's cost for it at full speed (it spends more per request when
    // answers come slower). If even this is under the target, no code on this side of the socket reaches it here.
    const floor = { bareServerHttp: cannedServerUs, loadGeneratorAtFullSpeed: cannedLoadUs, serverDriver: alone.nodeCpuUs, postgres: alone.dbCpuUs };
    const floorPerAck = Object.values(floor).reduce((a, b) => a + b, 0);
    fig('ack_ratio_cpu_bound_any_server', (cores * 1e6) / floorPerAck / trivialRps, 'x', {
      cores,
      acksPerSecond: Math.round((cores * 1e6) / floorPerAck),
      cpuPerAckUs: Object.fromEntries(Object.entries(floor).map(([k, v]) => [k, Math.round(v)])),
      target: 0.5,
    });
    // The first 100 units behind, as the progress page asks for them, for the nation and for a district, once the
    // acknowledgements above are in the counters (as the server's rollup has them within a second; the walk trusts
    // the counters, and a hundred thousand unfolded acks would send it down every subtree they came from).
    for (let folding = true; folding;) folding = (await foldProgress(db)).length > 0;
    for (const [scope, unit] of [
      ['national', national.id],
      ['district', district.id],
    ] as const) {
      const runs = await timeRuns(20, () => findLaggards(db, directiveId, 'ack', unit, 100));
      fig(`laggards_${scope}_p50`, percentile(runs, 50), 'ms', { limit: 100 });
    }
    await database.close();
  }
}

/**
 * What the server does in the database for acknowledgements arriving together, with nothing else: the statement that
 * checks each request's session and acknowledges, in batches of 50 (the most fifty connections can put together), two
 * connections, 10 s.
 */
async function acknowledgementsWithoutHttp(db: Database['db'], directiveId: number, booths: number[]) {
  const batch = 50;
  const seconds = 10;
  let next = 0;
  let acked = 0;
  const end = performance.now() + seconds * 1000;
  const connection = async () => {
    while (performance.now() < end && next < booths.length) {
      const units = booths.slice(next, (next += batch));
      const answers = await acknowledgeMany(
        db,
        units.map((b) => ({ token: `bench-${b}`, directiveId, unitId: b, at: undefined })),
      );
      acked += answers.filter((a) => a.unit).length;
    }
  };
  const t0 = performance.now();
  const cpu0 = processCpuMs('postgres');
  const node0 = process.cpuUsage();
  await Promise.all([connection(), connection()]);
  const took = (performance.now() - t0) / 1000;
  const node = process.cpuUsage(node0);
  const dbCpuUs = ((processCpuMs('postgres') - cpu0) * 1000) / acked;
  return { rps: acked / took, batch, seconds: took, acked, dbCpuUs, nodeCpuUs: (node.user + node.system) / acked };
}

/** Transactions committed in this database so far (the statistics collector's count, PostgreSQL only). */
async function transactions(db: Database['db']) {
  await sql`select pg_stat_clear_snapshot()`.execute(db);
  return Number((await sql<{ n: string }>`select xact_commit as n from pg_stat_database where datname = current_database()`.execute(db)).rows[0]!.n);
}

async function rowsOf(database: Database, id: number) {
  return (await sql<{ n: number }>`select count(*)::int as n from directive_units where directive_id = ${id}`.execute(database.db)).rows[0]!.n;
}

/** Reads the national and a district's coverage one after the other, as an open dashboard would, until stopped. */
function sampleCoverage(url: string, directiveId: number, districtId: number) {
  const times: Record<'national' | 'district', number[]> = { national: [], district: [] };
  let stopped = false;
  const loop = (async () => {
    await new Promise((r) => setTimeout(r, 1000));
    while (!stopped) {
      for (const [scope, query] of [
        ['national', ''],
        ['district', `?unitId=${districtId}`],
      ] as const) {
        const t0 = performance.now();
        const res = await fetch(`${url}/api/directives/${directiveId}/coverage${query}`, { headers: { cookie: 'setu_session=bench-convener' } });
        await res.arrayBuffer();
        if (res.ok) times[scope].push(performance.now() - t0);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return times;
    },
  };
}

/** PostgreSQL only: coverage read in-process while another connection acknowledges booths and folds them in. */
async function directCoverageUnderWrites(database: Database, directiveId: number, nationalId: number, districtId: number, booths: number[]) {
  const { db } = database;
  const times: Record<'national' | 'district', number[]> = { national: [], district: [] };
  let stopped = false;
  let i = booths.length - 1;
  const writer = (async () => {
    while (!stopped && i > 0) {
      const batch = booths.slice(Math.max(0, i - 200), i);
      i -= 200;
      await db.transaction().execute(async (trx) => {
        await sql`update directive_units set acked_at = now(), acked = acked + 1 where directive_id = ${directiveId} and unit_id = any(${batch}::int[]) and acked_at is null`.execute(
          trx,
        );
        await sql`insert into directive_progress (directive_id, unit_id, acked, done) select ${directiveId}, b, 1, 0 from unnest(${batch}::int[]) b`.execute(
          trx,
        );
      });
      await foldProgress(db);
    }
  })();
  const coverageOf = async (unitId: number) =>
    sql`select u.id, du.targets, du.acked, du.done from units u join directive_units du on du.directive_id = ${directiveId} and du.unit_id = u.id where u.parent_id = ${unitId}`.execute(
      db,
    );
  for (let n = 0; n < 500; n++) {
    for (const [scope, unit] of [
      ['national', nationalId],
      ['district', districtId],
    ] as const) {
      const t0 = performance.now();
      await coverageOf(unit);
      times[scope].push(performance.now() - t0);
    }
  }
  stopped = true;
  await writer;
  return times;
}

/**
 * The acknowledgement requests the HTTP runs send: each a different booth's worker (a session of their own)
 * acknowledging for their booth, in booth order, as many as there are booths, then round again.
 */
function acknowledgements(directiveId: number, booths: number[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      setupRequest: (req: autocannon.Request) => {
        const booth = booths[next++ % booths.length]!;
        return {
          ...req,
          path: `/api/directives/${directiveId}/units/${booth}/ack`,
          headers: { 'content-type': 'application/json', cookie: `setu_session=bench-${booth}` },
          body: '{}',
        };
      },
    },
  ];
}
