import { sql, type Kysely, type Transaction } from 'kysely';
import type { PersonDetail, PersonSummary } from '../../../../contracts/people.ts';
import { maskPhone } from '../../../../contracts/phone.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { inTurf } from '../../org/index.ts';
import { consentHistory, presentConsent } from '../consent/consent.repo.ts';
import { hasPower, mayEdit, type LoadedPerson } from './access.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The columns of a person in a list: the phone still sealed (masked after decrypting), live purposes, worker or not. */
export function selectSummaries(db: Db) {
  return db
    .selectFrom('people as p')
    .leftJoin('units as u', 'u.id', 'p.home_unit_id')
    .select(['p.id', 'p.name', 'p.phone_enc', 'p.whatsapp', 'p.age_band', 'p.tags', 'u.id as unit_id', 'u.level', 'u.name_en', 'u.name_hi'])
    .select(sql<boolean>`exists (select 1 from positions x where x.person_id = p.id and x.ended_at is null)`.as('worker'))
    .select(sql<string[]>`array(select c.purpose from consents c where c.person_id = p.id and c.withdrawn_at is null order by c.purpose)`.as('consents'));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['executeTakeFirstOrThrow']>>;

/** A person in a list. Only the masked phone leaves the server; decrypting ~200 rows costs well under a millisecond. */
export function presentSummary(cipher: PiiCipher, r: SummaryRow): PersonSummary {
  return {
    id: r.id,
    name: r.name,
    phoneMasked: r.phone_enc ? maskPhone(cipher.decrypt(r.phone_enc)) : null,
    whatsapp: r.whatsapp,
    ageBand: r.age_band as PersonSummary['ageBand'],
    homeUnit: r.unit_id === null ? null : { id: r.unit_id, level: r.level!, nameEn: r.name_en!, nameHi: r.name_hi! },
    consents: r.consents,
    worker: r.worker,
    tags: r.tags,
  };
}

export async function summaryOf(db: Db, cipher: PiiCipher, id: number): Promise<PersonSummary> {
  return presentSummary(cipher, await selectSummaries(db).where('p.id', '=', id).executeTakeFirstOrThrow());
}

/** Everything about a person the caller may see, the phone still masked, and what the caller may do here. */
export async function presentDetail(db: Db, cipher: PiiCipher, actor: Actor, person: LoadedPerson): Promise<PersonDetail> {
  const [summary, history, positions, household, creator] = await Promise.all([
    summaryOf(db, cipher, person.id),
    consentHistory(db, [person.id]),
    db
      .selectFrom('positions as x')
      .innerJoin('units as u', 'u.id', 'x.unit_id')
      .select(['x.id', 'x.role', 'x.department', 'u.id as unit_id', 'u.level', 'u.name_en', 'u.name_hi'])
      .where('x.person_id', '=', person.id)
      .where('x.ended_at', 'is', null)
      .orderBy('x.created_at')
      .execute(),
    // Others on the same phone, but only those the caller could see anyway: otherwise the list would tell a booth
    // worker that this number is known in another district.
    person.phone_hash
      ? db
          .selectFrom('people as o')
          .innerJoin('units as u', 'u.id', 'o.home_unit_id')
          .select(['o.id', 'o.name'])
          .where('o.phone_hash', '=', person.phone_hash)
          .where('o.id', '<>', person.id)
          .where('o.erased_at', 'is', null)
          .where('o.merged_into', 'is', null)
          .where(inTurf(actor.turf, sql.ref('u.path')))
          .orderBy('o.id')
          .execute()
      : [],
    person.created_by === null ? undefined : db.selectFrom('people').select(['id', 'name']).where('id', '=', person.created_by).executeTakeFirst(),
  ]);
  const canManage = hasPower(actor, 'people.manage', person);
  // Erased records hold nothing to act on; merged ones are acted on through the survivor.
  const live = person.erased_at === null && person.merged_into === null;
  return {
    ...summary,
    languages: person.languages,
    notes: person.notes_enc ? cipher.decrypt(person.notes_enc) : null,
    source: person.source,
    createdAt: person.created_at.toISOString(),
    createdBy: creator ?? null,
    consentHistory: history.map(presentConsent),
    positions: positions.map((x) => ({
      positionId: x.id,
      role: x.role,
      department: x.department,
      unit: { id: x.unit_id, level: x.level, nameEn: x.name_en, nameHi: x.name_hi },
    })),
    household,
    mergedInto: person.merged_into,
    can: {
      edit: live && mayEdit(actor, person),
      reveal: person.erased_at === null && hasPower(actor, 'people.reveal', person),
      erase: live && canManage && person.id !== actor.personId,
      export: canManage,
    },
  };
}
