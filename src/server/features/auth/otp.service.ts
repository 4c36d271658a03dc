import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { hmac, type PiiCipher } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Logger } from '../../platform/log.ts';
import { recordAudit, recordAuditNow } from '../audit/index.ts';
import { loginCandidate } from '../people/index.ts';
import { hit } from './rate-limit.ts';
import type { OtpSender } from './senders/sender.ts';
import { createSession } from './sessions.ts';

export const OTP_TTL_SECONDS = 600;
/** Wrong codes allowed for one attempt before it is burned. */
export const OTP_MAX_TRIES = 5;

export interface AuthDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  sender: OtpSender;
  log: Logger;
  /** Key for hashing codes; derived from the secret so stored code hashes are useless without it. */
  codeKey: Uint8Array;
  sessionDays: number;
}

const codeHash = (key: Uint8Array, attemptId: string, code: string) => hmac(key, attemptId, code);

/**
 * Starts a login: records an attempt bound to this phone and returns its id. The answer is the same whether or
 * not the number belongs to anyone; a code is sent (after the answer, so timing tells nothing) only if it does.
 */
export async function requestOtp(deps: AuthDeps, phone: string, ip: string) {
  const phoneHash = deps.cipher.blindIndex(phone);
  const phoneKey = Buffer.from(phoneHash).toString('base64url');
  // The address first: a request refused for its address must not use up the number's allowance.
  await hit(deps.db, [
    { key: `otp:ip:${ip}`, max: 30, windowSeconds: 900 },
    { key: `otp:phone:${phoneKey}`, max: 5, windowSeconds: 900 },
  ]);
  const personId = await loginCandidate(deps.db, phoneHash);
  const attemptId = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db
    .insertInto('otp_challenges')
    .values({
      id: attemptId,
      phone_hash: phoneHash,
      code_hash: codeHash(deps.codeKey, attemptId, code),
      person_id: personId ?? null,
      purpose: 'login',
      ip,
      expires_at: new Date(Date.now() + OTP_TTL_SECONDS * 1000),
    })
    .execute();
  if (Math.random() < 0.01)
    await deps.db
      .deleteFrom('otp_challenges')
      .where('expires_at', '<', new Date(Date.now() - 86_400_000))
      .execute();
  if (personId !== undefined) {
    deps.sender.send(phone, code).catch((err: Error) => deps.log.error({ err: err.message, attemptId }, 'otp not delivered'));
  }
  return { attemptId, expiresInSeconds: OTP_TTL_SECONDS };
}

/**
 * Finishes a login: the code must match the attempt it was issued for, for the same phone, within ten minutes,
 * once. Wrong guesses count against the attempt and the address. Returns a new session.
 */
export async function verifyOtp(deps: AuthDeps, v: { phone: string; code: string; attemptId: string; ip: string; userAgent?: string | undefined }) {
  await hit(deps.db, [{ key: `verify:ip:${v.ip}`, max: 60, windowSeconds: 900 }]);
  const phoneHash = deps.cipher.blindIndex(v.phone);
  // The transaction returns failures instead of throwing them, so that a wrong guess still counts.
  const outcome = await deps.db.transaction().execute(async (trx) => {
    // Only a login code signs in: a code sent to prove a phone at self sign-up or withdrawal is no login.
    const attempt = await trx
      .selectFrom('otp_challenges')
      .selectAll()
      .where('id', '=', v.attemptId)
      .where('purpose', '=', 'login')
      .forUpdate()
      .executeTakeFirst();
    if (!attempt || !Buffer.from(attempt.phone_hash).equals(Buffer.from(phoneHash))) return { failed: 'otp_invalid', why: 'no such attempt' } as const;
    if (attempt.consumed_at || attempt.attempts >= OTP_MAX_TRIES || attempt.expires_at < new Date()) {
      return { failed: 'otp_expired', why: 'attempt used up or expired' } as const;
    }
    const expected = Buffer.from(attempt.code_hash);
    const given = Buffer.from(codeHash(deps.codeKey, attempt.id, v.code));
    // Who may sign in is asked again now: a person disabled (or stripped of positions) since the code was sent
    // must not get in with it.
    const stillAllowed = attempt.person_id !== null && (await loginCandidate(trx, phoneHash)) === attempt.person_id;
    if (!timingSafeEqual(expected, given) || !stillAllowed) {
      await trx
        .updateTable('otp_challenges')
        .set({ attempts: attempt.attempts + 1 })
        .where('id', '=', attempt.id)
        .execute();
      return { failed: 'otp_invalid', why: 'wrong code' } as const;
    }
    await trx.updateTable('otp_challenges').set({ consumed_at: new Date() }).where('id', '=', attempt.id).execute();
    const session = await createSession(trx, { personId: attempt.person_id!, days: deps.sessionDays, ip: v.ip, userAgent: v.userAgent });
    await recordAudit(trx, { actorId: attempt.person_id!, action: 'auth.login', targetType: 'session', targetId: session.id, ip: v.ip });
    return { failed: null, personId: attempt.person_id!, ...session };
  });
  if (outcome.failed) {
    await recordAuditNow(deps.db, { actorId: null, action: 'auth.login', outcome: 'failed', ip: v.ip, details: { why: outcome.why, attemptId: v.attemptId } });
    throw new AppError(outcome.failed, outcome.failed === 'otp_expired' ? 'the code has expired or was used; ask for a new one' : 'the code is not right');
  }
  return outcome;
}
