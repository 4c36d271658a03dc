import type { Consent, GiveConsent } from '../../../../contracts/people.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { PeopleDeps } from '../deps.ts';
import { hasPower, mayEdit, personInTurf, requireLive } from '../registry/access.ts';
import { consentHistory, currentNotices, presentConsent, presentNotice, recordConsents, withdrawConsent } from './consent.repo.ts';

type Deps = Pick<PeopleDeps, 'db'>;

/** The current version of every purpose's notice, in Hindi and English, with its hash: what anyone reads before agreeing. */
export async function listNotices({ db }: Deps) {
  return { items: (await currentNotices(db)).map(presentNotice) };
}

async function liveConsent(db: Deps['db'], personId: number, purpose: string): Promise<Consent | undefined> {
  const row = (await consentHistory(db, [personId])).find((c) => c.purpose === purpose && c.withdrawnAt === null);
  return row && presentConsent(row);
}

/**
 * Consent given in person to a worker who can edit the record (manages people at or above the home unit, or
 * captured them), at the notice version the person was shown. A purpose already consented to stays as it was.
 * Children never consent. Answers the live record and whether this call made it.
 */
export async function giveConsent({ db }: Deps, actor: Actor, personId: number, input: GiveConsent, ip: string) {
  const person = await personInTurf(db, actor, personId);
  requireLive(person);
  if (!mayEdit(actor, person)) throw new AppError('forbidden', 'your positions do not allow recording consent for this person');
  if (person.age_band === 'under_18') throw new AppError('child_not_allowed', 'children under 18 cannot consent to messages or groups');
  const recorded = await db.transaction().execute(async (trx) => {
    const made = await recordConsents(trx, personId, [input], { method: 'in_person', recordedBy: actor.personId });
    if (made.length > 0) {
      await recordAudit(trx, {
        actorId: actor.personId,
        action: 'consent.give',
        targetType: 'person',
        targetId: personId,
        ip,
        details: { purpose: input.purpose, noticeVersion: input.noticeVersion, method: 'in_person' },
      });
    }
    return made.length > 0;
  });
  return { consent: (await liveConsent(db, personId, input.purpose))!, created: recorded };
}

/**
 * Withdrawal: one action, effective at once (every later send and roster reads only open records). As easy as giving
 * consent and easier: anyone whose turf covers a supporter may record it, since a worker told at the door "stop"
 * must be able to act on it then and there. A worker's consent is theirs to withdraw, or for someone with power over
 * them: otherwise a member could silence their own convener. Audited.
 */
export async function withdraw({ db }: Deps, actor: Actor, personId: number, purpose: string, method: 'in_person' | 'self', ip: string): Promise<Consent> {
  const person = await personInTurf(db, actor, personId);
  requireLive(person);
  if (person.held.length > 0 && person.id !== actor.personId && !hasPower(actor, 'people.manage', person))
    throw new AppError('forbidden', 'your positions do not allow withdrawing this worker’s consent');
  const before = await liveConsent(db, personId, purpose);
  if (!before) throw new AppError('no_consent', `no live consent for ${purpose}`);
  await db.transaction().execute(async (trx) => {
    const id = await withdrawConsent(trx, personId, purpose, { by: actor.personId, method });
    if (!id) throw new AppError('no_consent', `no live consent for ${purpose}`);
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'consent.withdraw',
      targetType: 'person',
      targetId: personId,
      ip,
      details: { purpose, method, consentId: id },
    });
  });
  return presentConsent((await consentHistory(db, [personId])).find((c) => c.id === before.id)!);
}
