import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { AppEnv } from '../../platform/http/context.ts';
import { PositionTurf } from '../org/index.ts';
import { coalescer, type Schema } from '../../platform/db/index.ts';
import { resolveSessions, touchSession } from './sessions.ts';

export const SESSION_COOKIE = 'setu_session';
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 5 * 60_000;

/**
 * Finds the caller and their turf from the session cookie, in one query shared by the requests that arrive together
 * (nothing is cached: a revoked session is refused on its next request); routes decide whether a caller is required.
 */
export function authenticate(db: Kysely<Schema>): MiddlewareHandler<AppEnv> {
  const lookup = coalescer((tokens: string[]) => resolveSessions(db, tokens), { concurrency: 1 });
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 100) {
      const session = await lookup(token);
      if (session) {
        if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, session.id);
        c.set('actor', { personId: session.personId, sessionId: session.id, turf: new PositionTurf(session.positions) });
      }
    }
    await next();
  };
}
