import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { leadingZeroBits, powInput } from '../../../contracts/pow-work.ts';
import type { PowChallenge, PowPurpose, PowSolution } from '../../../contracts/pow.ts';
import type { Schema } from '../../platform/db/index.ts';
import { hmac } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { firstInWindow } from './rate-limit.ts';

/** How long a challenge may be solved and used: long enough for a slow phone and a slow network, short to hoard. */
export const POW_TTL_SECONDS = 300;

export interface PowConfig {
  /** Signs challenges, so the server keeps none until one is spent. */
  key: Uint8Array;
  /** Leading zero bits asked for; 0 asks for no work at all (tests, or a deployment that wants none). */
  difficulty: number;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sign = (key: Uint8Array, payload: string) => b64(hmac(key, 'pow', payload).subarray(0, 16));

/** A fresh challenge for one purpose: `purpose.difficulty.expiresMs.random.signature`; stateless until it is spent. */
export function issuePow(cfg: PowConfig, purpose: PowPurpose, now = Date.now()): PowChallenge {
  const expires = now + POW_TTL_SECONDS * 1000;
  const payload = `${purpose}.${cfg.difficulty}.${expires}.${b64(randomBytes(12))}`;
  return { challenge: `${payload}.${sign(cfg.key, payload)}`, difficulty: cfg.difficulty, expires: new Date(expires).toISOString() };
}

const invalid = (why: string) => new AppError('pow_invalid', why);

/**
 * Checks a solved challenge and spends it: it must be signed here, for this purpose, at today's difficulty or more,
 * unexpired, solved, and not used before (spent challenges are kept in rate_limits, keyed to their expiry, and swept a
 * day later). With difficulty 0 nothing is asked for.
 */
export async function spendPow(db: Kysely<Schema>, cfg: PowConfig, purpose: PowPurpose, solution: PowSolution | undefined, now = Date.now()): Promise<void> {
  if (cfg.difficulty === 0) return;
  if (!solution) throw invalid('solve a challenge first (GET /api/pow)');
  const parts = solution.challenge.split('.');
  if (parts.length !== 5) throw invalid('not a challenge of this server');
  const [kind, difficulty, expires, , signature] = parts as [string, string, string, string, string];
  const payload = parts.slice(0, 4).join('.');
  const expected = Buffer.from(sign(cfg.key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid('not a challenge of this server');
  if (kind !== purpose) throw invalid('a challenge for another purpose');
  if (Number(difficulty) < cfg.difficulty) throw invalid('the challenge is easier than asked for now; get a new one');
  if (Number(expires) <= now) throw invalid('the challenge has expired; get a new one');
  const hash = createHash('sha256').update(powInput(solution.challenge, solution.nonce)).digest();
  if (leadingZeroBits(hash) < cfg.difficulty) throw invalid('the challenge is not solved');
  if (!(await firstInWindow(db, `pow:${signature}`, new Date(Number(expires))))) throw invalid('the challenge was used already; get a new one');
}
