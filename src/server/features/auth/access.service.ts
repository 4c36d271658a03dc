import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { personUnitPaths } from '../people/index.ts';
import { revokeSessionsOf } from './sessions.ts';

const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');

/**
 * Disables a person: they can no longer sign in and every session they have ends now. Allowed to whoever
 * manages people above one of the person's units.
 */
export async function disablePerson(db: Kysely<Schema>, actor: Actor, personId: number, ip: string) {
  const paths = await personUnitPaths(db, personId);
  if (!paths.some((p) => actor.turf.covers(p))) throw notFound('person');
  if (personId === actor.personId || !paths.some((p) => parentOf(p) && actor.turf.can('people.manage', parentOf(p)))) {
    throw new AppError('forbidden', 'your positions do not allow disabling this person');
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('people')
      .set({ disabled_at: new Date(), updated_at: new Date() })
      .where('id', '=', personId)
      .where('disabled_at', 'is', null)
      .execute();
    const sessionsEnded = await revokeSessionsOf(trx, personId);
    // Codes already sent die with the sessions.
    await trx.updateTable('otp_challenges').set({ consumed_at: new Date() }).where('person_id', '=', personId).where('consumed_at', 'is', null).execute();
    await recordAudit(trx, { actorId: actor.personId, action: 'person.disable', targetType: 'person', targetId: personId, ip, details: { sessionsEnded } });
    return { ok: true as const, sessionsEnded };
  });
}
