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

/** The text whose SHA-256 is judged (UTF-8). */
export const powInput = (challenge: string, nonce: string) => `${challenge}:${nonce}`;

/** How many zero bits a hash starts with. */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Hashes tried between two progress reports (and between two yields to the page). */
const BATCH = 512;

/**
 * Finds a nonce for a challenge with Web Crypto (the browser's, or Node's `globalThis.crypto`), in batches so that
 * the page stays responsive; `onProgress` hears how many hashes were tried. About 2^difficulty hashes on average.
 */
export async function solvePow(challenge: string, difficulty: number, onProgress?: (tried: number) => void): Promise<string> {
  const encoder = new TextEncoder();
  for (let start = 0; ; start += BATCH) {
    const nonces = Array.from({ length: BATCH }, (_, i) => (start + i).toString(36));
    const hashes = await Promise.all(nonces.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(powInput(challenge, n)))));
    const found = hashes.findIndex((h) => leadingZeroBits(new Uint8Array(h)) >= difficulty);
    if (found >= 0) return nonces[found]!;
    onProgress?.(start + BATCH);
  }
}
