import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
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

/**
 * The live sessions behind tokens (not revoked, not expired, their person not disabled) with each person's positions,
 * in the tokens' order (undefined where none): the requests of one moment are looked up in one query.
 */
export async function resolveSessions(db: Db, tokens: readonly string[]) {
  const hashes = tokens.map((t) => Buffer.from(hashToken(t)).toString('hex'));
  const { rows } = await sql<{ id: string; hash: string; personId: number; lastSeenAt: Date; positions: HeldPosition[] }>`${sql.raw(`${PREPARE} ${READ_ONLY}`)}
    select s.id, encode(s.token_hash, 'hex') as hash, s.person_id as "personId", s.last_seen_at as "lastSeenAt",
      ${heldPositionsJson(sql.ref('s.person_id'))} as positions
    from sessions s join people p on p.id = s.person_id
    where s.token_hash = any(array(select decode(h, 'hex') from unnest(${hashes}::text[]) as h))
      and s.revoked_at is null and s.expires_at > now() and p.disabled_at is null`.execute(db);
  const byHash = new Map(rows.map(({ hash, ...session }) => [hash, session]));
  return hashes.map((h) => byHash.get(h));
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
