import type { PowChallenge, PowPurpose, PowSolution } from '../../../../contracts/pow.ts';
import { solvePow } from '../../../../contracts/pow-work.ts';
import { api, ApiError } from '../../../lib/api.ts';

/**
 * Asks for a code on a public page (sign-up, withdrawal): first the server's challenge (GET /api/pow), solved here
 * with Web Crypto — about a second on a cheap phone — while `onProgress` hears an estimate in percent (undefined
 * once the work is done), then the request itself. A challenge that expired while a slow phone worked is fetched
 * and solved once more.
 */
export async function requestCodeWithWork<T>(purpose: PowPurpose, path: string, phone: string, onProgress: (percent: number | undefined) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const pow = await prove(purpose, onProgress);
      return (await api<T>('POST', path, { phone, pow })).data;
    } catch (e) {
      if (attempt > 0 || !(e instanceof ApiError) || e.code !== 'pow_invalid') throw e;
    } finally {
      onProgress(undefined);
    }
  }
}

async function prove(purpose: PowPurpose, onProgress: (percent: number) => void): Promise<PowSolution | undefined> {
  const { data } = await api<PowChallenge>('GET', `/api/pow?purpose=${purpose}`);
  if (data.difficulty === 0) return undefined;
  onProgress(0);
  // The chance of having found a nonce after `tried` hashes: an honest estimate, never 100 before the end.
  const expected = 2 ** data.difficulty;
  const nonce = await solvePow(data.challenge, data.difficulty, (tried) => onProgress(Math.min(99, Math.floor(100 * (1 - Math.exp(-tried / expected))))));
  return { challenge: data.challenge, nonce };
}
