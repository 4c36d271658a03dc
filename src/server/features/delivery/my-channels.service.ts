import type { Kysely } from 'kysely';
import type { MyChannels, SetMyChannels } from '../../../contracts/delivery.ts';
import { maskPhone } from '../../../contracts/phone-format.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { saveContactPoint } from './contact-points.ts';

interface Deps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
}

const maskEmail = (email: string) => email.replace(/^(.)[^@]*(@.*)$/, '$1•••$2');

/** How the caller is reached outside the app (messages still need their consent for the purpose). */
export async function myChannels(deps: Deps, actor: Actor): Promise<MyChannels> {
  const rows = await deps.db
    .selectFrom('contact_points')
    .select(['channel', 'address_enc'])
    .where('person_id', '=', actor.personId)
    .where('revoked_at', 'is', null)
    .execute();
  // An erased person's addresses are blanked (address_enc null); they are no way to reach anyone.
  const one = (channel: string) => rows.find((r) => r.channel === channel)?.address_enc ?? null;
  const sms = one('sms');
  const email = one('email');
  return {
    pushDevices: rows.filter((r) => r.channel === 'push').length,
    sms: sms ? maskPhone(deps.cipher.decrypt(sms)) : null,
    email: email ? maskEmail(deps.cipher.decrypt(email)) : null,
  };
}

/**
 * The caller turns SMS to their own number on or off, and sets or clears an email address. SMS goes only to the number
 * on their record, so no one can point Setu's messages at someone else's phone. Audited without the addresses.
 */
export async function setMyChannels(deps: Deps, actor: Actor, body: SetMyChannels, ip: string): Promise<MyChannels> {
  await deps.db.transaction().execute(async (trx) => {
    const revoke = (channel: 'sms' | 'email') =>
      trx
        .updateTable('contact_points')
        .set({ revoked_at: new Date() })
        .where('person_id', '=', actor.personId)
        .where('channel', '=', channel)
        .where('revoked_at', 'is', null)
        .execute();
    if (body.sms !== undefined) {
      await revoke('sms');
      if (body.sms) {
        const me = await trx.selectFrom('people').select('phone_enc').where('id', '=', actor.personId).executeTakeFirstOrThrow();
        if (!me.phone_enc) throw new AppError('validation', 'there is no phone number on your record', [{ path: 'sms', message: 'no phone' }]);
        await saveContactPoint(trx, deps.cipher, { personId: actor.personId, channel: 'sms', address: deps.cipher.decrypt(me.phone_enc) });
      }
    }
    if (body.email !== undefined) {
      await revoke('email');
      if (body.email) await saveContactPoint(trx, deps.cipher, { personId: actor.personId, channel: 'email', address: body.email });
    }
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'contact.set',
      targetType: 'person',
      targetId: actor.personId,
      ip,
      details: { sms: body.sms ?? null, email: body.email === undefined ? null : body.email !== null },
    });
  });
  return myChannels(deps, actor);
}
