import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPower, personInTurf } from '../people/index.ts';
import { revokeSessionsOf } from './sessions.ts';

/**
 * Disables a person: they can no longer sign in and every session they have ends now. Needs `people.manage` power
 * over them (above every unit where they hold a position; see people's `hasPower`).
 */
export async function disablePerson(db: Kysely<Schema>, actor: Actor, personId: number, ip: string) {
  const person = await personInTurf(db, actor, personId);
  if (!hasPower(actor, 'people.manage', person)) throw new AppError('forbidden', 'your positions do not allow disabling this person');
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
