import { sql } from 'kysely';
import type { PersonDetail } from '../../../../contracts/people.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { unitInTurf } from '../../org/index.ts';
import type { PeopleDeps } from '../deps.ts';
import { hasPower, personInTurf, requireLive } from './access.ts';
import { countDue, markDue, pairDueFor } from './duplicate-pairs.ts';
import { presentDetail, presentSummary, selectSummaries } from './present.ts';

type Deps = Pick<PeopleDeps, 'db' | 'cipher'>;

/** Pairs suggested at most, best first. */
const MAX_PAIRS = 100;
/** How long a read may spend comparing people still due in its subtree before it answers with what is known. */
const READ_PAIRING_BUDGET_MS = 2_000;

/**
 * Records in the unit's subtree that may be the same person: the same phone with a similar name (a household shares
 * a phone, but its members' names differ, so they are not suggested), or a similar name at the same home unit.
 * Pairs someone has marked as different people, and erased or merged records, are left out. The pairs are kept as
 * records are written (duplicate-pairs.ts); the read first compares what is still due in its subtree, for up to two
 * seconds, and says how many are left (`pending`) when an import has just added more than that.
 */
export async function listDuplicates({ db, cipher }: Deps, actor: Actor, unitId: number) {
  const unit = await unitInTurf(db, actor.turf, unitId);
  let pending = await countDue(db, unit.path);
  if (pending > 0) {
    await pairDueFor(db, READ_PAIRING_BUDGET_MS, 100, unit.path);
    pending = await countDue(db, unit.path);
  }
  const { rows } = await sql<{ a: number; b: number; reason: 'same_phone_similar_name' | 'similar_name_same_booth'; score: number }>`
    select d.a, d.b, d.reason, d.score::float8 as score
    from person_duplicates d join units ua on ua.id = d.unit_a join units ub on ub.id = d.unit_b
    where ua.path <@ ${unit.path}::ltree and ub.path <@ ${unit.path}::ltree
      and not exists (select 1 from people_not_duplicates n where n.a = d.a and n.b = d.b)
    order by d.score desc, d.a, d.b
    limit ${MAX_PAIRS}`.execute(db);
  const ids = [...new Set(rows.flatMap((r) => [r.a, r.b]))];
  const people = ids.length
    ? await selectSummaries(db).where('p.id', 'in', ids).where('p.erased_at', 'is', null).where('p.merged_into', 'is', null).execute()
    : [];
  const byId = new Map(people.map((p) => [p.id, presentSummary(cipher, p)]));
  // A record erased or merged while its pair was being compared: the pair (derived, not a record) is dropped here.
  const stale = rows.filter((r) => !byId.has(r.a) || !byId.has(r.b));
  for (const r of stale) await db.deleteFrom('person_duplicates').where('a', '=', r.a).where('b', '=', r.b).execute();
  return {
    items: rows
      .filter((r) => byId.has(r.a) && byId.has(r.b))
      .map((r) => ({ a: byId.get(r.a)!, b: byId.get(r.b)!, reason: r.reason, score: Math.round(r.score * 1000) / 1000 })),
    pending,
  };
}

/** Both people inside the turf, live, and managed by the caller (`people.manage` at or above each home unit). */
async function managedPair(deps: Deps, actor: Actor, a: number, b: number, message: string) {
  if (a === b) throw new AppError('merge_invalid', 'a record cannot be the same as itself');
  const [pa, pb] = [await personInTurf(deps.db, actor, a), await personInTurf(deps.db, actor, b)];
  if (!hasPower(actor, 'people.manage', pa) || !hasPower(actor, 'people.manage', pb)) throw new AppError('forbidden', message);
  return [pa, pb] as const;
}

/**
 * Merges a record into another (the survivor): both live and in the caller's management. The merged row stays, with
 * `merged_into` and disabled, so history keeps pointing somewhere. Its positions move (one the survivor already
 * holds is ended instead), its consents move (a purpose the survivor already consents to is withdrawn with `merge`,
 * and kept as history), group admin rows and the records it created or consents it recorded move too; a phone the
 * survivor lacks is copied, tags and languages are joined. Audited.
 */
export async function mergePerson(deps: Deps, actor: Actor, id: number, intoId: number, ip: string): Promise<PersonDetail> {
  const [from, into] = await managedPair(deps, actor, id, intoId, 'your positions do not allow merging these people');
  for (const p of [from, into]) {
    if (p.erased_at) throw new AppError('person_erased', 'an erased record cannot be merged');
    if (p.merged_into !== null) throw new AppError('merge_invalid', `person ${p.id} was already merged into person ${p.merged_into}`);
  }
  if (from.id === actor.personId) throw new AppError('merge_invalid', 'your own record cannot be merged away');
  await deps.db.transaction().execute(async (trx) => {
    // Both rows locked in id order, then re-checked: a concurrent merge or erasure of either loses the race cleanly.
    const locked = await trx
      .selectFrom('people')
      .select(['id', 'merged_into', 'erased_at'])
      .where('id', 'in', [id, intoId])
      .orderBy('id')
      .forUpdate()
      .execute();
    if (locked.some((r) => r.merged_into !== null || r.erased_at !== null)) throw new AppError('merge_invalid', 'one of the records changed; reload');

    // Positions: live ones the survivor already holds end here; everything else moves.
    const ended = await trx
      .updateTable('positions as x')
      .set({ ended_at: new Date() })
      .where('x.person_id', '=', id)
      .where('x.ended_at', 'is', null)
      .where(
        sql<boolean>`exists (select 1 from positions y where y.person_id = ${intoId} and y.ended_at is null and y.unit_id = x.unit_id
          and y.role = x.role and coalesce(y.department, '') = coalesce(x.department, ''))`,
      )
      .executeTakeFirst();
    const moved = await trx.updateTable('positions').set({ person_id: intoId }).where('person_id', '=', id).executeTakeFirst();

    // Consents: a purpose the survivor already consents to is closed here; then the whole history moves.
    const closed = await trx
      .updateTable('consents as c')
      .set({ withdrawn_at: new Date(), withdrawn_by: actor.personId, withdrawal_method: 'merge' })
      .where('c.person_id', '=', id)
      .where('c.withdrawn_at', 'is', null)
      .where(sql<boolean>`exists (select 1 from consents d where d.person_id = ${intoId} and d.purpose = c.purpose and d.withdrawn_at is null)`)
      .executeTakeFirst();
    const consents = await trx.updateTable('consents').set({ person_id: intoId }).where('person_id', '=', id).executeTakeFirst();

    await sql`insert into whatsapp_group_admins (group_id, person_id) select group_id, ${intoId}::int from whatsapp_group_admins where person_id = ${id}
      on conflict do nothing`.execute(trx);
    const admins = await trx.deleteFrom('whatsapp_group_admins').where('person_id', '=', id).executeTakeFirst();

    // What the merged record did as a worker is the survivor's doing.
    await trx.updateTable('people').set({ created_by: intoId }).where('created_by', '=', id).execute();
    await trx.updateTable('whatsapp_groups').set({ created_by: intoId }).where('created_by', '=', id).execute();
    await trx.updateTable('signup_links').set({ created_by: intoId }).where('created_by', '=', id).execute();
    await trx.updateTable('consents').set({ recorded_by: intoId }).where('recorded_by', '=', id).execute();
    await trx.updateTable('consents').set({ withdrawn_by: intoId }).where('withdrawn_by', '=', id).execute();
    await trx.updateTable('people').set({ merged_into: intoId }).where('merged_into', '=', id).execute();

    await sql`update people s set
        phone_enc = coalesce(s.phone_enc, m.phone_enc),
        phone_hash = coalesce(s.phone_hash, m.phone_hash),
        pii_key_id = coalesce(s.pii_key_id, m.pii_key_id),
        whatsapp = s.whatsapp or (s.phone_enc is null and m.whatsapp),
        tags = array(select distinct unnest(s.tags || m.tags) order by 1),
        languages = array(select distinct unnest(s.languages || m.languages) order by 1),
        updated_at = now()
      from people m where s.id = ${intoId} and m.id = ${id}`.execute(trx);
    await trx.updateTable('people').set({ merged_into: intoId, disabled_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await markDue(trx, [intoId]); // its best matches again, without the merged record
    await trx.updateTable('sessions').set({ revoked_at: new Date() }).where('person_id', '=', id).where('revoked_at', 'is', null).execute();

    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'person.merge',
      targetType: 'person',
      targetId: id,
      ip,
      details: {
        intoId,
        positionsMoved: Number(moved.numUpdatedRows) - Number(ended.numUpdatedRows),
        positionsEnded: Number(ended.numUpdatedRows),
        consentsMoved: Number(consents.numUpdatedRows),
        consentsWithdrawn: Number(closed.numUpdatedRows),
        groupAdminRowsMoved: Number(admins.numDeletedRows),
      },
    });
  });
  return presentDetail(deps.db, deps.cipher, actor, await personInTurf(deps.db, actor, intoId));
}

/** Two records are different people (a household, namesakes): they are no longer suggested as duplicates. Audited. */
export async function markNotDuplicates(deps: Deps, actor: Actor, a: number, b: number, ip: string) {
  const [pa, pb] = await managedPair(deps, actor, a, b, 'your positions do not allow deciding about these people');
  requireLive(pa);
  requireLive(pb);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('people_not_duplicates')
      .values({ a: lo, b: hi, decided_by: actor.personId })
      .onConflict((oc) => oc.columns(['a', 'b']).doNothing())
      .execute();
    await trx.deleteFrom('person_duplicates').where('a', '=', lo).where('b', '=', hi).execute();
    await markDue(trx, [lo, hi]);
    await recordAudit(trx, { actorId: actor.personId, action: 'person.not_duplicates', targetType: 'person', targetId: lo, ip, details: { a: lo, b: hi } });
  });
  return { a: lo, b: hi };
}
