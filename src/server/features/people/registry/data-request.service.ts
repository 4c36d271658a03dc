import { sql, type Kysely, type Transaction } from 'kysely';
import type { PersonExport } from '../../../../contracts/people.ts';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { consentHistory, withdrawAllConsents } from '../consent/consent.repo.ts';
import type { PeopleDeps } from '../deps.ts';
import { personInTurf, requireHolds } from './access.ts';
import { eraseAuthored, removeBytes } from './erase-authored.ts';

type Db = Kysely<Schema> | Transaction<Schema>;
type Deps = Pick<PeopleDeps, 'db' | 'cipher'>;

/** The record and every record merged into it, however deep (a merge of a merge): one person found several times. */
async function recordIds(db: Db, id: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with recursive m(id) as (select ${id}::int union select p.id from people p join m on p.merged_into = m.id)
    select id from m order by id`.execute(db);
  return [id, ...rows.map((r) => r.id).filter((x) => x !== id)];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A data request: everything Setu holds about the person, as JSON: every field (phone and notes decrypted), the
 * records merged into theirs, every consent with the notice version and hash it points at, positions held, WhatsApp
 * groups they administer, events they answered or attended, and the audit rows about their record. Needs `people.manage` at or above the home unit;
 * audited (without the content).
 */
export async function exportPerson({ db, cipher }: Deps, actor: Actor, id: number, ip: string): Promise<PersonExport> {
  const person = await personInTurf(db, actor, id);
  requireHolds(actor, 'people.manage', person, 'your positions do not allow exporting this person');
  const ids = await recordIds(db, id);
  const [records, consents, positions, groups, events, audit] = await Promise.all([
    db
      .selectFrom('people as p')
      .leftJoin('units as u', 'u.id', 'p.home_unit_id')
      .selectAll('p')
      .select(['u.level', 'u.name_en', 'u.name_hi'])
      .where('p.id', 'in', ids)
      .execute(),
    consentHistory(db, ids),
    db
      .selectFrom('positions as x')
      .innerJoin('units as u', 'u.id', 'x.unit_id')
      .select(['x.id', 'x.role', 'x.department', 'x.created_at', 'x.ended_at', 'u.id as unit_id', 'u.level', 'u.name_en', 'u.name_hi'])
      .where('x.person_id', 'in', ids)
      .orderBy('x.created_at')
      .execute(),
    db
      .selectFrom('whatsapp_group_admins as a')
      .innerJoin('whatsapp_groups as g', 'g.id', 'a.group_id')
      .innerJoin('units as u', 'u.id', 'g.unit_id')
      .select(['g.id', 'g.name', 'g.purpose', 'u.id as unit_id', 'u.level', 'u.name_en', 'u.name_hi'])
      .where('a.person_id', 'in', ids)
      .orderBy('g.id')
      .execute(),
    // Events are another feature's, but what they hold about the person belongs in the answer to a data request.
    sql<{
      event_id: number;
      title_hi: string | null;
      title_en: string | null;
      starts_at: Date;
      unit_id: number;
      level: string;
      name_en: string;
      name_hi: string;
      rsvp: 'yes' | 'no' | 'maybe' | null;
      method: 'qr' | 'roll_call' | 'walk_in' | null;
      marked_at: Date | null;
    }>`
      select e.id as event_id, e.title_hi, e.title_en, e.starts_at, u.id as unit_id, u.level, u.name_en, u.name_hi,
        r.answer as rsvp, a.method, a.marked_at
      from events e join units u on u.id = e.unit_id
      left join event_rsvps r on r.event_id = e.id and r.person_id = any(${ids}::int[])
      left join event_attendance a on a.event_id = e.id and a.person_id = any(${ids}::int[])
      where r.event_id is not null or a.event_id is not null
      order by e.starts_at, e.id`.execute(db),
    db
      .selectFrom('audit_log')
      .select(['at', 'action', 'outcome', 'actor_id', 'details'])
      .where('target_type', '=', 'person')
      .where(
        'target_id',
        'in',
        ids.map((x) => String(x)),
      )
      .orderBy('id')
      .execute(),
  ]);
  const present = (r: (typeof records)[number]) => ({
    id: r.id,
    name: r.name,
    phone: r.phone_enc ? cipher.decrypt(r.phone_enc) : null,
    whatsapp: r.whatsapp,
    ageBand: r.age_band as PersonExport['person']['ageBand'],
    languages: r.languages,
    tags: r.tags,
    notes: r.notes_enc ? cipher.decrypt(r.notes_enc) : null,
    homeUnit: r.home_unit_id === null ? null : { id: r.home_unit_id, level: r.level!, nameEn: r.name_en!, nameHi: r.name_hi! },
    source: r.source,
    clientId: r.client_id,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    updatedAt: r.updated_at.toISOString(),
    disabledAt: iso(r.disabled_at),
    mergedInto: r.merged_into,
    erasedAt: iso(r.erased_at),
  });
  const byId = new Map(records.map((r) => [r.id, present(r)]));
  const result: PersonExport = {
    exportedAt: new Date().toISOString(),
    person: byId.get(id)!,
    merged: ids.slice(1).map((x) => byId.get(x)!),
    consents,
    positions: positions.map((x) => ({
      positionId: x.id,
      unit: { id: x.unit_id, level: x.level, nameEn: x.name_en, nameHi: x.name_hi },
      role: x.role,
      department: x.department,
      createdAt: x.created_at.toISOString(),
      endedAt: iso(x.ended_at),
    })),
    groupAdmin: groups.map((g) => ({
      groupId: g.id,
      name: g.name,
      purpose: g.purpose,
      unit: { id: g.unit_id, level: g.level, nameEn: g.name_en, nameHi: g.name_hi },
    })),
    events: events.rows.map((e) => ({
      eventId: e.event_id,
      titleHi: e.title_hi,
      titleEn: e.title_en,
      startsAt: e.starts_at.toISOString(),
      unit: { id: e.unit_id, level: e.level, nameEn: e.name_en, nameHi: e.name_hi },
      rsvp: e.rsvp,
      present: e.method && e.marked_at ? { method: e.method, markedAt: e.marked_at.toISOString() } : null,
    })),
    audit: audit.map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      outcome: a.outcome,
      actorId: a.actor_id,
      details: typeof a.details === 'string' ? (JSON.parse(a.details) as Record<string, unknown>) : a.details,
    })),
  };
  await db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, { actorId: actor.personId, action: 'person.export', targetType: 'person', targetId: id, ip, details: { records: ids.length } }),
    );
  return result;
}

/**
 * A data request to erase. The name is blanked and every personal column cleared on the record and on every record
 * merged into it; live consents are withdrawn (method `erasure`) and their evidence text dropped; group admin rows are
 * removed, live positions ended, sessions revoked (their address and browser forgotten), and one-time codes and rate
 * limits keyed by the phone deleted unless another live person (a household) still uses that phone. The files they
 * uploaded and the free text they wrote elsewhere go too (eraseAuthored); the stored bytes are removed once this
 * commits. The rows stay as tombstones, so counts stay right. Needs `people.manage` at or above the home unit.
 *
 * The reason is not stored: it is free text and could name the person, and audit rows are append-only and outlive
 * the erasure. The audit keeps its length and the counts of what was cleared.
 */
export async function erasePerson({ db, storage, log }: Pick<PeopleDeps, 'db' | 'storage' | 'log'>, actor: Actor, id: number, reason: string, ip: string) {
  const person = await personInTurf(db, actor, id);
  if (person.erased_at) throw new AppError('person_erased', 'this person’s data has already been erased');
  if (person.merged_into !== null) throw new AppError('conflict', `this record was merged into person ${person.merged_into}; erase that one`);
  requireHolds(actor, 'people.manage', person, 'your positions do not allow erasing this person');
  if (id === actor.personId) throw new AppError('forbidden', 'ask someone above you to erase your own record');
  const { answer, shas } = await db.transaction().execute(async (trx) => {
    // Taken under the row lock, so a merge into this person cannot slip in between.
    await trx.selectFrom('people').select('id').where('id', '=', id).forUpdate().execute();
    const ids = await recordIds(trx, id);
    const names = (await trx.selectFrom('people').select('name').where('id', 'in', ids).execute()).map((r) => r.name);
    const authored = await eraseAuthored(trx, ids, names);
    const hashes = (await trx.selectFrom('people').select('phone_hash').where('id', 'in', ids).where('phone_hash', 'is not', null).execute()).map(
      (r) => r.phone_hash!,
    );
    const now = new Date();
    const consentsWithdrawn = await withdrawAllConsents(trx, ids, { by: actor.personId, method: 'erasure' });
    await trx.updateTable('consents').set({ evidence: null }).where('person_id', 'in', ids).where('evidence', 'is not', null).execute();
    const admins = await trx.deleteFrom('whatsapp_group_admins').where('person_id', 'in', ids).executeTakeFirst();
    const positions = await trx.updateTable('positions').set({ ended_at: now }).where('person_id', 'in', ids).where('ended_at', 'is', null).executeTakeFirst();
    const sessions = await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('person_id', 'in', ids)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await trx.updateTable('sessions').set({ ip: null, user_agent: null }).where('person_id', 'in', ids).execute();
    await trx.deleteFrom('otp_challenges').where('person_id', 'in', ids).execute();
    for (const hash of hashes) {
      const household = await trx
        .selectFrom('people')
        .select('id')
        .where('phone_hash', '=', hash)
        .where('id', 'not in', ids)
        .where('erased_at', 'is', null)
        .limit(1)
        .executeTakeFirst();
      if (household) continue; // the phone is still someone else's: their codes and limits stand
      await trx.deleteFrom('otp_challenges').where('phone_hash', '=', hash).execute();
      // Every feature keys its per-phone limits `<what>:phone:<base64url blind index>` (auth/sms-gate.ts).
      const suffix = `:phone:${Buffer.from(hash).toString('base64url')}`;
      await trx
        .deleteFrom('rate_limits')
        .where(sql<boolean>`right(key, ${suffix.length}) = ${suffix}`)
        .execute();
    }
    await trx
      .updateTable('people')
      .set({
        name: '',
        phone_enc: null,
        phone_hash: null,
        notes_enc: null,
        pii_key_id: null,
        search_key: null,
        client_id: null,
        tags: [],
        languages: [],
        age_band: null,
        whatsapp: false,
        erased_at: now,
        disabled_at: sql`coalesce(disabled_at, ${now})`,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .execute();
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'person.erase',
      targetType: 'person',
      targetId: id,
      ip,
      details: {
        reasonLength: reason.length,
        records: ids,
        consentsWithdrawn,
        positionsEnded: Number(positions.numUpdatedRows),
        groupAdminRowsRemoved: Number(admins.numDeletedRows),
        sessionsRevoked: Number(sessions.numUpdatedRows),
        ...authored.erased,
      },
    });
    return { answer: { id, erasedAt: now.toISOString() }, shas: authored.shas };
  });
  await removeBytes({ db, storage, log }, shas);
  return answer;
}
