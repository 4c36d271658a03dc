import type { Captured, CapturePerson } from '../../../../contracts/people.ts';
import { isUniqueViolation } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { unitInTurf } from '../../org/index.ts';
import { recordConsents } from '../consent/consent.repo.ts';
import type { PeopleDeps } from '../deps.ts';
import { insertPerson } from '../people.repo.ts';
import { summaryOf } from './present.ts';
import { findAtUnit, findByClientId, lockPhoneAtUnit } from './registry.repo.ts';

const childConsent = () => new AppError('child_not_allowed', 'children under 18 cannot consent to messages or groups');

/**
 * One person met door to door, with the consents they gave on the worker's phone. Anyone whose turf covers the unit
 * may capture (booth workers too). Retried syncs are idempotent by `clientId`; the same phone and name at the same
 * unit is the person already known (their new consents are added); anyone else on a known phone is a household member,
 * so a new record. Children may be recorded but never consent. Answers `created: false` (HTTP 200) for a known
 * record and `created: true` (201) for a new one.
 */
export async function capturePerson(
  deps: Pick<PeopleDeps, 'db' | 'cipher' | 'log'>,
  actor: Actor,
  unitId: number,
  input: CapturePerson,
  ip: string,
): Promise<Captured> {
  const { db, cipher } = deps;
  const unit = await unitInTurf(db, actor.turf, unitId);
  if (unit.archived_at) throw new AppError('conflict', 'the unit is archived');
  if (input.ageBand === 'under_18' && input.consents.length > 0) throw childConsent();
  const phoneHash = input.phone ? cipher.blindIndex(input.phone) : null;
  // A form that waited offline carries when it was filled; a device clock ahead of ours does not date consent in the future.
  const givenAt = input.capturedAt ? new Date(Math.min(Date.parse(input.capturedAt), Date.now())) : undefined;

  let outcome: { id: number; created: boolean };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      if (input.clientId) {
        const earlier = await findByClientId(trx, input.clientId);
        if (earlier) return retried(actor, earlier);
      }
      if (phoneHash) await lockPhoneAtUnit(trx, unit.id, phoneHash);
      const known = phoneHash ? await findAtUnit(trx, unit.id, phoneHash, input.name) : undefined;
      if (known?.age_band === 'under_18' && input.consents.length > 0) throw childConsent();
      const id =
        known?.id ??
        (await insertPerson(trx, cipher, {
          name: input.name,
          phone: input.phone ?? null,
          homeUnitId: unit.id,
          whatsapp: input.whatsapp,
          ageBand: input.ageBand ?? null,
          languages: input.languages,
          tags: input.tags,
          notes: input.notes || null,
          clientId: input.clientId ?? null,
          source: 'capture',
          createdBy: actor.personId,
        }));
      const consents = await recordConsents(trx, id, input.consents, { method: 'in_person', recordedBy: actor.personId, at: givenAt });
      if (!known || consents.length > 0) {
        await recordAudit(trx, {
          actorId: actor.personId,
          action: 'person.capture',
          targetType: 'person',
          targetId: id,
          ip,
          details: { unitId: unit.id, created: !known, consents },
        });
      }
      return { id, created: !known };
    });
  } catch (error) {
    // Two syncs of one form racing: the second meets the unique index on client_id and answers what the first made.
    if (input.clientId && isUniqueViolation(error, 'people_client_id')) {
      const earlier = await findByClientId(db, input.clientId);
      if (earlier) outcome = retried(actor, earlier);
      else throw error;
    } else throw error;
  }
  deps.log.debug({ personId: outcome.id, unitId: unit.id, created: outcome.created }, 'person captured');
  return { person: await summaryOf(db, cipher, outcome.id), created: outcome.created };
}

/** A form synced again: the record it made the first time, if it was this caller's; another's id is a conflict. */
function retried(actor: Actor, earlier: { id: number; created_by: number | null; merged_into: number | null }) {
  if (earlier.created_by !== actor.personId) throw new AppError('conflict', 'this client id belongs to another record');
  return { id: earlier.merged_into ?? earlier.id, created: false };
}
