import { sql } from 'kysely';
import type { Audience, IssueDirective, Preview } from '../../../contracts/directives.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { unitInTurf } from '../org/index.ts';
import { enqueue } from '../delivery/index.ts';
import { managedDirective } from './access.ts';
import type { DirectivesDeps } from './deps.ts';
import { messageKey } from './topics.ts';
import { fanOut, silencedPaths, silencedUnits, targetUnits } from './fanout.ts';
import { getDirective } from './read.service.ts';

type Unit = Awaited<ReturnType<typeof unitInTurf>>;

/** The unit a directive goes out from: in the caller's turf, and one where they may issue. */
async function issuingUnit(deps: DirectivesDeps, actor: Actor, unitId: number): Promise<Unit> {
  const unit = await unitInTurf(deps.db, actor.turf, unitId);
  if (!actor.turf.can('directives.issue', unit.path)) throw new AppError('forbidden', 'you may not issue directives at this unit');
  return unit;
}

/** Levels must lie below the unit; roles and departments must exist. */
async function checkAudience(deps: DirectivesDeps, unit: Unit, audience: Audience) {
  const levels = await deps.db.selectFrom('levels').select(['code', 'depth']).execute();
  const depth = new Map(levels.map((l) => [l.code, l.depth]));
  for (const code of audience.levels) {
    if (!depth.has(code)) throw new AppError('unknown_level', `no level ${code}`);
    if (depth.get(code)! <= depth.get(unit.level)!) throw new AppError('level_order', `${code} is not below ${unit.level}`);
  }
  const known = async (table: 'roles' | 'departments', codes: readonly string[] | undefined, error: 'unknown_role' | 'unknown_department') => {
    if (!codes) return;
    const rows = await deps.db
      .selectFrom(table)
      .select('code')
      .where('code', 'in', [...codes])
      .execute();
    const missing = codes.filter((c) => !rows.some((r) => r.code === c));
    if (missing.length > 0) throw new AppError(error, `unknown: ${missing.join(', ')}`);
  };
  await known('roles', audience.roles, 'unknown_role');
  await known('departments', audience.departments, 'unknown_department');
}

/** "Position `p` is one the audience speaks to": its roles and departments, when it names them. */
const speaksTo = (audience: Audience) =>
  sql`(${audience.roles ?? null}::text[] is null or p.role = any(${audience.roles ?? null}::text[]))
    and (${audience.departments ?? null}::text[] is null or p.department = any(${audience.departments ?? null}::text[]))`;

/** "Someone at unit `u` holds a position the audience speaks to". */
const holds = (audience: Audience) => sql`exists (select 1 from positions p where p.unit_id = u.id and p.ended_at is null and ${speaksTo(audience)})`;

/** What a send would reach: units, people, the units with nobody to receive it, and what a silence period skips. */
export async function previewAudience(deps: DirectivesDeps, actor: Actor, unitId: number, audience: Audience): Promise<Preview> {
  const unit = await issuingUnit(deps, actor, unitId);
  await checkAudience(deps, unit, audience);
  const silenced = await silencedPaths(deps.db, unit.path);
  const targets = targetUnits(unit.path, audience.levels, silenced);
  const { rows } = await sql<{ units: number; by_level: Array<{ level: string; units: number }>; people: number; empty: number; silenced: number }>`
    select coalesce(sum(t.units), 0)::int as units, coalesce(sum(t.empty), 0)::int as empty,
      coalesce(json_agg(json_build_object('level', t.level, 'units', t.units) order by l.depth) filter (where t.level is not null), '[]') as by_level,
      (select count(distinct p.person_id)::int from ${targets} u join positions p on p.unit_id = u.id and p.ended_at is null
        where ${speaksTo(audience)}) as people,
      (select count(*)::int from ${silencedUnits(unit.path, audience.levels, silenced)} u) as silenced
    -- One pass over the targets counts them per level and those with nobody to receive it.
    from (select u.level, count(*)::int as units, (count(*) filter (where not ${holds(audience)}))::int as empty from ${targets} u group by u.level) t
      left join levels l on l.code = t.level`.execute(deps.db);
  const sample = await sql<{ id: number; level: string; name_en: string; name_hi: string }>`
    select x.id, x.level, x.name_en, x.name_hi from ${targets} u join units x on x.id = u.id where not ${holds(audience)} order by u.path limit 50`.execute(
    deps.db,
  );
  const silences = await sql<{ id: number; unit_id: number; level: string; name_en: string; name_hi: string; ends_at: Date }>`
    select s.id, u.id as unit_id, u.level, u.name_en, u.name_hi, s.ends_at from silence_periods s join units u on u.id = s.unit_id
    where s.cancelled_at is null and s.starts_at <= now() and s.ends_at > now() and u.path <@ any(${silenced}::text[]::ltree[]) order by u.path`.execute(
    deps.db,
  );
  const r = rows[0]!;
  return {
    units: r.units,
    byLevel: r.by_level,
    people: r.people,
    emptyUnits: r.empty,
    emptySample: sample.rows.map((u) => ({ id: u.id, level: u.level, nameEn: u.name_en, nameHi: u.name_hi })),
    silencedUnits: r.silenced,
    silences: silences.rows.map((s) => ({
      id: s.id,
      unit: { id: s.unit_id, level: s.level, nameEn: s.name_en, nameHi: s.name_hi },
      endsAt: s.ends_at.toISOString(),
    })),
  };
}

/** Default reminder: half-way from now to the due time. */
const halfway = (due: Date) => new Date(Date.now() + (due.getTime() - Date.now()) / 2);

/**
 * Issues a directive: the directive, its rows for every target unit and the units above them, and the outbox row that
 * announces it, in one transaction. The same clientKey again returns the first directive and writes nothing.
 */
export async function issueDirective(deps: DirectivesDeps, actor: Actor, body: IssueDirective, ip: string | null) {
  const again = await deps.db
    .selectFrom('directives')
    .select('id')
    .where('issued_by', '=', actor.personId)
    .where('client_key', '=', body.clientKey)
    .executeTakeFirst();
  if (again) return { directive: await getDirective(deps, actor, again.id), created: false };

  const unit = await issuingUnit(deps, actor, body.unitId);
  await checkAudience(deps, unit, body.audience);
  const due = body.dueAt ? new Date(body.dueAt) : null;
  if (due && due.getTime() <= Date.now()) throw new AppError('validation', 'the due time has passed', [{ path: 'dueAt', message: 'in the future' }]);
  if (body.remindAt && Date.parse(body.remindAt) <= Date.now())
    throw new AppError('validation', 'the reminder time has passed', [{ path: 'remindAt', message: 'in the future' }]);
  const files = body.fileIds.length
    ? await deps.db.selectFrom('files').select('id').where('id', 'in', body.fileIds).where('uploaded_by', '=', actor.personId).execute()
    : [];
  if (files.length !== new Set(body.fileIds).size) throw notFound('file');

  const id = await deps.db.transaction().execute(async (trx) => {
    // One statement writes up to a million rows: plan it plainly, and give its sorts and hashes room.
    await sql`set local jit = off`.execute(trx);
    await sql`set local work_mem = '64MB'`.execute(trx);
    const inserted = await trx
      .insertInto('directives')
      .values({
        client_key: body.clientKey,
        unit_id: unit.id,
        issued_by: actor.personId,
        title_hi: body.titleHi ?? null,
        title_en: body.titleEn ?? null,
        body_hi: body.bodyHi ?? null,
        body_en: body.bodyEn ?? null,
        links: body.links,
        priority: body.priority,
        ask: body.ask,
        levels: body.audience.levels,
        roles: body.audience.roles ?? null,
        departments: body.audience.departments ?? null,
        due_at: due,
        remind_at: body.remindAt ? new Date(body.remindAt) : due && halfway(due),
        escalate_at: body.escalateAt ? new Date(body.escalateAt) : due,
      })
      .onConflict((oc) => oc.columns(['issued_by', 'client_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null; // the same key, sent twice at once: the other send won
    const silenced = await silencedPaths(trx, unit.path);
    const targets = await fanOut(trx, inserted.id, unit.id, unit.path, body.audience.levels, silenced);
    const skipped = silenced.length
      ? (await sql<{ n: number }>`select count(*)::int as n from ${silencedUnits(unit.path, body.audience.levels, silenced)} u`.execute(trx)).rows[0]!.n
      : 0;
    await trx.updateTable('directives').set({ targets, silenced: skipped }).where('id', '=', inserted.id).execute();
    if (files.length)
      await trx
        .insertInto('directive_files')
        .values(files.map((f) => ({ directive_id: inserted.id, file_id: f.id })))
        .execute();
    await enqueue(trx, {
      topic: 'directive.issued',
      payload: { directiveId: inserted.id, titleHi: body.titleHi ?? null, titleEn: body.titleEn ?? null },
      dedupeKey: messageKey('directive.issued', inserted.id),
    });
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'directive.issue',
      targetType: 'directive',
      targetId: inserted.id,
      ip,
      details: { unitId: unit.id, ask: body.ask, levels: body.audience.levels, targets, silenced: skipped },
    });
    return inserted.id;
  });
  if (id === null) return issueDirective(deps, actor, body, ip);
  return { directive: await getDirective(deps, actor, id), created: true };
}

/**
 * Withdraws a directive sent by mistake: it leaves every inbox and can no longer be acknowledged; its rows and what was
 * already reported stay, for the record. Its issuer, or whoever may issue at its unit, may do it; once is enough.
 */
export async function cancelDirective(deps: DirectivesDeps, actor: Actor, id: number, ip: string | null) {
  const d = await managedDirective(deps.db, actor, id, 'you may not withdraw this directive');
  if (!d.cancelled_at)
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('directives').set({ cancelled_at: new Date() }).where('id', '=', id).where('cancelled_at', 'is', null).execute();
      await recordAudit(trx, { actorId: actor.personId, action: 'directive.cancel', targetType: 'directive', targetId: id, ip });
    });
  return getDirective(deps, actor, id);
}
