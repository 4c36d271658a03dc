import type { Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { PowSolution } from '../../../../contracts/pow.ts';
import { createChallenge, hit, OTP_TTL_SECONDS, refund, spendPow, type Limit } from '../../auth/index.ts';
import type { PeopleDeps } from '../deps.ts';

/**
 * One-time codes that prove a phone on the public pages: auth's challenges (auth/challenges.ts), each good only for
 * its purpose, so a sign-up code does not sign anyone in and a login code does not join or withdraw.
 */
export type CodePurpose = 'signup' | 'withdraw';

/** Wrong codes per address; the code requests' caps are the SMS gate's (auth/sms-gate.ts). */
const LIMITS = { verifyIpMax: 60, windowSeconds: 900 };

/**
 * Records an attempt bound to the phone and returns its id, after the proof of work is spent and the SMS gate admits
 * the request (countries, caps, budget; `limits` adds the caller's own). `send` decides whether a code actually goes
 * out (the withdrawal page sends only to known numbers); the answer is the same either way, and the code is sent after it.
 */
export async function issueCode(
  deps: Pick<PeopleDeps, 'db' | 'cipher' | 'codeKey' | 'sms'>,
  v: { phone: string; purpose: CodePurpose; ip: string; pow: PowSolution | undefined; limits?: Limit[]; send: (phoneHash: Uint8Array) => Promise<boolean> },
): Promise<{ attemptId: string; expiresInSeconds: number }> {
  // The work first: a request that did none must not use up anyone's allowance, least of all the number's.
  await spendPow(deps.db, deps.sms.pow, v.purpose, v.pow);
  const phoneHash = deps.cipher.blindIndex(v.phone);
  await deps.sms.admit({ phone: v.phone, phoneHash, purpose: v.purpose, ip: v.ip, limits: v.limits ?? [] });
  const { attemptId, code } = await createChallenge(deps.db, deps.codeKey, { phoneHash, personId: null, purpose: v.purpose, ip: v.ip });
  // Not awaited: how long the gateway takes must not tell anything.
  if (await v.send(phoneHash)) void deps.sms.send(v.phone, code, { attemptId, purpose: v.purpose });
  return { attemptId, expiresInSeconds: OTP_TTL_SECONDS };
}

/**
 * Counts a verification against the address before anything is looked up, and returns what takes it back once the
 * code was right: only wrong guesses count, so a rally signing up on one Wi-Fi is held back only by its typos.
 */
export async function hitVerify(db: Kysely<Schema>, purpose: CodePurpose, ip: string): Promise<() => Promise<void>> {
  const guesses = [{ key: `${purpose}-verify:ip:${ip}`, max: LIMITS.verifyIpMax, windowSeconds: LIMITS.windowSeconds }];
  const now = new Date();
  await hit(db, guesses, now);
  return () => refund(db, guesses, now);
}
