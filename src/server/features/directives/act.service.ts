import { sql, type Transaction } from 'kysely';
import type { DoneBody, MyUnit } from '../../../contracts/directives.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
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
async function myUnit(deps: DirectivesDeps, directiveId: number, unitId: number): Promise<MyUnit> {
  const [row, reports] = await Promise.all([
    deps.db
      .selectFrom('directive_units as du')
      .innerJoin('units as u', 'u.id', 'du.unit_id')
      .leftJoin('people as p', 'p.id', 'du.acked_by')
      .select(['u.id', 'u.level', 'u.name_en', 'u.name_hi', 'du.acked_at', 'du.acked_by', 'p.name', 'du.done_at'])
      .where('du.directive_id', '=', directiveId)
      .where('du.unit_id', '=', unitId)
      .executeTakeFirstOrThrow(),
    reportsOf(deps.db, directiveId, [unitId]),
  ]);
  return {
    unit: { id: row.id, level: row.level, nameEn: row.name_en, nameHi: row.name_hi },
    ackedAt: row.acked_at?.toISOString() ?? null,
    ackedBy: row.acked_by === null ? null : { id: row.acked_by, name: row.name ?? '' },
    doneAt: row.done_at?.toISOString() ?? null,
    report: reports[0] ? presentReport(reports[0]) : null,
  };
}

/**
 * Acknowledges for a unit: anyone holding a position there that the directive speaks to may. Doing it again (an
 * offline phone syncing twice, two holders at once) changes nothing and answers the first acknowledgement. One
 * statement: the holder check, the update (which re-checks "not yet acknowledged" under the row lock, so of two at
 * once only one counts), the queued change for the ancestors, and the answer.
 */
export async function acknowledge(deps: DirectivesDeps, actor: Actor, directiveId: number, unitId: number, at: string | undefined): Promise<MyUnit> {
  const offline = at === undefined ? null : new Date(at);
  const { rows } = await sql<{
    id: number;
    level: string;
    name_en: string;
    name_hi: string;
    acked_at: Date;
    acked_by: number;
    acked_by_name: string | null;
    done_at: Date | null;
  }>`
    with t as (
      select du.directive_id, du.unit_id, du.acked_at, du.acked_by, du.done_at, d.created_at
      from directives d join directive_units du on du.directive_id = d.id and du.unit_id = ${unitId} and du.target
      where d.id = ${directiveId} and d.cancelled_at is null
        and exists (select 1 from positions p where p.person_id = ${actor.personId} and p.unit_id = ${unitId} and p.ended_at is null and ${holderMatches})
    ),
    upd as (
      update directive_units du
      set acked_at = case when ${offline}::timestamptz is null or ${offline}::timestamptz > now() or ${offline}::timestamptz < t.created_at then now() else ${offline}::timestamptz end,
          acked_by = ${actor.personId}, acked = du.acked + 1
      from t where du.directive_id = t.directive_id and du.unit_id = t.unit_id and du.acked_at is null
      returning du.acked_at, du.acked_by
    ),
    queued as (insert into directive_progress (directive_id, unit_id, acked, done) select ${directiveId}, ${unitId}, 1, 0 from upd)
    select u.id, u.level, u.name_en, u.name_hi, coalesce(upd.acked_at, t.acked_at) as acked_at, coalesce(upd.acked_by, t.acked_by) as acked_by,
      p.name as acked_by_name, t.done_at
    from t join units u on u.id = t.unit_id
    left join upd on true
    left join people p on p.id = coalesce(upd.acked_by, t.acked_by)`.execute(deps.db);
  const row = rows[0];
  if (!row) throw notFound('directive');
  const report = row.done_at ? (await reportsOf(deps.db, directiveId, [unitId]))[0] : undefined;
  return {
    unit: { id: row.id, level: row.level, nameEn: row.name_en, nameHi: row.name_hi },
    ackedAt: row.acked_at.toISOString(),
    ackedBy: { id: row.acked_by, name: row.acked_by_name ?? '' },
    doneAt: row.done_at?.toISOString() ?? null,
    report: report ? presentReport(report) : null,
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
  });
  return myUnit(deps, directiveId, unitId);
}
