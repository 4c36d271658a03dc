import type { Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { createChallenge, hit, OTP_TTL_SECONDS } from '../../auth/index.ts';
import type { PeopleDeps } from '../deps.ts';

/**
 * One-time codes that prove a phone on the public pages: auth's challenges (auth/challenges.ts), each good only for
 * its purpose, so a sign-up code does not sign anyone in and a login code does not join or withdraw; their own rate
 * limits here.
 */
export type CodePurpose = 'signup' | 'withdraw';

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
  const { attemptId, code } = await createChallenge(deps.db, deps.codeKey, { phoneHash, personId: null, purpose: v.purpose, ip: v.ip });
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
