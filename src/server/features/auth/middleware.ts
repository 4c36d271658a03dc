import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { AppEnv } from '../../platform/http/context.ts';
import { loadTurf, PositionTurf } from '../org/index.ts';
import { coalescer, type Schema } from '../../platform/db/index.ts';
import { keepSessionFresh, resolveSessions, type LiveSession } from './sessions.ts';

export const SESSION_COOKIE = 'setu_session';

/** The session token the caller sent, if it could be one. */
export function sessionTokenOf(c: Context): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  return token && token.length <= 100 ? token : undefined;
}

export interface AuthenticateOptions {
  /**
   * Requests whose route checks the session in its own statement (the hottest writes, where a second round trip to
   * the database would cost as much as the work): the middleware leaves them alone.
   */
  checksOwnSession?: (method: string, path: string) => boolean;
}

/**
 * Finds the caller and their turf from the session cookie, in one query shared by the requests that arrive together
 * (nothing is cached: a revoked session is refused on its next request); routes decide whether a caller is required.
 */
export function authenticate(db: Kysely<Schema>, { checksOwnSession = () => false }: AuthenticateOptions = {}): MiddlewareHandler<AppEnv> {
  const lookup = coalescer((tokens: string[]) => resolveSessions(db, tokens), { concurrency: 1 });
  return async (c, next) => {
    const token = sessionTokenOf(c);
    if (token && !checksOwnSession(c.req.method, c.req.path)) {
      const session = await lookup(token);
      if (session) {
        await keepSessionFresh(db, session);
        c.set('actor', { personId: session.personId, sessionId: session.id, turf: new PositionTurf(session.positions) });
      }
    }
    await next();
  };
}

/** The caller of a route that checks the session in its own statement (see `checksOwnSession`). */
export interface SessionCaller {
  /** The session token sent, if it could be one. */
  token: string | undefined;
  /** The statement found the live session: it is marked used, as the middleware would. */
  found(session: LiveSession): Promise<void>;
  /** The request is being refused (404): the caller becomes the request's actor, so the denial is audited as theirs. */
  refused(session: LiveSession): Promise<void>;
}

export function sessionCaller(c: Context<AppEnv>, db: Kysely<Schema>): SessionCaller {
  return {
    token: sessionTokenOf(c),
    found: (session) => keepSessionFresh(db, session),
    async refused(session) {
      c.set('actor', { personId: session.personId, sessionId: session.id, turf: await loadTurf(db, session.personId) });
    },
  };
}
