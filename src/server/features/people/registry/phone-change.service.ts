import type { ConfirmPhoneChange, PersonDetail, PhoneChangeStarted } from '../../../../contracts/people.ts';
import { maskPhone } from '../../../../contracts/phone.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit, recordAuditNow } from '../../audit/index.ts';
import { challengeError, consumeChallenge, createChallenge, OTP_TTL_SECONDS } from '../../auth/index.ts';
import type { PeopleDeps } from '../deps.ts';
import { mayEdit, personInTurf, requireLive, type LoadedPerson } from './access.ts';
import { presentDetail } from './present.ts';

type Deps = Pick<PeopleDeps, 'db' | 'cipher' | 'codeKey' | 'sms' | 'sendNotice' | 'log'>;

/** Whether the person's phone signs them in: a live position makes it their login identity. */
export const phoneSignsIn = (p: LoadedPerson) => p.held.length > 0;

/** The refusal a plain edit of a login number meets: the change goes through a code to the new number. */
export const needsCode = () =>
  new AppError(
    'phone_change_needs_code',
    'this phone signs a worker in: change it with POST /api/people/{id}/phone-change, which sends a code to the new number',
  );

/**
 * Starts changing a person's phone: whoever may edit the person names the new number, a one-time code goes to it,
 * and nothing changes until the code comes back. Limited per editor and per number (a code is an SMS). Audited
 * without the number.
 */
export async function requestPhoneChange(deps: Deps, actor: Actor, id: number, phone: string, ip: string): Promise<PhoneChangeStarted> {
  const { db, cipher, codeKey } = deps;
  const person = await personInTurf(db, actor, id);
  requireLive(person);
  if (!mayEdit(actor, person)) throw new AppError('forbidden', 'your positions do not allow changing this person');
  const phoneHash = cipher.blindIndex(phone);
  // The SMS gate's countries, caps and budget, as for every code; and at most ten changes an hour per editor.
  await deps.sms.admit({
    phone,
    phoneHash,
    purpose: 'phone_change',
    ip,
    limits: [{ key: `phone_change:actor:${actor.personId}`, max: 10, windowSeconds: 3600 }],
  });
  const { attemptId, code } = await createChallenge(db, codeKey, { phoneHash, personId: id, purpose: 'phone_change', ip });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('phone_changes')
      .values({
        attempt_id: attemptId,
        person_id: id,
        phone_enc: cipher.encrypt(phone),
        phone_hash: phoneHash,
        pii_key_id: cipher.keyId,
        requested_by: actor.personId,
      })
      .execute();
    await recordAudit(trx, { actorId: actor.personId, action: 'person.phone_change.request', targetType: 'person', targetId: id, ip, details: { attemptId } });
  });
  void deps.sms.send(phone, code, { attemptId, purpose: 'phone_change' });
  return { attemptId, expiresInSeconds: OTP_TTL_SECONDS, sentTo: maskPhone(phone) };
}

/**
 * Finishes a phone change with the code the new number received. Only the editor who asked may finish it, and only
 * while they still may edit the person. The new number replaces the old, the person's sessions end (their devices
 * sign in again with the new number), and the old number is told, in Hindi and English.
 */
export async function confirmPhoneChange(deps: Deps, actor: Actor, id: number, input: ConfirmPhoneChange, ip: string): Promise<PersonDetail> {
  const { db, cipher, codeKey } = deps;
  const person = await personInTurf(db, actor, id);
  requireLive(person);
  if (!mayEdit(actor, person)) throw new AppError('forbidden', 'your positions do not allow changing this person');
  const pending = await db
    .selectFrom('phone_changes')
    .selectAll()
    .where('attempt_id', '=', input.attemptId)
    .where('person_id', '=', id)
    .where('requested_by', '=', actor.personId)
    .where('applied_at', 'is', null)
    .executeTakeFirst();
  const oldPhone = person.phone_enc ? cipher.decrypt(person.phone_enc) : null;
  const outcome = await db.transaction().execute(async (trx) => {
    // Another editor's change, one already made or never asked for: refused like a wrong code, and audited as one.
    if (!pending?.phone_hash || !pending.phone_enc) return { failed: 'otp_invalid' as const, why: 'no such change waiting for this editor' };
    const check = await consumeChallenge(
      trx,
      codeKey,
      { attemptId: input.attemptId, phoneHash: pending.phone_hash, code: input.code, purpose: 'phone_change' },
      async (personId) => personId === id,
    );
    if (check.failed) return check;
    const now = new Date();
    await trx
      .updateTable('people')
      .set({ phone_enc: pending.phone_enc, phone_hash: pending.phone_hash, pii_key_id: pending.pii_key_id, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx.updateTable('phone_changes').set({ applied_at: now }).where('attempt_id', '=', input.attemptId).execute();
    const ended = await trx.updateTable('sessions').set({ revoked_at: now }).where('person_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'person.phone_change',
      targetType: 'person',
      targetId: id,
      ip,
      details: { attemptId: input.attemptId, sessionsEnded: Number(ended.numUpdatedRows), oldNumberTold: oldPhone !== null },
    });
    return { failed: null };
  });
  if (outcome.failed) {
    await recordAuditNow(db, {
      actorId: actor.personId,
      action: 'person.phone_change',
      outcome: 'failed',
      targetType: 'person',
      targetId: id,
      ip,
      details: { why: outcome.why, attemptId: input.attemptId },
    });
    throw challengeError(outcome.failed);
  }
  if (oldPhone) {
    const newPhone = maskPhone(cipher.decrypt(pending!.phone_enc!));
    deps
      .sendNotice(oldPhone, noticeText(newPhone))
      .catch((err: Error) => deps.log.error({ err: err.message, attemptId: input.attemptId }, 'phone change notice not delivered'));
  }
  return presentDetail(db, cipher, actor, await personInTurf(db, actor, id));
}

/** What the old number reads: the change, where to (masked), and what to do if it was not wanted. */
export function noticeText(newPhoneMasked: string): string {
  return (
    `सेतु: आपका लॉग इन नंबर बदलकर ${newPhoneMasked} कर दिया गया है। यदि आपने यह नहीं कहा था, तो तुरंत अपने संयोजक को बताएँ। ` +
    `Setu: your sign-in number was changed to ${newPhoneMasked}. If you did not ask for this, tell your convener at once.`
  );
}
