import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Logger } from '../../platform/log.ts';
import { recordAudit, recordAuditNow } from '../audit/index.ts';
import { loginCandidate } from '../people/index.ts';
import { challengeError, consumeChallenge, createChallenge, OTP_TTL_SECONDS } from './challenges.ts';
import { hit, refund } from './rate-limit.ts';
import type { SmsGate } from './sms-gate.ts';
import { createSession } from './sessions.ts';

export interface AuthDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  /** Every code goes out through it: countries, caps and the hourly budget. */
  sms: SmsGate;
  log: Logger;
  /** Key for hashing codes; derived from the secret so stored code hashes are useless without it. */
  codeKey: Uint8Array;
  sessionDays: number;
}

/**
 * Starts a login: records an attempt bound to this phone and returns its id. The answer is the same whether or
 * not the number belongs to anyone (the caps and the budget are asked before that is looked up); a code is sent
 * (after the answer, so timing tells nothing) only if it does. No proof of work: only people who may sign in are ever
 * texted, so a flood of logins costs the budget nothing beyond the per-number caps of the organisation's own people.
 */
export async function requestOtp(deps: AuthDeps, phone: string, ip: string) {
  const phoneHash = deps.cipher.blindIndex(phone);
  await deps.sms.admit({ phone, phoneHash, purpose: 'login', ip });
  const personId = await loginCandidate(deps.db, phoneHash);
  const { attemptId, code } = await createChallenge(deps.db, deps.codeKey, { phoneHash, personId: personId ?? null, purpose: 'login', ip });
  if (Math.random() < 0.01)
    await deps.db
      .deleteFrom('otp_challenges')
      .where('expires_at', '<', new Date(Date.now() - 86_400_000))
      .execute();
  if (personId !== undefined) void deps.sms.send(phone, code, { attemptId, purpose: 'login' });
  return { attemptId, expiresInSeconds: OTP_TTL_SECONDS };
}

/** Wrong codes one address may try in 15 minutes, whatever number they were for. */
export const VERIFY_GUESSES_PER_ADDRESS = { max: 60, windowSeconds: 900 } as const;

/**
 * Finishes a login: the code must match the attempt it was issued for, for the same phone, within ten minutes,
 * once. Wrong guesses count against the attempt and the address; a right code is taken back from the address's count
 * (counted first, so guesses racing each other are all counted), so a hall of hundreds signing in from one Wi-Fi is
 * held back only by its typos. Returns a new session.
 */
export async function verifyOtp(deps: AuthDeps, v: { phone: string; code: string; attemptId: string; ip: string; userAgent?: string | undefined }) {
  const guesses = [{ key: `verify:ip:${v.ip}`, ...VERIFY_GUESSES_PER_ADDRESS }];
  const now = new Date();
  await hit(deps.db, guesses, now);
  const phoneHash = deps.cipher.blindIndex(v.phone);
  // The transaction returns failures instead of throwing them, so that a wrong guess still counts.
  const outcome = await deps.db.transaction().execute(async (trx) => {
    // Only a login code signs in: a code sent to prove a phone at self sign-up or withdrawal is no login. Who may
    // sign in is asked again now: a person disabled (or stripped of positions) since the code was sent must not get
    // in with it.
    const check = await consumeChallenge(
      trx,
      deps.codeKey,
      { attemptId: v.attemptId, phoneHash, code: v.code, purpose: 'login' },
      async (personId) => personId !== null && (await loginCandidate(trx, phoneHash)) === personId,
    );
    if (check.failed) return check;
    const personId = check.personId!;
    const session = await createSession(trx, { personId, days: deps.sessionDays, ip: v.ip, userAgent: v.userAgent });
    await recordAudit(trx, { actorId: personId, action: 'auth.login', targetType: 'session', targetId: session.id, ip: v.ip });
    return { failed: null, personId, ...session };
  });
  if (outcome.failed) {
    await recordAuditNow(deps.db, { actorId: null, action: 'auth.login', outcome: 'failed', ip: v.ip, details: { why: outcome.why, attemptId: v.attemptId } });
    throw challengeError(outcome.failed);
  }
  await refund(deps.db, guesses, now);
  return outcome;
}
