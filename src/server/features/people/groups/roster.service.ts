import { sql, type Kysely, type Transaction } from 'kysely';
import { ROSTER_LIMIT, type Roster } from '../../../../contracts/groups.ts';
import { whatsappLink } from '../../../../contracts/phone.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { reachableFor } from '../consent/consent.repo.ts';
import * as repo from './groups.repo.ts';
import { presentGroup, visibleGroup } from './groups.service.ts';
import { vcards } from './vcard.ts';

interface Deps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
}

/** The purpose whose consent puts a person on a group roster. */
export const GROUP_PURPOSE = 'whatsapp_groups';

/**
 * Who may be added to the group, read fresh every time: people with a phone and live consent to group membership
 * who are not children, not erased, merged or disabled. A public group is for everyone whose home unit is in the
 * group's unit's subtree; a workers' group for the people holding a live position at a live unit there (wherever
 * their home is). A withdrawal closes the consent record, so the very next roster leaves the person out.
 */
async function rosterRows(trx: Transaction<Schema>, group: repo.GroupRow) {
  let q = trx
    .selectFrom('people as p')
    .leftJoin('units as hu', 'hu.id', 'p.home_unit_id')
    .select(['p.id', 'p.name', 'p.phone_enc', 'hu.id as unit_id', 'hu.level', 'hu.name_en', 'hu.name_hi'])
    .where('p.phone_enc', 'is not', null)
    .where('p.erased_at', 'is', null)
    .where('p.merged_into', 'is', null)
    .where('p.disabled_at', 'is', null)
    .where(reachableFor(GROUP_PURPOSE, { id: sql.ref<number>('p.id'), ageBand: sql.ref<string | null>('p.age_band') }));
  q =
    group.purpose === 'workers'
      ? q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('positions as pos')
              .innerJoin('units as pu', 'pu.id', 'pos.unit_id')
              .select(sql.lit(1).as('one'))
              .whereRef('pos.person_id', '=', 'p.id')
              .where('pos.ended_at', 'is', null)
              .where('pu.archived_at', 'is', null)
              .where(sql<boolean>`pu.path <@ ${group.path}::ltree`),
          ),
        )
      : q.where(sql<boolean>`hu.path <@ ${group.path}::ltree`);
  return q
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(ROSTER_LIMIT + 1)
    .execute();
}

async function readRoster(deps: Deps, actor: Actor, groupId: number, need: 'people.reveal' | 'people.export', action: string, ip: string) {
  const { group, admin } = await visibleGroup(deps.db, actor, groupId);
  if (!admin && !actor.turf.can(need, group.path))
    throw new AppError('forbidden', 'only the group’s admins and people who may see whole numbers here may read its roster');
  return deps.db.transaction().execute(async (trx) => {
    const rows = await rosterRows(trx, group);
    const truncated = rows.length > ROSTER_LIMIT;
    const items = rows.slice(0, ROSTER_LIMIT).map((r) => {
      const phone = deps.cipher.decrypt(r.phone_enc!);
      return {
        personId: r.id,
        name: r.name,
        phone,
        waLink: whatsappLink(phone),
        homeUnit: r.unit_id === null ? null : { id: r.unit_id, level: r.level!, nameEn: r.name_en!, nameHi: r.name_hi! },
      };
    });
    // Whole numbers leave Setu here: who read them, for which group, how many (never the numbers themselves).
    await recordAudit(trx, {
      actorId: actor.personId,
      action,
      targetType: 'whatsapp_group',
      targetId: groupId,
      ip,
      details: { unitId: group.unit_id, count: items.length, truncated, asAdmin: admin },
    });
    return { group, items, truncated };
  });
}

/**
 * The roster of a group with whole numbers and one-tap wa.me links, for its admins and for people who may see whole
 * numbers (people.reveal) at or above its unit. Audited as `group.roster`.
 */
export async function groupRoster(deps: Deps, actor: Actor, groupId: number, ip: string): Promise<Roster> {
  const { group, items, truncated } = await readRoster(deps, actor, groupId, 'people.reveal', 'group.roster', ip);
  const admins = await repo.adminsOf(deps.db, [groupId]);
  return { group: presentGroup(group, admins.get(groupId) ?? [], actor), items, truncated };
}

/**
 * The same roster as a vCard 3.0 file for the admin's contacts app, for its admins and for people who may take
 * people out of Setu (people.export) at or above its unit. Audited as `group.vcard`.
 */
export async function groupRosterVcard(deps: Deps, actor: Actor, groupId: number, ip: string): Promise<{ body: string; truncated: boolean }> {
  const { items, truncated } = await readRoster(deps, actor, groupId, 'people.export', 'group.vcard', ip);
  return { body: vcards(items.map((i) => ({ name: i.name, phone: i.phone }))), truncated };
}
