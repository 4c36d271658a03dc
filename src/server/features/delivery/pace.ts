import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A token bucket holding one token, refilled at `perSecond`: sends are spaced at least 1/perSecond apart, with no
 * burst after an idle spell (a provider's limit is usually per second and a burst of a second's worth can still trip
 * it). Per process: N processes sending on one channel send at N × the rate.
 */
export class RateLimiter {
  readonly #intervalMs: number;
  #next = 0;
  constructor(perSecond: number) {
    if (!(perSecond > 0)) throw new Error('ratePerSecond must be positive');
    this.#intervalMs = 1000 / perSecond;
  }
  /** Waits for the next slot; rejects with an AbortError when `signal` aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const now = performance.now();
    const at = Math.max(now, this.#next);
    this.#next = at + this.#intervalMs;
    if (at > now) await sleep(at - now, undefined, { signal });
  }
}

export interface Backoff {
  /** First retry after about this long. */
  baseMs: number;
  /** Never wait longer than this (unless the provider asks for longer). */
  maxMs: number;
}

/**
 * How long to wait before attempt `attempts + 1`: exponential (base × 2^(attempts-1), capped), with "equal jitter"
 * (between half and all of it) so that a provider's outage does not bring every message back in the same instant.
 * A provider's Retry-After is honoured when it asks for longer.
 */
export function retryDelay(attempts: number, backoff: Backoff, retryAfterMs?: number, random = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
