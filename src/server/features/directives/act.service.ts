import { sql, type Kysely, type Transaction } from 'kysely';
import type { DoneBody, MyUnit } from '../../../contracts/directives.ts';
import { coalescer, isDeadlock, PREPARE, type Schema } from '../../platform/db/index.ts';
import { unauthenticated, type Actor } from '../../platform/http/context.ts';
import { liveSession, tokenHashHex, type LiveSession, type SessionCaller } from '../auth/index.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { DirectivesDeps } from './deps.ts';
import { holderMatches, reportsOf } from './directives.repo.ts';
import { presentReport } from './read.service.ts';

/**
 * When an acknowledgement was made: the time an offline phone recorded, if it is believable (not in the future, not
 * before the directive), otherwise now.
 */
function actedAt(at: string | undefined, issued: Date): Date {
  const now = new Date();
  if (!at) return now;
  const t = new Date(at);
  return t > now || t < issued ? now : t;
}

/** The target row, locked, if the caller holds a position there that the directive speaks to; otherwise 404. */
async function heldTarget(trx: Transaction<Schema>, actor: Actor, directiveId: number, unitId: number) {
  const { rows } = await sql<{ acked_at: Date | null; done_at: Date | null; ask: string; created_at: Date }>`
    select du.acked_at, du.done_at, d.ask, d.created_at
    from directives d join directive_units du on du.directive_id = d.id and du.unit_id = ${unitId} and du.target
    where d.id = ${directiveId} and d.cancelled_at is null
      and exists (select 1 from positions p where p.person_id = ${actor.personId} and p.unit_id = ${unitId} and p.ended_at is null and ${holderMatches})
    for update of du`.execute(trx);
  if (!rows[0]) throw notFound('directive');
  return rows[0];
}

/** Queues a change for the ancestors' counters (folded in by the rollup within a second). */
const progress = (trx: Transaction<Schema>, directiveId: number, unitId: number, acked: number, done: number) =>
  trx.insertInto('directive_progress').values({ directive_id: directiveId, unit_id: unitId, acked, done }).execute();

/** The unit's state after acting (the caller was just found to hold it). */
async function myUnit(db: Kysely<Schema>, directiveId: number, unitId: number): Promise<MyUnit> {
  const [row, reports] = await Promise.all([
    db
      .selectFrom('directive_units as du')
      .innerJoin('units as u', 'u.id', 'du.unit_id')
      .leftJoin('people as p', 'p.id', 'du.acked_by')
      .select(['u.id', 'u.level', 'u.name_en', 'u.name_hi', 'du.acked_at', 'du.acked_by', 'p.name', 'du.done_at'])
      .where('du.directive_id', '=', directiveId)
      .where('du.unit_id', '=', unitId)
      .executeTakeFirstOrThrow(),
    reportsOf(db, directiveId, [unitId]),
  ]);
  return {
    unit: { id: row.id, level: row.level, nameEn: row.name_en, nameHi: row.name_hi },
    ackedAt: row.acked_at?.toISOString() ?? null,
    ackedBy: row.acked_by === null ? null : { id: row.acked_by, name: row.name ?? '' },
    doneAt: row.done_at?.toISOString() ?? null,
    report: reports[0] ? presentReport(reports[0]) : null,
  };
}

/** One acknowledgement asked for: by which session's token, for which directive and unit, and when an offline phone says it was made. */
export interface AckRequest {
  token: string;
  directiveId: number;
  unitId: number;
  at: string | undefined;
}

/** What one acknowledgement request got: the caller's live session (none: 401) and the unit's state (none: 404). */
export interface AckAnswer {
  session: LiveSession | undefined;
  unit: MyUnit | undefined;
}

/** One row of the acknowledgement statement's answer. */
interface AckRow {
  n: number;
  session: LiveSession | null;
  directive_id: number | null;
  id: number;
  level: string;
  name_en: string;
  name_hi: string;
  acked_at: Date | null;
  acked_by: number;
  acked_by_name: string | null;
  done_at: Date | null;
  /** This statement made the acknowledgement (not an earlier one). */
  applied: boolean;
}

/**
 * One audit row for the acknowledgements a batch applied (none when it applied none: asking again changes nothing):
 * who acknowledged which directive for which unit, and when. One append per batch, not per acknowledgement, since each
 * append waits its turn for the chain.
 */
async function auditAcks(trx: Transaction<Schema>, rows: readonly AckRow[]) {
  const seen = new Set<string>();
  const acks: { directiveId: number; unitId: number; personId: number; at: string }[] = [];
  for (const r of rows) {
    const key = `${r.directive_id}:${r.id}`;
    if (!r.applied || seen.has(key)) continue;
    seen.add(key);
    acks.push({ directiveId: r.directive_id!, unitId: r.id, personId: r.acked_by, at: r.acked_at!.toISOString() });
  }
  if (acks.length === 0) return;
  const one = <T>(values: T[]) => (new Set(values).size === 1 ? values[0]! : undefined);
  const directive = one(acks.map((a) => a.directiveId));
  await recordAudit(trx, {
    actorId: one(acks.map((a) => a.personId)) ?? null,
    action: 'directive.acknowledge',
    ...(directive !== undefined ? { targetType: 'directive', targetId: directive } : {}),
    details: { acks },
  });
}

/**
 * Acknowledges for units, a batch of requests in one statement, the session check included (one round trip where the
 * middleware's lookup would make it two): anyone holding a position at the unit that the directive speaks to may.
 * Doing it again (an offline phone syncing twice, two holders at once, two in one batch) changes nothing and answers
 * the first acknowledgement. The statement finds each request's live session, does the holder check, the update (which
 * re-checks "not yet acknowledged" under the row lock, so of two at once only one counts), the queued change for the
 * ancestors' counters, and the answers; the batch's audit row commits with it.
 */
export async function acknowledgeMany(db: Kysely<Schema>, requests: readonly AckRequest[]): Promise<AckAnswer[]> {
  const rows = await db.transaction().execute(async (trx) => {
    const { rows } = await sql<AckRow>`${sql.raw(PREPARE)}
    with req as (
      select r.*, s.id as session_id, s."personId" as person_id, s."lastSeenAt" as last_seen_at
      from unnest(${requests.map((r) => r.directiveId)}::int[], ${requests.map((r) => r.unitId)}::int[],
        ${requests.map((r) => tokenHashHex(r.token))}::text[], ${requests.map((r) => r.at ?? null)}::timestamptz[])
        with ordinality as r(directive_id, unit_id, token_hash, offline_at, n)
      left join lateral ${liveSession(sql.ref('r.token_hash'))} s on true
    ),
    t as (
      select r.n, r.person_id, r.offline_at, du.directive_id, du.unit_id, du.acked_at, du.acked_by, du.done_at, d.created_at
      from req r
      join directives d on d.id = r.directive_id and d.cancelled_at is null
      join directive_units du on du.directive_id = d.id and du.unit_id = r.unit_id and du.target
      where exists (select 1 from positions p where p.person_id = r.person_id and p.unit_id = r.unit_id and p.ended_at is null and ${holderMatches})
    ),
    first as (select distinct on (directive_id, unit_id) * from t order by directive_id, unit_id, n),
    upd as (
      update directive_units du
      set acked_at = case when f.offline_at is null or f.offline_at > now() or f.offline_at < f.created_at then now() else f.offline_at end,
          acked_by = f.person_id, acked = du.acked + 1
      from first f where du.directive_id = f.directive_id and du.unit_id = f.unit_id and du.acked_at is null
      returning du.directive_id, du.unit_id, du.acked_at, du.acked_by
    ),
    queued as (insert into directive_progress (directive_id, unit_id, acked, done) select directive_id, unit_id, 1, 0 from upd)
    select r.n::int as n,
      case when r.session_id is not null then json_build_object('id', r.session_id, 'personId', r.person_id, 'lastSeenAt', r.last_seen_at) end as session,
      t.directive_id, u.id, u.level, u.name_en, u.name_hi, coalesce(upd.acked_at, t.acked_at) as acked_at,
      coalesce(upd.acked_by, t.acked_by) as acked_by, p.name as acked_by_name, t.done_at, upd.unit_id is not null as applied
    from req r
    left join t on t.n = r.n
    left join units u on u.id = t.unit_id
    left join upd on upd.directive_id = t.directive_id and upd.unit_id = t.unit_id
    left join people p on p.id = coalesce(upd.acked_by, t.acked_by)`.execute(trx);
    await auditAcks(trx, rows);
    return rows;
  });
  const answers: AckAnswer[] = requests.map(() => ({ session: undefined, unit: undefined }));
  for (const row of rows) {
    const session = row.session ? { ...row.session, lastSeenAt: new Date(row.session.lastSeenAt) } : undefined;
    if (row.directive_id === null) {
      answers[row.n - 1] = { session, unit: undefined };
      continue;
    }
    if (row.acked_at === null) {
      // Another statement (another process's batch, a report) acknowledged the unit after this one's snapshot was
      // taken: the update, waiting on its lock, found it done and left it. Its answer is read afresh.
      answers[row.n - 1] = { session, unit: await myUnit(db, row.directive_id, row.id) };
      continue;
    }
    const report = row.done_at ? (await reportsOf(db, row.directive_id, [row.id]))[0] : undefined;
    answers[row.n - 1] = {
      session,
      unit: {
        unit: { id: row.id, level: row.level, nameEn: row.name_en, nameHi: row.name_hi },
        ackedAt: row.acked_at.toISOString(),
        ackedBy: { id: row.acked_by, name: row.acked_by_name ?? '' },
        doneAt: row.done_at?.toISOString() ?? null,
        report: report ? presentReport(report) : null,
      },
    };
  }
  return answers;
}

/**
 * Acknowledging as the route does it: the requests that arrive while a batch is being written go together in the
 * next (one statement for many booths at a busy moment, none kept waiting when it is quiet). The route checks its own
 * session here (the middleware leaves it alone): no live session is 401, as anywhere else; a unit the caller may not
 * acknowledge is 404, audited as a denial like any other, so the caller is known to the request by then.
 */
export function acknowledger(deps: DirectivesDeps) {
  // Two batches (here or in another server process) that lock the same units in another order can deadlock;
  // PostgreSQL then cancels one, which changed nothing and is run again. Any other failure changed nothing either,
  // and may be one request's doing: each is then run alone, so a request's error is its own and not its batch's.
  const batch = coalescer(
    async (requests: AckRequest[]): Promise<(AckAnswer | Error)[]> => {
      try {
        return await acknowledgeMany(deps.db, requests);
      } catch (e) {
        if (isDeadlock(e)) return acknowledgeMany(deps.db, requests);
        if (requests.length === 1) throw e;
        return Promise.all(
          requests.map((r) =>
            acknowledgeMany(deps.db, [r]).then(
              ([answer]) => answer!,
              (error: Error) => error,
            ),
          ),
        );
      }
    },
    { concurrency: 1 },
  );
  return async (caller: SessionCaller, directiveId: number, unitId: number, at: string | undefined): Promise<MyUnit> => {
    if (!caller.token) throw unauthenticated();
    const answer = await batch({ token: caller.token, directiveId, unitId, at });
    if (answer instanceof Error) throw answer;
    const { session, unit } = answer;
    if (!session) throw unauthenticated();
    await caller.found(session);
    if (unit) return unit;
    await caller.refused(session);
    throw notFound('directive');
  };
}

/** Marks a unit's directive done with its report (acknowledging it too if nobody had). Once done, it stays done. */
export async function markDone(deps: DirectivesDeps, actor: Actor, directiveId: number, unitId: number, body: DoneBody): Promise<MyUnit> {
  await deps.db.transaction().execute(async (trx) => {
    const target = await heldTarget(trx, actor, directiveId, unitId);
    if (target.done_at) return;
    if (body.photoFileId !== undefined) {
      const photo = await trx
        .selectFrom('files')
        .select('mime')
        .where('id', '=', body.photoFileId)
        .where('uploaded_by', '=', actor.personId)
        .executeTakeFirst();
      if (!photo) throw notFound('file');
      if (!photo.mime.startsWith('image/'))
        throw new AppError('validation', 'the report photo must be an image', [{ path: 'photoFileId', message: 'an image' }]);
    }
    const when = actedAt(body.at, target.created_at);
    const ack = target.acked_at ? 0 : 1;
    await trx
      .updateTable('directive_units')
      .set({
        done_at: when,
        done_by: actor.personId,
        done: sql`done + 1`,
        ...(ack ? { acked_at: when, acked_by: actor.personId, acked: sql`acked + 1` } : {}),
      })
      .where('directive_id', '=', directiveId)
      .where('unit_id', '=', unitId)
      .execute();
    await trx
      .insertInto('directive_reports')
      .values({
        directive_id: directiveId,
        unit_id: unitId,
        text: body.text ?? null,
        link: body.link ?? null,
        photo_file_id: body.photoFileId ?? null,
        reported_by: actor.personId,
        reported_at: when,
      })
      .execute();
    await progress(trx, directiveId, unitId, ack, 1);
    // The report's text and link are free text: whether they were given, and the photo by id.
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'directive.done',
      targetType: 'directive',
      targetId: directiveId,
      details: { unitId, at: when.toISOString(), acked: ack === 1, text: Boolean(body.text), link: Boolean(body.link), photoFileId: body.photoFileId ?? null },
    });
  });
  return myUnit(deps.db, directiveId, unitId);
}
