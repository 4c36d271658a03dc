import { z } from 'zod';

/**
 * Proof of work before a public page may ask for a code: the server hands out a signed challenge (GET /api/pow), the
 * page finds a nonce such that SHA-256(`challenge:nonce`) starts with `difficulty` zero bits, and sends both with the
 * code request. It costs a phone about a second and a flood of requests as many seconds; no outside service is asked.
 */
export const PowPurpose = z.enum(['signup', 'withdraw']);
export type PowPurpose = z.infer<typeof PowPurpose>;

export const PowChallenge = z.object({
  /** Opaque and signed: purpose, difficulty, expiry and a random part. Good once, for its purpose, until `expires`. */
  challenge: z.string(),
  /** Leading zero bits the hash must have; 0 means no work is asked for (then `pow` may be left out). */
  difficulty: z.number().int().min(0),
  expires: z.string(),
});
export type PowChallenge = z.infer<typeof PowChallenge>;

/** A solved challenge, carried as `pow` in the body of a public code request. */
export const PowSolution = z.strictObject({
  challenge: z.string().min(1).max(200),
  nonce: z.string().regex(/^[0-9a-z]{1,16}$/, 'base-36 digits'),
});
export type PowSolution = z.infer<typeof PowSolution>;

export { leadingZeroBits, powInput, solvePow } from './pow-work.ts';
