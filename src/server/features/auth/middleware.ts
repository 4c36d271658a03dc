import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { unauthenticated, type AppEnv } from '../../platform/http/context.ts';
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
  /** Routes anyone may call (signing in, a citizen's sign-up); every other one needs a live session. */
  isPublic?: (method: string, path: string) => boolean;
}

/**
 * Finds the caller and their turf from the session cookie, in one query shared by the requests that arrive together
 * (nothing is cached: a revoked session is refused on its next request). A caller without a live session is refused
 * here, before the route reads its input, on every route but the public ones: a stranger learns nothing of a route's
 * rules from its validation errors (400 before 401). A route that checks its own session is refused here only without
 * any session cookie.
 */
export function authenticate(
  db: Kysely<Schema>,
  { checksOwnSession = () => false, isPublic = () => false }: AuthenticateOptions = {},
): MiddlewareHandler<AppEnv> {
  const lookup = coalescer((tokens: string[]) => resolveSessions(db, tokens), { concurrency: 1 });
  /** Makes the token's live session the request's actor; false when there is none. */
  const identify = async (c: Context<AppEnv>, token: string): Promise<boolean> => {
    const session = await lookup(token);
    if (!session) return false;
    await keepSessionFresh(db, session);
    c.set('actor', { personId: session.personId, sessionId: session.id, turf: new PositionTurf(session.positions) });
    return true;
  };
  return async (c, next) => {
    const token = sessionTokenOf(c);
    const { method, path } = c.req;
    if (isPublic(method, path)) {
      if (token) await identify(c, token);
    } else if (checksOwnSession(method, path)) {
      if (!token) throw unauthenticated();
    } else if (!token || !(await identify(c, token))) throw unauthenticated();
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
