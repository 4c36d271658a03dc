import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SignupLink } from '../../../../contracts/signup.ts';
import type { Schema } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { unitInTurf } from '../../org/index.ts';
import { qrSvg } from './qr.ts';
import * as repo from './signup.repo.ts';

interface Deps {
  db: Kysely<Schema>;
  publicUrl: string | undefined;
}

type Unit = Awaited<ReturnType<typeof unitInTurf>>;

/** 128 random bits, URL-safe: not guessable, so the link is the only way in, and revoking it closes the door. */
export const newToken = () => randomBytes(16).toString('base64url');

/** The address people open: PUBLIC_URL when configured, else where this request came in. */
export function joinUrl(publicUrl: string | undefined, origin: string, token: string): string {
  return `${(publicUrl ?? origin).replace(/\/+$/, '')}/join/${token}`;
}

const present = (unit: Unit, link: { token: string; created_at: Date }, url: string): SignupLink => ({
  token: link.token,
  url,
  unit: { id: unit.id, level: unit.level, nameEn: unit.name_en, nameHi: unit.name_hi },
  createdAt: link.created_at.toISOString(),
});

/** The unit's live sign-up link, or null when it has none; anyone whose turf holds the unit may share it. */
export async function getSignupLink({ db, publicUrl }: Deps, actor: Actor, unitId: number, origin: string): Promise<SignupLink | null> {
  const unit = await unitInTurf(db, actor.turf, unitId);
  const link = await repo.liveLinkOfUnit(db, unitId);
  return link ? present(unit, link, joinUrl(publicUrl, origin, link.token)) : null;
}

/**
 * Makes the unit's sign-up link, or returns the live one (`created: false`). Needs people.manage at or above the
 * unit: everyone who joins by it becomes a record at the unit. Audited (without the token).
 */
export async function createSignupLink(
  { db, publicUrl }: Deps,
  actor: Actor,
  unitId: number,
  origin: string,
  ip: string,
): Promise<{ link: SignupLink; created: boolean }> {
  const unit = await unitInTurf(db, actor.turf, unitId);
  if (!actor.turf.can('people.manage', unit.path)) throw new AppError('forbidden', 'your positions do not allow sign-up links here');
  if (unit.archived_at) throw new AppError('conflict', 'the unit is archived');
  const created = await db.transaction().execute(async (trx) => {
    const made = await repo.insertLink(trx, { token: newToken(), unitId, createdBy: actor.personId });
    if (made) await recordAudit(trx, { actorId: actor.personId, action: 'signup_link.create', targetType: 'unit', targetId: unitId, ip, details: { unitId } });
    return made;
  });
  const link = (await repo.liveLinkOfUnit(db, unitId))!;
  return { link: present(unit, link, joinUrl(publicUrl, origin, link.token)), created };
}

/** Revokes the unit's live link at once: its URL and QR code stop working. people.manage at or above. Audited. */
export async function revokeSignupLink({ db }: Pick<Deps, 'db'>, actor: Actor, unitId: number, ip: string): Promise<{ revokedAt: string }> {
  const unit = await unitInTurf(db, actor.turf, unitId);
  if (!actor.turf.can('people.manage', unit.path)) throw new AppError('forbidden', 'your positions do not allow sign-up links here');
  return db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeLink(trx, unitId);
    if (!revoked) throw notFound('signup link');
    await recordAudit(trx, { actorId: actor.personId, action: 'signup_link.revoke', targetType: 'unit', targetId: unitId, ip, details: { unitId } });
    return { revokedAt: revoked.revoked_at!.toISOString() };
  });
}

/** The live link's URL as a QR code (SVG) to print or show at the booth; not found when the unit has no live link. */
export async function signupQr(deps: Deps, actor: Actor, unitId: number, origin: string): Promise<string> {
  const link = await getSignupLink(deps, actor, unitId, origin);
  if (!link) throw notFound('signup link');
  return qrSvg(link.url, `${link.unit.nameHi} · ${link.unit.nameEn}`);
}
