import { AppError } from './errors.ts';

/**
 * What a request knows about its caller. The turf is computed by the org feature; platform only names its shape
 * so that every route can reach it without platform importing a feature.
 */
export interface Turf {
  /** ltree paths of the units whose subtrees the caller may see (the minimal set: no root inside another). */
  readonly roots: readonly string[];
  /** Whether a unit (by its path) is inside the turf. */
  covers(path: string): boolean;
  /** Whether a position carrying `permission` sits at the unit or above it. */
  can(permission: string, path: string): boolean;
  /**
   * Whether a position carrying `permission` sits strictly above the unit, or at the unit itself with a role ranked
   * higher than `rank` (a lower rank number): the test of power over someone who holds a position of that rank there.
   */
  outranks(permission: string, path: string, rank: number): boolean;
  /** Where the caller holds `permission`: each position's unit path and role rank (for the same test in SQL). */
  grants(permission: string): readonly { path: string; rank: number }[];
}

export interface Actor {
  personId: number;
  sessionId: string;
  turf: Turf;
}

/** Hono environment shared by every route. */
export interface AppEnv {
  Variables: {
    requestId: string;
    ip: string;
    actor: Actor | undefined;
    /** The address people open, for the links this request hands out (see origin.ts): never built from Host. */
    selfUrl: string;
  };
}

/** The 401 every route answers a caller without a live session. */
export const unauthenticated = () => new AppError('unauthenticated', 'sign in first');

/** The signed-in caller, or 401: every route but login and health starts here. */
export function actorOf(c: { get(key: 'actor'): Actor | undefined }): Actor {
  const actor = c.get('actor');
  if (!actor) throw unauthenticated();
  return actor;
}
