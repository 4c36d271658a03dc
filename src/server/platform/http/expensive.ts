import type { MiddlewareHandler } from 'hono';
import { isQueryCancelled, withQuerySignal } from '../db/index.ts';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

/** How much of one kind of expensive read one person may ask for. */
export interface ExpensiveLimits {
  /** Requests of this kind one person may have running at once. */
  inFlight: number;
  /** Requests of this kind one person may start in any sixty seconds. */
  perMinute: number;
}

export const DEFAULT_EXPENSIVE_LIMITS: ExpensiveLimits = { inFlight: 1, perMinute: 30 };

const MINUTE = 60_000;

/**
 * Guards a route whose work grows with the subtree it covers (duplicates, exports, imports): at most `inFlight`
 * running and `perMinute` started per person, or `429 rate_limited` with Retry-After; and its statements are tied to
 * the request, so a client that disconnects cancels the one running (PostgreSQL) and starts no more (both engines).
 * Twelve parallel duplicate reads from one person once held every connection for a minute, and kept running after
 * their clients left. The counts are per process (a second process allows as much again); another person is never
 * held back by them. A caller without a session passes through to the route's own 401.
 */
export function expensive(kind: string, limits: ExpensiveLimits = DEFAULT_EXPENSIVE_LIMITS): MiddlewareHandler<AppEnv> {
  // Per person: requests running now, and when the last minute's requests started (oldest first).
  const usage = new Map<number, { running: number; started: number[] }>();
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor) return next();
    const key = actor.personId;
    const now = Date.now();
    const entry = usage.get(key) ?? { running: 0, started: [] };
    while (entry.started.length > 0 && entry.started[0]! <= now - MINUTE) entry.started.shift();
    if (entry.running >= limits.inFlight || entry.started.length >= limits.perMinute) {
      const wait = entry.running >= limits.inFlight ? 1 : Math.ceil((entry.started[0]! + MINUTE - now) / 1000);
      c.header('Retry-After', String(Math.max(1, wait)));
      throw new AppError('rate_limited', `one ${kind} request at a time and ${limits.perMinute} a minute; try again shortly`);
    }
    entry.running++;
    entry.started.push(now);
    usage.set(key, entry);
    try {
      await withQuerySignal(c.req.raw.signal, next);
    } finally {
      entry.running--;
      if (entry.running === 0 && entry.started.length === 0) usage.delete(key);
    }
  };
}

/** A statement PostgreSQL stopped (statement_timeout, or the client left) as the API's `503 timeout`, else undefined. */
export function timeoutError(error: unknown): AppError | undefined {
  return isQueryCancelled(error) ? new AppError('timeout', 'the request took too long and was stopped; try a smaller area or later') : undefined;
}
