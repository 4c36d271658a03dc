// The work itself, without zod, so that the public pages that solve it do not carry the schemas (contracts/pow.ts).

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
