import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { hmac } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';

/**
 * One-time codes, for login and for proving a phone on the public pages alike (otp_challenges): 6 digits, stored as
 * HMAC(attempt, code), valid 10 minutes, single use, burned after 5 wrong tries, bound to the phone and to their
 * purpose, so a code sent for one purpose proves nothing for another.
 */
export const OTP_TTL_SECONDS = 600;
/** Wrong codes allowed for one attempt before it is burned. */
export const OTP_MAX_TRIES = 5;

export type ChallengePurpose = 'login' | 'signup' | 'withdraw' | 'phone_change';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records a new attempt and returns its id and the code to send; only the code's HMAC is kept. */
export async function createChallenge(
  db: Kysely<Schema>,
  codeKey: Uint8Array,
  v: { phoneHash: Uint8Array; personId: number | null; purpose: ChallengePurpose; ip: string },
): Promise<{ attemptId: string; code: string }> {
  const attemptId = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db
    .insertInto('otp_challenges')
    .values({
      id: attemptId,
      phone_hash: v.phoneHash,
      code_hash: hmac(codeKey, attemptId, code),
      person_id: v.personId,
      purpose: v.purpose,
      ip: v.ip,
      expires_at: new Date(Date.now() + OTP_TTL_SECONDS * 1000),
    })
    .execute();
  return { attemptId, code };
}

export type ChallengeCheck = { failed: null; personId: number | null } | { failed: 'otp_invalid' | 'otp_expired'; why: string };

/**
 * Spends the attempt if the code is right, inside the caller's transaction (so the code is used only if what it
 * proves is done). A wrong code counts against the attempt and is returned, not thrown, so that the caller can commit
 * the count. `stillAllowed`, asked whatever the code, can refuse a right code as if it were wrong (a person disabled
 * since the code was sent).
 */
export async function consumeChallenge(
  trx: Transaction<Schema>,
  codeKey: Uint8Array,
  v: { attemptId: string; phoneHash: Uint8Array; code: string; purpose: ChallengePurpose },
  stillAllowed: (personId: number | null) => Promise<boolean> = async () => true,
): Promise<ChallengeCheck> {
  if (!UUID.test(v.attemptId)) return { failed: 'otp_invalid', why: 'no such attempt' };
  const attempt = await trx
    .selectFrom('otp_challenges')
    .selectAll()
    .where('id', '=', v.attemptId)
    .where('purpose', '=', v.purpose)
    .forUpdate()
    .executeTakeFirst();
  if (!attempt || !Buffer.from(attempt.phone_hash).equals(Buffer.from(v.phoneHash))) return { failed: 'otp_invalid', why: 'no such attempt' };
  if (attempt.consumed_at || attempt.attempts >= OTP_MAX_TRIES || attempt.expires_at < new Date())
    return { failed: 'otp_expired', why: 'attempt used up or expired' };
  const expected = Buffer.from(attempt.code_hash);
  const given = Buffer.from(hmac(codeKey, attempt.id, v.code));
  const allowed = await stillAllowed(attempt.person_id);
  if (!timingSafeEqual(expected, given) || !allowed) {
    await trx
      .updateTable('otp_challenges')
      .set({ attempts: attempt.attempts + 1 })
      .where('id', '=', attempt.id)
      .execute();
    return { failed: 'otp_invalid', why: 'wrong code' };
  }
  await trx.updateTable('otp_challenges').set({ consumed_at: new Date() }).where('id', '=', attempt.id).execute();
  return { failed: null, personId: attempt.person_id };
}

/** The error a failed check answers with. */
export function challengeError(failed: 'otp_invalid' | 'otp_expired'): AppError {
  return new AppError(failed, failed === 'otp_expired' ? 'the code has expired or was used; ask for a new one' : 'the code is not right');
}
