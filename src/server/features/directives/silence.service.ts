import { sql } from 'kysely';
import type { CreateSilence, Silence, Silences } from '../../../contracts/directives.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { unitInTurf } from '../org/index.ts';
import type { DirectivesDeps } from './deps.ts';

interface Row {
  id: number;
  unit_id: number;
  level: string;
  name_en: string;
  name_hi: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  cancelled_at: Date | null;
}

function present(r: Row, now = Date.now()): Silence {
  return {
    id: r.id,
    unit: { id: r.unit_id, level: r.level, nameEn: r.name_en, nameHi: r.name_hi },
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    reason: r.reason,
    active: r.cancelled_at === null && r.starts_at.getTime() <= now && r.ends_at.getTime() > now,
    cancelled: r.cancelled_at !== null,
  };
}

const select = (deps: DirectivesDeps) =>
  deps.db
    .selectFrom('silence_periods as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.unit_id', 'u.level', 'u.name_en', 'u.name_hi', 's.starts_at', 's.ends_at', 's.reason', 's.cancelled_at', 'u.path']);

/** Declares a silence for a unit (an assembly constituency, typically): nothing fans out to people in it meanwhile. */
export async function declareSilence(deps: DirectivesDeps, actor: Actor, unitId: number, body: CreateSilence, ip: string | null): Promise<Silence> {
  const unit = await unitInTurf(deps.db, actor.turf, unitId);
  if (!actor.turf.can('silence.manage', unit.path)) throw new AppError('forbidden', 'you may not declare silence periods here');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('silence_periods')
      .values({ unit_id: unit.id, starts_at: body.startsAt, ends_at: body.endsAt, reason: body.reason, created_by: actor.personId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'silence.declare',
      targetType: 'silence_period',
      targetId: row.id,
      ip,
      details: { unitId: unit.id, startsAt: body.startsAt, endsAt: body.endsAt },
    });
    return row.id;
  });
  return present((await select(deps).where('s.id', '=', id).executeTakeFirstOrThrow()) as Row);
}

/** Silence periods that touch a unit: declared for it, inside it, or above it. */
export async function listSilences(deps: DirectivesDeps, actor: Actor, unitId: number): Promise<Silences> {
  const unit = await unitInTurf(deps.db, actor.turf, unitId);
  const rows = await select(deps)
    .where((eb) => eb.or([sql<boolean>`u.path <@ ${unit.path}::ltree`, sql<boolean>`u.path @> ${unit.path}::ltree`]))
    .where('s.ends_at', '>', new Date(Date.now() - 30 * 86_400_000))
    .orderBy('s.starts_at', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map((r) => present(r as Row)) };
}

export async function cancelSilence(deps: DirectivesDeps, actor: Actor, id: number, ip: string | null): Promise<Silence> {
  const row = await select(deps).where('s.id', '=', id).executeTakeFirst();
  if (!row || !actor.turf.covers(row.path)) throw notFound('silence period');
  if (!actor.turf.can('silence.manage', row.path)) throw new AppError('forbidden', 'you may not cancel this silence period');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('silence_periods').set({ cancelled_at: new Date() }).where('id', '=', id).where('cancelled_at', 'is', null).execute();
    await recordAudit(trx, { actorId: actor.personId, action: 'silence.cancel', targetType: 'silence_period', targetId: id, ip });
  });
  return present((await select(deps).where('s.id', '=', id).executeTakeFirstOrThrow()) as Row);
}
