import type { Kysely, Transaction } from 'kysely';
import type { CreateGroup, Group, PatchGroup } from '../../../../contracts/groups.ts';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { unitInTurf } from '../../org/index.ts';
import * as repo from './groups.repo.ts';

interface Deps {
  db: Kysely<Schema>;
}

const unitRef = (g: repo.GroupRow) => ({ id: g.unit_id, level: g.level, nameEn: g.name_en, nameHi: g.name_hi });

/** A group as the API shows it, with whether this caller may edit it. */
export function presentGroup(g: repo.GroupRow, admins: { id: number; name: string }[], actor: Actor): Group {
  return {
    id: g.id,
    unit: unitRef(g),
    name: g.name,
    purpose: g.purpose,
    inviteLink: g.invite_link,
    memberCount: g.member_count,
    lastCheckedAt: g.last_checked_at?.toISOString() ?? null,
    admins,
    archived: g.archived_at !== null,
    canEdit: actor.turf.can('people.manage', g.path) || admins.some((a) => a.id === actor.personId),
  };
}

/**
 * A group the caller may see: one at a unit in their turf, or one they are an admin of (they run it on their phone
 * wherever their positions are). Anything else is not found.
 */
export async function visibleGroup(db: Kysely<Schema>, actor: Actor, id: number): Promise<{ group: repo.GroupRow; admin: boolean }> {
  const group = await repo.findGroup(db, id);
  if (!group) throw notFound('group');
  const admin = await repo.isAdmin(db, id, actor.personId);
  if (!admin && !actor.turf.covers(group.path)) throw notFound('group');
  return { group, admin };
}

/** The groups registered at a unit inside the caller's turf. */
export async function listGroups({ db }: Deps, actor: Actor, unitId: number, includeArchived: boolean): Promise<{ items: Group[] }> {
  await unitInTurf(db, actor.turf, unitId);
  const groups = await repo.groupsAt(db, unitId, includeArchived);
  const admins = await repo.adminsOf(
    db,
    groups.map((g) => g.id),
  );
  return { items: groups.map((g) => presentGroup(g, admins.get(g.id) ?? [], actor)) };
}

/**
 * Admins are people the caller can see (their home unit or a live position in the caller's turf; anyone else is not
 * found) and live adults: an admin is a member of the group, and children are never added to groups.
 */
async function checkAdmins(trx: Transaction<Schema>, actor: Actor, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  const found = new Map((await repo.adminCandidates(trx, actor.turf, unique)).map((p) => [p.id, p]));
  for (const id of unique) {
    const p = found.get(id);
    if (!p || !p.visible) throw notFound('person');
    if (p.erased_at) throw new AppError('person_erased', `person ${id} has been erased`);
    if (p.merged_into !== null) throw new AppError('conflict', `person ${id} was merged into ${p.merged_into}`);
    if (p.disabled_at) throw new AppError('conflict', `person ${id} is disabled`);
    if (p.age_band === 'under_18') throw new AppError('child_not_allowed', 'a child cannot be a group admin');
  }
  return unique;
}

/** Registers a group at a unit. Needs people.manage at or above the unit. Audited. */
export async function createGroup({ db }: Deps, actor: Actor, unitId: number, input: CreateGroup, ip: string): Promise<Group> {
  const unit = await unitInTurf(db, actor.turf, unitId);
  if (!actor.turf.can('people.manage', unit.path)) throw new AppError('forbidden', 'your positions do not allow registering groups here');
  if (unit.archived_at) throw new AppError('conflict', 'the unit is archived');
  const id = await db.transaction().execute(async (trx) => {
    const adminIds = await checkAdmins(trx, actor, input.adminIds);
    const groupId = await repo.insertGroup(trx, {
      unitId,
      name: input.name,
      purpose: input.purpose,
      inviteLink: input.inviteLink ?? null,
      memberCount: input.memberCount ?? null,
      createdBy: actor.personId,
    });
    await repo.setAdmins(trx, groupId, adminIds);
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'group.create',
      targetType: 'whatsapp_group',
      targetId: groupId,
      ip,
      details: { unitId, purpose: input.purpose, adminIds, memberCount: input.memberCount ?? null },
    });
    return groupId;
  });
  return present(db, actor, id);
}

/**
 * Edits a group. People who manage people at or above its unit may change anything; its admins may report the
 * member count, the invite link, the name, and archive or restore it, but only managers change who the admins are
 * (an admin reads the roster's whole numbers, so naming one is a manager's decision). A new member count sets
 * `lastCheckedAt` to now. Audited.
 */
export async function patchGroup({ db }: Deps, actor: Actor, id: number, input: PatchGroup, ip: string): Promise<Group> {
  const { group, admin } = await visibleGroup(db, actor, id);
  const manager = actor.turf.can('people.manage', group.path);
  if (!manager && !admin) throw new AppError('forbidden', 'only the group’s admins and people who manage people here may edit it');
  if (input.adminIds !== undefined && !manager) throw new AppError('forbidden', 'only people who manage people here may change the admins');
  if (input.archived === false && group.unit_archived_at) throw new AppError('conflict', 'the unit is archived');
  await db.transaction().execute(async (trx) => {
    const changes: repo.GroupChanges = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.inviteLink !== undefined) changes.invite_link = input.inviteLink;
    if (input.memberCount !== undefined) {
      changes.member_count = input.memberCount;
      changes.last_checked_at = new Date();
    }
    if (input.archived !== undefined) changes.archived_at = input.archived ? (group.archived_at ?? new Date()) : null;
    if (input.adminIds !== undefined) await repo.setAdmins(trx, id, await checkAdmins(trx, actor, input.adminIds));
    await repo.updateGroup(trx, id, changes);
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'group.update',
      targetType: 'whatsapp_group',
      targetId: id,
      ip,
      details: {
        unitId: group.unit_id,
        fields: Object.keys(input).filter((k) => input[k as keyof PatchGroup] !== undefined),
        ...(input.adminIds !== undefined ? { adminIds: [...new Set(input.adminIds)] } : {}),
        ...(input.memberCount !== undefined ? { memberCount: input.memberCount } : {}),
        ...(input.archived !== undefined ? { archived: input.archived } : {}),
      },
    });
  });
  return present(db, actor, id);
}

async function present(db: Kysely<Schema>, actor: Actor, id: number): Promise<Group> {
  const group = (await repo.findGroup(db, id))!;
  const admins = await repo.adminsOf(db, [id]);
  return presentGroup(group, admins.get(id) ?? [], actor);
}
