import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../src/server/platform/db/index.ts';
import { applyOrgConfig, buildDemoTree, defaultOrgConfig, PositionTurf } from '../src/server/features/org/index.ts';
import { createPiiCipher } from '../src/server/platform/crypto.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { applyEventKinds, DEFAULT_EVENT_KINDS } from '../src/server/features/events/index.ts';
import { createEvent } from '../src/server/features/events/create.service.ts';
import { createCampaign } from '../src/server/features/campaigns/create.service.ts';
import { campaignProgress } from '../src/server/features/campaigns/progress.service.ts';
import { indianDay, refreshActivity } from '../src/server/features/campaigns/index.ts';
import { onNationPostgres } from './nation-database.ts';
import { emit, percentile, timeRuns } from './report.ts';

/**
 * Events and campaigns at nation scale (≈ 10.5 lakh booths, ≈ 2 lakh shakti kendras):
 * - fan-out: one national virtual meeting held at every shakti kendra, through the service (the parent, a linked
 *   event with its own Jitsi room per shakti kendra, the outbox row), against a bare INSERT … SELECT of the same
 *   rows into a table of the same shape, in the same run, three times alternating;
 * - a national campaign with three activities (a meeting at every shakti kendra, 20 volunteers enrolled at every
 *   booth, a reported figure per district) after a tenth of the meetings were held: the refresher's recount of each
 *   activity, and the progress roll-up read for the national unit and for a district, p50 and p99.
 * BENCH_PGLITE=0 skips the embedded database (building the nation there takes many minutes); on PostgreSQL
 * (DATABASE_URL) BENCH_KEEP_TREE=1 keeps the nation as a template database for later runs.
 */
export async function run() {
  if (process.env.BENCH_PGLITE !== '0') {
    const dir = mkdtempSync(join(tmpdir(), 'setu-bench-events-'));
    try {
      await measure(await openDatabase({ dataDir: dir }), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (process.env.DATABASE_URL) {
    await onNationPostgres(
      process.env.DATABASE_URL,
      { prefix: 'setu_bench_events', template: 'setu_bench_directives_tree' },
      async (t) => void (await buildDemoTree(t.db, 'nation')),
      async (u, prebuilt) => measure(await openDatabase({ url: u, dataDir: 'unused', poolSize: 4 }), prebuilt),
    );
  }
}

async function measure(database: Database, prebuilt: boolean) {
  const fig = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
    emit({ bench: 'events', metric, value, unit, db: database.kind, ...extra });
  const { db } = database;
  await migrate(database);
  await applyOrgConfig(db, defaultOrgConfig);
  await applyEventKinds(db, DEFAULT_EVENT_KINDS);
  if (!prebuilt) {
    const built = await buildDemoTree(db, 'nation');
    fig('nation_load_seconds', built.seconds, 's', { units: built.units, booths: built.booths });
  }
  await sql`analyze`.execute(db);
  const national = await db.selectFrom('units').select(['id', 'path']).where('level', '=', 'national').executeTakeFirstOrThrow();
  const district = await db.selectFrom('units').select('id').where('level', '=', 'district').orderBy('id').limit(1).executeTakeFirstOrThrow();
  await sql`insert into people (name) values ('Bench National Convener')`.execute(db);
  const convener = (await sql<{ id: number }>`select max(id) as id from people`.execute(db)).rows[0]!.id;
  const permissions = ['events.manage', 'campaigns.manage'];
  const actor = {
    personId: convener,
    sessionId: 'bench',
    turf: new PositionTurf([{ positionId: 0, unitId: national.id, path: national.path, role: 'convener', rank: 1, department: 'it', permissions }]),
  };
  const deps = {
    db,
    cipher: createPiiCipher(Buffer.alloc(32, 9).toString('base64')),
    log: createLogger('silent'),
    jitsiBaseUrl: 'https://meet.jit.si',
    publicUrl: undefined,
  };

  // Fan-out against the bare insert of the same rows, alternating so both see the same machine.
  await sql`create table events_baseline (like events including defaults including identity including constraints including indexes)`.execute(db);
  const ratios: number[] = [];
  let meetingId = 0;
  for (let round = 1; round <= 3; round++) {
    await sql`truncate events_baseline`.execute(db);
    let t0 = performance.now();
    const bare = await sql`
      insert into events_baseline (unit_id, kind, title_hi, starts_at, ends_at, levels, created_by)
      select u.id, 'virtual_meeting', 'शक्ति केंद्र बैठक', now(), now() + interval '2 hours', '{shakti_kendra,booth}', ${convener}
      from units u where u.path <@ ${national.path}::ltree and u.level = 'shakti_kendra' and u.archived_at is null`.execute(db);
    const bareMs = performance.now() - t0;
    t0 = performance.now();
    const { id } = await createEvent(deps, actor, {
      clientKey: `bench-meeting-${round}`,
      unitId: national.id,
      kind: 'virtual_meeting',
      titleHi: 'शक्ति केंद्र बैठक',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      holdAt: 'shakti_kendra',
      audience: { levels: ['shakti_kendra', 'booth'] },
      sessions: [],
    });
    const fanMs = performance.now() - t0;
    meetingId = id;
    const children = (await db.selectFrom('events').select('children').where('id', '=', id).executeTakeFirstOrThrow()).children;
    ratios.push(fanMs / bareMs);
    fig('fanout_ms', fanMs, 'ms', { round, linkedEvents: children });
    fig('fanout_bare_insert_ms', bareMs, 'ms', { round, rows: Number(bare.numAffectedRows ?? 0) });
  }
  fig('fanout_ratio_to_bare_insert_median', percentile(ratios, 50), 'x', { rounds: ratios.length });
  await sql`drop table events_baseline`.execute(db);

  // A tenth of the last round's meetings held, with a few present each.
  await sql`
    update events set held_at = now(), attendees = 12
    where parent_id = ${meetingId} and id % 10 = 0`.execute(db);
  const today = indianDay();
  const { id: campaignId } = await createCampaign({ db, log: createLogger('silent') }, actor, {
    clientKey: 'bench-campaign',
    unitId: national.id,
    titleHi: 'संगठन अभियान',
    phases: [
      {
        titleHi: 'बैठकें',
        startsOn: today,
        endsOn: today,
        activities: [
          { titleEn: 'Meetings', measure: 'events_held', eventKind: 'virtual_meeting', targetLevel: 'shakti_kendra', perUnit: 1 },
          { titleEn: 'Volunteers', measure: 'people_enrolled', targetLevel: 'booth', perUnit: 20 },
          { titleEn: 'Visits', measure: 'reported', targetLevel: 'district', perUnit: 10 },
        ],
      },
    ],
  });
  const activities = await db
    .selectFrom('campaign_activities as a')
    .innerJoin('campaign_phases as p', 'p.id', 'a.phase_id')
    .select(['a.id', 'a.target_level'])
    .where('p.campaign_id', '=', campaignId)
    .orderBy('a.position')
    .execute();
  for (const a of activities) {
    const t0 = performance.now();
    await refreshActivity(db, a.id);
    const rows = (await sql<{ n: number }>`select count(*)::int as n from campaign_progress where activity_id = ${a.id}`.execute(db)).rows[0]!.n;
    fig('campaign_recount_ms', performance.now() - t0, 'ms', { targetLevel: a.target_level, progressRows: rows });
  }
  for (const [scope, unitId] of [
    ['national', national.id],
    ['district', district.id],
  ] as const) {
    const runs = await timeRuns(50, () => campaignProgress(db, actor, campaignId, unitId));
    fig(`campaign_progress_${scope}_p50`, percentile(runs, 50), 'ms', { activities: activities.length, samples: runs.length });
    fig(`campaign_progress_${scope}_p99`, percentile(runs, 99), 'ms', { activities: activities.length, samples: runs.length });
  }
  const top = await campaignProgress(db, actor, campaignId, national.id);
  const meetings = top.activities[0]!;
  fig('campaign_national_meetings', meetings.achieved, 'held', { target: meetings.target });
  await database.close();
}
