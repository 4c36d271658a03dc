import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { heldPositionsJson, type HeldPosition } from '../org/index.ts';
import { PREPARE, READ_ONLY, type Schema } from '../../platform/db/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Session tokens are random and opaque; only their hash is stored, so a database leak signs nobody in. */
const hashToken = (token: string) => new Uint8Array(createHash('sha256').update(token).digest());

export async function createSession(db: Db, s: { personId: number; days: number; ip: string; userAgent?: string | undefined }) {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: hashToken(token),
      person_id: s.personId,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
      last_seen_at: new Date(),
      expires_at: new Date(Date.now() + s.days * 86_400_000),
    })
    .execute();
  return { id, token };
}

/** A token's hash as the statements that look sessions up take it (hex, so a batch is one text[] parameter). */
export const tokenHashHex = (token: string) => createHash('sha256').update(token).digest('hex');

/** What "live" means for a session `s` of a person `sp`: not revoked, not expired, the person not disabled. */
const isLive = sql<boolean>`s.revoked_at is null and s.expires_at > now() and sp.disabled_at is null`;

/**
 * SQL: the live session behind a token hash (hex): not revoked, not expired, its person not disabled; no row if none.
 * Every lookup uses it, the middleware's and the statements that check the session themselves (a lateral subquery).
 */
export const liveSession = (hashHex: RawBuilder<string>) => sql<LiveSession>`(
  select s.id, s.person_id as "personId", s.last_seen_at as "lastSeenAt"
  from sessions s join people sp on sp.id = s.person_id
  where s.token_hash = decode(${hashHex}, 'hex') and ${isLive})`;

export interface LiveSession {
  id: string;
  personId: number;
  lastSeenAt: Date;
}

/**
 * The live sessions behind tokens with each person's positions, in the tokens' order (undefined where none): the
 * requests of one moment are looked up in one query.
 */
export async function resolveSessions(db: Db, tokens: readonly string[]) {
  const { rows } = await sql<LiveSession & { n: number; positions: HeldPosition[] }>`${sql.raw(`${PREPARE} ${READ_ONLY}`)}
    select h.n::int as n, s.*, ${heldPositionsJson(sql.ref('s.personId'))} as positions
    from unnest(${tokens.map(tokenHashHex)}::text[]) with ordinality as h(hash, n)
    cross join lateral ${liveSession(sql.ref('h.hash'))} s`.execute(db);
  const sessions: ((LiveSession & { positions: HeldPosition[] }) | undefined)[] = tokens.map(() => undefined);
  for (const { n, ...session } of rows) sessions[n - 1] = session;
  return sessions;
}

/** Whether a session (by id) is still live: not revoked, not expired, its person not disabled. Open streams ask again. */
export async function sessionIsLive(db: Db, id: string): Promise<boolean> {
  const { rows } = await sql`select 1 from sessions s join people sp on sp.id = s.person_id where s.id = ${id} and ${isLive}`.execute(db);
  return rows.length > 0;
}

/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 5 * 60_000;

/** Marks a session just used, when its last mark is old enough to be worth a write. */
export async function keepSessionFresh(db: Db, session: LiveSession) {
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, session.id);
}

export async function touchSession(db: Db, id: string) {
  await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
}

export async function revokeSession(db: Db, id: string) {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeSessionsOf(db: Db, personId: number) {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
