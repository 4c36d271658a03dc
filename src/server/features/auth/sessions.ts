import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { heldPositionsJson } from '../org/index.ts';
import type { Schema } from '../../platform/db/index.ts';

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
  const hashes = tokens.map(hashToken);
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.token_hash as tokenHash',
      's.person_id as personId',
      's.last_seen_at as lastSeenAt',
      heldPositionsJson(sql.ref('s.person_id')).as('positions'),
    ])
    .where('s.token_hash', 'in', hashes)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('p.disabled_at', 'is', null)
    .execute();
  const byHash = new Map(rows.map(({ tokenHash, ...session }) => [Buffer.from(tokenHash).toString('hex'), session]));
  return hashes.map((h) => byHash.get(Buffer.from(h).toString('hex')));
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
