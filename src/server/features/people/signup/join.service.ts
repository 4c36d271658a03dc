import type { PowSolution } from '../../../../contracts/pow.ts';
import type { SignupJoin, SignupPage } from '../../../../contracts/signup.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { recordAudit, recordAuditNow } from '../../audit/index.ts';
import { challengeError, consumeChallenge } from '../../auth/index.ts';
import { currentNotices, noticeAt, presentNotice, recordConsents } from '../consent/consent.repo.ts';
import type { PeopleDeps } from '../deps.ts';
import { insertPerson } from '../people.repo.ts';
import { hitVerify, issueCode } from './codes.ts';
import * as repo from './signup.repo.ts';

type Deps = Pick<PeopleDeps, 'db' | 'cipher' | 'codeKey' | 'sms' | 'signupCodesPerLinkPerHour'>;

async function liveLink(deps: Pick<PeopleDeps, 'db'>, token: string) {
  const link = await repo.liveLinkByToken(deps.db, token);
  if (!link) throw notFound('signup link');
  return link;
}

const unitRef = (l: Awaited<ReturnType<typeof liveLink>>) => ({ id: l.unit_id, level: l.level, nameEn: l.name_en, nameHi: l.name_hi });

/** The public page: the unit and the current notice of every purpose, in Hindi and English. Unknown or revoked: 404. */
export async function signupPage(deps: Pick<PeopleDeps, 'db'>, token: string): Promise<SignupPage> {
  const link = await liveLink(deps, token);
  return { unit: unitRef(link), notices: (await currentNotices(deps.db)).map(presentNotice) };
}

/**
 * Sends a code to the phone to prove it is the citizen's own (always: they asked to join). Rate limited as every code
 * is, and per link too: the unit's codes an hour (keyed by unit, so revoking and making a new link starts no fresh count).
 */
export async function requestSignupCode(deps: Deps, token: string, v: { phone: string; pow?: PowSolution | undefined }, ip: string) {
  const link = await liveLink(deps, token);
  const perLink = { key: `signup:unit:${link.unit_id}`, max: deps.signupCodesPerLinkPerHour, windowSeconds: 3600 };
  return issueCode(deps, { phone: v.phone, purpose: 'signup', ip, pow: v.pow, limits: [perLink], send: async () => true });
}

/**
 * A citizen joins by the link. Children are refused. The code proves the phone (purpose `signup`, single use, five
 * tries, ten minutes); then, in one transaction: the person with this phone and name at the link's unit is found
 * or made (source `signup`, home unit the link's unit), the consents they gave after reading the notices are
 * recorded (method `self_signup`), the code is spent, and the join is audited with no actor. The answer is the
 * same whether the person was known or not.
 */
export async function joinBySignup(deps: Deps, token: string, input: SignupJoin, ip: string) {
  const rightCode = await hitVerify(deps.db, 'signup', ip);
  const link = await liveLink(deps, token);
  if (input.ageBand === 'under_18') throw new AppError('child_not_allowed', 'Setu does not sign up children');
  // Unknown notices are refused before the code is looked at, so a stale page does not burn the citizen's code.
  for (const c of input.consents) await noticeAt(deps.db, c.purpose, c.noticeVersion);
  const phoneHash = deps.cipher.blindIndex(input.phone);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const check = await consumeChallenge(trx, deps.codeKey, { attemptId: input.attemptId, phoneHash, code: input.code, purpose: 'signup' });
    if (check.failed) return check;
    const known = await repo.findAtUnit(trx, { unitId: link.unit_id, phoneHash, name: input.name });
    let personId: number;
    if (known) {
      // Recorded as a child by whoever met them: a self-declared age does not overrule that here.
      if (known.age_band === 'under_18') throw new AppError('child_not_allowed', 'this person is recorded as a child');
      personId = known.id;
      const languages = known.languages.includes(input.language) ? known.languages : [...known.languages, input.language];
      await trx
        .updateTable('people')
        .set({ age_band: input.ageBand, languages, whatsapp: known.whatsapp || input.whatsapp, updated_at: new Date() })
        .where('id', '=', known.id)
        .execute();
    } else {
      personId = await insertPerson(trx, deps.cipher, {
        name: input.name,
        phone: input.phone,
        homeUnitId: link.unit_id,
        whatsapp: input.whatsapp,
        ageBand: input.ageBand,
        languages: [input.language],
        source: 'signup',
        createdBy: null,
      });
    }
    const recorded = await recordConsents(trx, personId, input.consents, { method: 'self_signup', recordedBy: null });
    await recordAudit(trx, {
      actorId: null,
      action: 'signup.join',
      targetType: 'person',
      targetId: personId,
      ip,
      details: { unitId: link.unit_id, newPerson: !known, purposes: recorded },
    });
    return { failed: null };
  });
  if (outcome.failed) {
    await recordAuditNow(deps.db, { actorId: null, action: 'signup.join', outcome: 'failed', ip, details: { why: outcome.why, unitId: link.unit_id } });
    throw challengeError(outcome.failed);
  }
  await rightCode();
  return { joined: true as const, unit: unitRef(link) };
}
