import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { hmac } from '../../../platform/crypto.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { hit, OTP_MAX_TRIES, OTP_TTL_SECONDS } from '../../auth/index.ts';
import type { PeopleDeps } from '../deps.ts';

/**
 * One-time codes that prove a phone on the public pages, kept like login codes (otp_challenges, HMAC of attempt and
 * code, 10 minutes, single use, 5 tries, bound to the phone) but each good only for its purpose: a sign-up code does
 * not sign anyone in, and a login code does not join or withdraw.
 */
export type CodePurpose = 'signup' | 'withdraw';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Per address and per number, as for login; both in the database, so every server process shares them. */
const LIMITS = { ipMax: 30, phoneMax: 5, verifyIpMax: 60, windowSeconds: 900 };

/**
 * Records an attempt bound to the phone and returns its id. `send` decides whether a code actually goes out (the
 * withdrawal page sends only to known numbers); the answer is the same either way, and the code is sent after it.
 */
export async function issueCode(
  deps: Pick<PeopleDeps, 'db' | 'cipher' | 'codeKey' | 'sendCode' | 'log'>,
  v: { phone: string; purpose: CodePurpose; ip: string; send: (phoneHash: Uint8Array) => Promise<boolean> },
): Promise<{ attemptId: string; expiresInSeconds: number }> {
  const phoneHash = deps.cipher.blindIndex(v.phone);
  // The address first: a request refused for its address must not use up the number's allowance.
  await hit(deps.db, [
    { key: `${v.purpose}:ip:${v.ip}`, max: LIMITS.ipMax, windowSeconds: LIMITS.windowSeconds },
    { key: `${v.purpose}:phone:${Buffer.from(phoneHash).toString('base64url')}`, max: LIMITS.phoneMax, windowSeconds: LIMITS.windowSeconds },
  ]);
  const attemptId = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db
    .insertInto('otp_challenges')
    .values({
      id: attemptId,
      phone_hash: phoneHash,
      code_hash: hmac(deps.codeKey, attemptId, code),
      person_id: null,
      purpose: v.purpose,
      ip: v.ip,
      expires_at: new Date(Date.now() + OTP_TTL_SECONDS * 1000),
    })
    .execute();
  if (await v.send(phoneHash)) {
    // Not awaited: how long the gateway takes must not tell anything.
    deps.sendCode(v.phone, code).catch((err: Error) => deps.log.error({ err: err.message, attemptId, purpose: v.purpose }, 'code not delivered'));
  }
  return { attemptId, expiresInSeconds: OTP_TTL_SECONDS };
}

/** Counts a verification against the address before anything is looked up. */
export async function hitVerify(db: Kysely<Schema>, purpose: CodePurpose, ip: string): Promise<void> {
  await hit(db, [{ key: `${purpose}-verify:ip:${ip}`, max: LIMITS.verifyIpMax, windowSeconds: LIMITS.windowSeconds }]);
}

export type CodeCheck = { failed: null } | { failed: 'otp_invalid' | 'otp_expired'; why: string };

/**
 * Spends the attempt if the code is right, inside the caller's transaction (so the code is used only if what it
 * proves is done). A wrong code counts against the attempt and is returned, not thrown, so that the caller can
 * commit the count.
 */
export async function consumeCode(
  trx: Transaction<Schema>,
  codeKey: Uint8Array,
  v: { attemptId: string; phoneHash: Uint8Array; code: string; purpose: CodePurpose },
): Promise<CodeCheck> {
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
  if (!timingSafeEqual(expected, given)) {
    await trx
      .updateTable('otp_challenges')
      .set({ attempts: attempt.attempts + 1 })
      .where('id', '=', attempt.id)
      .execute();
    return { failed: 'otp_invalid', why: 'wrong code' };
  }
  await trx.updateTable('otp_challenges').set({ consumed_at: new Date() }).where('id', '=', attempt.id).execute();
  return { failed: null };
}

/** The error a failed check answers with. */
export function codeError(failed: 'otp_invalid' | 'otp_expired'): AppError {
  return new AppError(failed, failed === 'otp_expired' ? 'the code has expired or was used; ask for a new one' : 'the code is not right');
}
