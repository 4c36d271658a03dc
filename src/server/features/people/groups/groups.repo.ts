import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { Turf } from '../../../platform/http/context.ts';
import { inTurf } from '../../org/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** A group with the unit it belongs to. */
export async function findGroup(db: Db, id: number) {
  return db
    .selectFrom('whatsapp_groups as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .selectAll('g')
    .select(['u.path', 'u.level', 'u.name_en', 'u.name_hi', 'u.archived_at as unit_archived_at'])
    .where('g.id', '=', id)
    .executeTakeFirst();
}
export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/** The groups at one unit, live first, then by name. */
export async function groupsAt(db: Db, unitId: number, includeArchived: boolean): Promise<GroupRow[]> {
  let q = db
    .selectFrom('whatsapp_groups as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .selectAll('g')
    .select(['u.path', 'u.level', 'u.name_en', 'u.name_hi', 'u.archived_at as unit_archived_at'])
    .where('g.unit_id', '=', unitId);
  if (!includeArchived) q = q.where('g.archived_at', 'is', null);
  return q
    .orderBy(sql`g.archived_at is not null`)
    .orderBy('g.purpose', 'desc')
    .orderBy('g.name')
    .orderBy('g.id')
    .execute();
}

/** The admins of some groups (erased people are no one's admin any more), by group. */
export async function adminsOf(db: Db, groupIds: readonly number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const out = new Map<number, { id: number; name: string }[]>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom('whatsapp_group_admins as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.group_id', 'p.id', 'p.name'])
    .where('a.group_id', 'in', [...groupIds])
    .where('p.erased_at', 'is', null)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  for (const r of rows) out.set(r.group_id, [...(out.get(r.group_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** Whether the person is one of the group's admins. */
export async function isAdmin(db: Db, groupId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('whatsapp_group_admins')
    .select('group_id')
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The people named as admins, with what decides whether they may be: whether the caller's turf holds them (their
 * home unit or a live position), and whether they are a live adult record.
 */
export async function adminCandidates(db: Db, turf: Turf, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('people as p')
    .select((eb) => [
      'p.id',
      'p.age_band',
      'p.erased_at',
      'p.merged_into',
      'p.disabled_at',
      eb
        .exists(
          eb
            .selectFrom('units as u')
            .select(sql.lit(1).as('one'))
            .where((w) =>
              w.or([
                w('u.id', '=', w.ref('p.home_unit_id')),
                w(
                  'u.id',
                  'in',
                  w.selectFrom('positions as pos').select('pos.unit_id').whereRef('pos.person_id', '=', 'p.id').where('pos.ended_at', 'is', null),
                ),
              ]),
            )
            .where(inTurf(turf, sql.ref('u.path'))),
        )
        .as('visible'),
    ])
    .where('p.id', 'in', [...ids])
    .execute();
}

export interface NewGroup {
  unitId: number;
  name: string;
  purpose: 'workers' | 'public';
  inviteLink: string | null;
  memberCount: number | null;
  createdBy: number;
}

export async function insertGroup(trx: Transaction<Schema>, g: NewGroup): Promise<number> {
  const row = await trx
    .insertInto('whatsapp_groups')
    .values({
      unit_id: g.unitId,
      name: g.name,
      purpose: g.purpose,
      invite_link: g.inviteLink,
      member_count: g.memberCount,
      last_checked_at: g.memberCount === null ? null : new Date(),
      created_by: g.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces the group's admins with these people. */
export async function setAdmins(trx: Transaction<Schema>, groupId: number, personIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('whatsapp_group_admins').where('group_id', '=', groupId).execute();
  if (personIds.length > 0)
    await trx
      .insertInto('whatsapp_group_admins')
      .values([...new Set(personIds)].map((person_id) => ({ group_id: groupId, person_id })))
      .execute();
}

export interface GroupChanges {
  name?: string;
  invite_link?: string | null;
  member_count?: number;
  last_checked_at?: Date;
  archived_at?: Date | null;
}

export async function updateGroup(trx: Transaction<Schema>, id: number, changes: GroupChanges): Promise<void> {
  await trx
    .updateTable('whatsapp_groups')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
