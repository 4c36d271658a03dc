import type { Kysely } from 'kysely';
import type { CreateUnit, MoveUnit, PatchUnit, Unit, UnitChildren, UnitDetail } from '../../../contracts/org.ts';
import { isUniqueViolation, type Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { requireAbove } from './manage.ts';
import { unitInTurf } from './turf.ts';
import { lockTree } from './tree-lock.ts';
import * as repo from './units.repo.ts';

export interface OrgDeps {
  db: Kysely<Schema>;
}

/** People manage the units below their positions: an edit needs the permission strictly above the unit. */
const requireManage = (actor: Actor, unitPath: string) => requireAbove(actor, 'units.manage', unitPath, 'your positions do not allow changing this unit');

export async function getUnit({ db }: OrgDeps, actor: Actor, id: number): Promise<UnitDetail> {
  const row = await unitInTurf(db, actor.turf, id);
  const [unit, ancestors, officeBearers] = await Promise.all([repo.findUnit(db, id), repo.ancestorsOf(db, row.path), repo.officeBearersAt(db, id)]);
  return {
    ...unit!,
    // Breadcrumbs stop at the turf: a district convener sees "district › …", not the state above it.
    ancestors: ancestors.filter((a) => actor.turf.covers(a.path)).map(({ path: _path, ...a }) => a),
    officeBearers,
  };
}

export async function listUnitChildren(
  { db }: OrgDeps,
  actor: Actor,
  id: number,
  q: { limit: number; cursor?: string | undefined; includeArchived: boolean; lang?: 'en' | 'hi' },
): Promise<UnitChildren> {
  await unitInTurf(db, actor.turf, id);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await repo.listChildren(db, id, { limit: q.limit, after, includeArchived: q.includeArchived, lang: q.lang });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const name = last && (q.lang === 'hi' ? last.nameHi : last.nameEn);
  return { items: page, nextCursor: rows.length > q.limit && last ? encodeCursor({ name: name!, id: last.id }) : null };
}

function encodeCursor(c: { name: string; id: number }) {
  return Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');
}
function decodeCursor(s: string): { name: string; id: number } {
  try {
    const [name, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof name === 'string' && Number.isInteger(id)) return { name, id: id as number };
  } catch {
    // fall through to the validation error
  }
  throw new AppError('validation', 'the cursor is not valid', [{ path: 'cursor', message: 'not a cursor from this API' }]);
}

export async function createUnit({ db }: OrgDeps, actor: Actor, input: CreateUnit, ip: string): Promise<Unit> {
  const parent = await unitInTurf(db, actor.turf, input.parentId);
  if (!actor.turf.can('units.manage', parent.path)) throw new AppError('forbidden', 'your positions do not allow adding units here');
  if (parent.archived_at) throw new AppError('conflict', 'the parent unit is archived');
  const [level, parentLevel] = await Promise.all([repo.levelByCode(db, input.level), repo.levelByCode(db, parent.level)]);
  if (!level) throw new AppError('unknown_level', `no level ${input.level}`);
  if (level.depth <= parentLevel!.depth) throw new AppError('level_order', `a ${input.level} cannot sit under a ${parent.level}`);
  try {
    const id = await db.transaction().execute(async (trx) => {
      await lockTree(trx);
      // The parent's path as it is now, under the lock: a move may have rewritten it since the checks above.
      const current = await trx.selectFrom('units').select(['id', 'path', 'state_id']).where('id', '=', parent.id).executeTakeFirstOrThrow();
      if (!actor.turf.can('units.manage', current.path)) throw new AppError('forbidden', 'your positions do not allow adding units here');
      const newId = await repo.insertUnit(trx, current, { level: input.level, nameEn: input.nameEn, nameHi: input.nameHi, code: input.code ?? null });
      await recordAudit(trx, {
        actorId: actor.personId,
        action: 'unit.create',
        targetType: 'unit',
        targetId: newId,
        ip,
        details: { parentId: parent.id, level: input.level },
      });
      return newId;
    });
    return (await repo.findUnit(db, id))!;
  } catch (error) {
    if (isUniqueViolation(error, 'units_code_key')) throw new AppError('unit_code_taken', `code ${input.code} is already used`);
    throw error;
  }
}

export async function patchUnit({ db }: OrgDeps, actor: Actor, id: number, input: PatchUnit, ip: string): Promise<Unit> {
  const unit = await unitInTurf(db, actor.turf, id);
  requireManage(actor, unit.path);
  try {
    await db.transaction().execute(async (trx) => {
      if (input.archived === true && !unit.archived_at) {
        const live = await trx.selectFrom('units').select('id').where('parent_id', '=', id).where('archived_at', 'is', null).limit(1).executeTakeFirst();
        if (live) throw new AppError('unit_not_empty', 'archive or move the units below it first');
      }
      const archived_at = input.archived === undefined ? undefined : input.archived ? (unit.archived_at ?? new Date()) : null;
      await trx
        .updateTable('units')
        .set({ name_en: input.nameEn, name_hi: input.nameHi, code: input.code, archived_at, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, { actorId: actor.personId, action: 'unit.update', targetType: 'unit', targetId: id, ip, details: { ...input } });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'units_code_key')) throw new AppError('unit_code_taken', `code ${input.code} is already used`);
    throw error;
  }
  return (await repo.findUnit(db, id))!;
}

export async function moveUnit({ db }: OrgDeps, actor: Actor, id: number, input: MoveUnit, ip: string) {
  return db.transaction().execute(async (trx) => {
    await lockTree(trx);
    // Read both ends under the lock: a concurrent move may have just changed them.
    const unit = await unitInTurf(trx, actor.turf, id);
    const target = await unitInTurf(trx, actor.turf, input.newParentId);
    requireManage(actor, unit.path);
    if (!actor.turf.can('units.manage', target.path)) throw new AppError('forbidden', 'your positions do not allow adding units there');
    if (target.path === unit.path || target.path.startsWith(unit.path + '.')) {
      throw new AppError('move_into_own_subtree', 'a unit cannot move under itself');
    }
    if (target.archived_at) throw new AppError('conflict', 'the new parent unit is archived');
    const [level, targetLevel] = await Promise.all([repo.levelByCode(trx, unit.level), repo.levelByCode(trx, target.level)]);
    if (level!.depth <= targetLevel!.depth) throw new AppError('level_order', `a ${unit.level} cannot sit under a ${target.level}`);
    const movedUnits = target.id === unit.parent_id ? 0 : await repo.moveSubtree(trx, unit, target);
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'unit.move',
      targetType: 'unit',
      targetId: id,
      ip,
      details: { from: unit.parent_id, to: target.id, movedUnits },
    });
    return { unit: (await repo.findUnit(trx, id))!, movedUnits };
  });
}
