import type { Kysely, Transaction } from 'kysely';
import type { OfficeBearer } from '../../../contracts/org.ts';
import type { CreatePosition, EndedPosition } from '../../../contracts/positions.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { isUniqueViolation, type Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import type { Logger } from '../../platform/log.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findLiveByPhoneAndName, hasPower, insertPerson, personInTurf } from '../people/index.ts';
import { requireAbove } from './manage.ts';
import * as repo from './positions.repo.ts';
import { unitInTurf } from './turf.ts';

/** What the positions service needs; the org routes take the same. */
export interface PositionDeps {
  db: Kysely<Schema>;
  /** Encrypts the phone of a person added by an appointment. */
  cipher: PiiCipher;
  /** Where an import that failed on the server says so. */
  log?: Logger;
}

const exists = () => new AppError('position_exists', 'this person already holds this position here');

/**
 * Appoints a person to a role (in a department, or none) at a unit. Needs `positions.manage` strictly above the unit;
 * the person is either someone inside the caller's turf, by id, or a name and phone (see CreatePosition). Audited.
 */
export async function createPosition({ db, cipher }: PositionDeps, actor: Actor, unitId: number, input: CreatePosition, ip: string): Promise<OfficeBearer> {
  const unit = await unitInTurf(db, actor.turf, unitId);
  requireAbove(actor, 'positions.manage', unit.path, 'your positions do not allow appointing people here');
  if (unit.archived_at) throw new AppError('conflict', 'the unit is archived');
  const department = input.department ?? null;
  const [role, dept] = await Promise.all([repo.roleByCode(db, input.role), department ? repo.departmentByCode(db, department) : null]);
  if (!role) throw new AppError('unknown_role', `no role ${input.role}`);
  if (department && !dept) throw new AppError('unknown_department', `no department ${department}`);
  try {
    return await db.transaction().execute(async (trx) => {
      const person = await personFor(trx, cipher, actor, input.person, unit.id);
      const bearer = await writeAppointment(trx, { actorId: actor.personId, ip, unitId: unit.id, person, role: role.code, department });
      if (!bearer) throw exists();
      return bearer;
    });
  } catch (error) {
    // Two appointments of the same person racing: the second meets the unique index.
    if (isUniqueViolation(error, 'positions_live')) throw exists();
    throw error;
  }
}

/**
 * The appointment once every check has passed (one by one here, row by row by the positions CSV): the live position
 * and its audit row, in the caller's transaction. Undefined when the person holds it already (nothing written).
 */
export async function writeAppointment(
  trx: Transaction<Schema>,
  a: {
    actorId: number | null;
    ip: string | null;
    unitId: number;
    person: { id: number; name: string; created: boolean };
    role: string;
    department: string | null;
    via?: 'import';
  },
): Promise<OfficeBearer | undefined> {
  const wanted = { personId: a.person.id, unitId: a.unitId, role: a.role, department: a.department };
  if (await repo.findLivePosition(trx, wanted)) return undefined;
  const positionId = await repo.insertPosition(trx, wanted);
  await recordAudit(trx, {
    actorId: a.actorId,
    action: 'position.create',
    targetType: 'position',
    targetId: positionId,
    ip: a.ip,
    details: { unitId: a.unitId, personId: a.person.id, role: a.role, department: a.department, newPerson: a.person.created, ...(a.via ? { via: a.via } : {}) },
  });
  return repo.presentBearer({ positionId, personId: a.person.id, name: a.person.name, role: a.role, department: a.department });
}

/**
 * The person an appointment names: someone in the caller's turf by id, over whom the caller has power (an appointment
 * is power over a person: nobody appoints someone at or above their own rank), or found or added by name and phone.
 */
async function personFor(trx: Transaction<Schema>, cipher: PiiCipher, actor: Actor, ref: CreatePosition['person'], unitId: number) {
  if ('id' in ref) {
    const person = await personInTurf(trx, actor, ref.id);
    if (!hasPower(actor, 'positions.manage', person)) throw new AppError('forbidden', 'your positions do not allow appointing this person');
    if (person.disabled_at) throw new AppError('conflict', 'this person is disabled');
    if (person.erased_at || person.merged_into !== null) throw notFound('person');
    return { id: person.id, name: person.name, created: false };
  }
  return personByPhoneAndName(trx, cipher, ref, unitId, actor.personId);
}

/**
 * Same phone and same name: the same person, wherever they are. Anything else is a new person at the unit (several
 * people may share a household phone), so the answer never tells whether the phone is known elsewhere.
 */
export async function personByPhoneAndName(
  trx: Transaction<Schema>,
  cipher: PiiCipher,
  ref: { name: string; phone: string },
  unitId: number,
  createdBy: number | null,
) {
  const known = await findLiveByPhoneAndName(trx, cipher.blindIndex(ref.phone), ref.name);
  if (known) return { ...known, created: false };
  const id = await insertPerson(trx, cipher, { name: ref.name, phone: ref.phone, homeUnitId: unitId, source: 'position', createdBy });
  return { id, name: ref.name, created: true };
}

/** Ends a live position now. Needs `positions.manage` strictly above its unit; outside the turf it is not found. Audited. */
export async function endPosition({ db }: Pick<PositionDeps, 'db'>, actor: Actor, positionId: number, ip: string): Promise<EndedPosition> {
  const position = await repo.findPosition(db, positionId);
  if (!position || !actor.turf.covers(position.path)) throw notFound('position');
  requireAbove(actor, 'positions.manage', position.path, 'your positions do not allow ending this position');
  const ended = await db.transaction().execute(async (trx) => {
    const endedAt = await repo.endPosition(trx, positionId);
    if (!endedAt) throw new AppError('conflict', 'the position has already ended');
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'position.end',
      targetType: 'position',
      targetId: positionId,
      ip,
      details: { unitId: position.unit_id, personId: position.person_id, role: position.role, department: position.department },
    });
    return endedAt;
  });
  return {
    ...repo.presentBearer({ positionId, personId: position.person_id, name: position.name, role: position.role, department: position.department }),
    unitId: position.unit_id,
    endedAt: ended.toISOString(),
  };
}
