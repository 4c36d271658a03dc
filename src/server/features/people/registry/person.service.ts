import { sql } from 'kysely';
import type { PatchPerson, PeoplePage, PersonDetail } from '../../../../contracts/people.ts';
import { whatsappLink } from '../../../../contracts/phone.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { unitInTurf } from '../../org/index.ts';
import { withdrawConsent } from '../consent/consent.repo.ts';
import type { PeopleDeps } from '../deps.ts';
import { mayEdit, personInTurf, requireHolds, requireLive } from './access.ts';
import { needsCode, phoneSignsIn } from './phone-change.service.ts';
import { presentDetail, presentSummary } from './present.ts';
import { decodeCursor, encodeCursor, listPeople, searchWords } from './registry.repo.ts';

type Deps = Pick<PeopleDeps, 'db' | 'cipher'>;

/**
 * People whose home unit is in the unit's subtree (the unit must be in the turf), newest first, or with `q` the
 * closest names first; phones masked.
 */
export async function listUnitPeople(
  { db, cipher }: Deps,
  actor: Actor,
  unitId: number,
  q: { q?: string | undefined; consent?: string | undefined; kind?: 'worker' | 'supporter' | undefined; limit: number; cursor?: string | undefined },
): Promise<PeoplePage> {
  const unit = await unitInTurf(db, actor.turf, unitId);
  const before = q.cursor ? decodeCursor(q.cursor) : undefined;
  const words = q.q ? await searchWords(db, q.q) : [];
  // A query of punctuation only names nobody.
  if (q.q && words.length === 0) return { items: [], nextCursor: null };
  const rows = await listPeople(db, { unitPath: unit.path, words, consent: q.consent, kind: q.kind, limit: q.limit, before });
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => presentSummary(cipher, r)), nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!) : null };
}

/** A person the caller can see; an erased record answers `person_erased`, a merged one says where it went (`mergedInto`). */
export async function getPerson({ db, cipher }: Deps, actor: Actor, id: number): Promise<PersonDetail> {
  const person = await personInTurf(db, actor, id);
  if (person.erased_at) throw new AppError('person_erased', 'this person’s data has been erased');
  return presentDetail(db, cipher, actor, person);
}

/**
 * Changes a person's details. Allowed to whoever has power over the person, and to the worker who captured the record
 * while the person holds no position (see `mayEdit`); a new home unit must be in the caller's turf. The phone of
 * someone it signs in is not changed here: that takes a code to the new number (phone-change.service.ts). Marking someone a child closes their consents:
 * children are never messaged. The audit names the fields changed, never their values.
 */
export async function patchPerson({ db, cipher }: Deps, actor: Actor, id: number, input: PatchPerson, ip: string): Promise<PersonDetail> {
  const person = await personInTurf(db, actor, id);
  requireLive(person);
  if (!mayEdit(actor, person)) throw new AppError('forbidden', 'your positions do not allow changing this person');
  if (input.phone !== undefined && phoneSignsIn(person)) {
    const same = input.phone !== null && person.phone_hash !== null && Buffer.from(cipher.blindIndex(input.phone)).equals(Buffer.from(person.phone_hash));
    if (!same) throw needsCode();
  }
  if (input.homeUnitId !== undefined && input.homeUnitId !== person.home_unit_id) {
    const unit = await unitInTurf(db, actor.turf, input.homeUnitId);
    if (unit.archived_at) throw new AppError('conflict', 'the unit is archived');
  }
  await db.transaction().execute(async (trx) => {
    const sealed = <T>(v: T | null | undefined, seal: (v: T) => Uint8Array) => (v === undefined ? undefined : v === null ? null : seal(v));
    await trx
      .updateTable('people')
      .set({
        name: input.name,
        phone_enc: sealed(input.phone, (p) => cipher.encrypt(p)),
        phone_hash: sealed(input.phone, (p) => cipher.blindIndex(p)),
        notes_enc: input.notes === undefined ? undefined : input.notes ? cipher.encrypt(input.notes) : null,
        whatsapp: input.whatsapp,
        age_band: input.ageBand,
        languages: input.languages,
        tags: input.tags,
        home_unit_id: input.homeUnitId,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('people')
      .set({ pii_key_id: sql<number | null>`case when phone_enc is null and notes_enc is null then null else ${cipher.keyId}::smallint end` })
      .where('id', '=', id)
      .execute();
    const withdrawn: string[] = [];
    if (input.ageBand === 'under_18') {
      const live = await trx.selectFrom('consents').select('purpose').where('person_id', '=', id).where('withdrawn_at', 'is', null).execute();
      for (const c of live) if (await withdrawConsent(trx, id, c.purpose, { by: actor.personId, method: 'in_person' })) withdrawn.push(c.purpose);
    }
    const fields = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k)
      .sort();
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'person.update',
      targetType: 'person',
      targetId: id,
      ip,
      details: {
        fields,
        ...(input.homeUnitId !== undefined ? { homeUnitId: input.homeUnitId } : {}),
        ...(withdrawn.length ? { consentsWithdrawn: withdrawn } : {}),
      },
    });
  });
  return presentDetail(db, cipher, actor, await personInTurf(db, actor, id));
}

/**
 * The whole number and its one-tap WhatsApp link, for a role that may see it (`people.reveal` at or above the home
 * unit). Every reveal is audited, with no number in the record.
 */
export async function revealPhone({ db, cipher }: Deps, actor: Actor, id: number, ip: string) {
  const person = await personInTurf(db, actor, id);
  if (person.erased_at) throw new AppError('person_erased', 'this person’s data has been erased');
  requireHolds(actor, 'people.reveal', person, 'your positions do not allow seeing whole numbers');
  const phone = person.phone_enc ? cipher.decrypt(person.phone_enc) : null;
  await db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, { actorId: actor.personId, action: 'person.reveal', targetType: 'person', targetId: id, ip, details: { hasPhone: phone !== null } }),
    );
  return { phone, whatsappLink: phone ? whatsappLink(phone) : null };
}
