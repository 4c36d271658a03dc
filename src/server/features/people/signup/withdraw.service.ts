import type { PowSolution } from '../../../../contracts/pow.ts';
import type { PublicWithdraw } from '../../../../contracts/signup.ts';
import { recordAudit, recordAuditNow } from '../../audit/index.ts';
import { challengeError, consumeChallenge } from '../../auth/index.ts';
import type { PeopleDeps } from '../deps.ts';
import { hitVerify, issueCode } from './codes.ts';
import * as repo from './signup.repo.ts';

type Deps = Pick<PeopleDeps, 'db' | 'cipher' | 'codeKey' | 'sms'>;

/**
 * Starts a public withdrawal: the answer is the same for any number; a code is sent only when some live record has
 * this phone (no one else has anything to withdraw, and strangers' phones are not texted). Rate limited, with a proof
 * of work.
 */
export async function requestWithdrawCode(deps: Deps, v: { phone: string; pow?: PowSolution | undefined }, ip: string) {
  return issueCode(deps, {
    phone: v.phone,
    purpose: 'withdraw',
    ip,
    pow: v.pow,
    send: async (phoneHash) => (await repo.livePeopleWithPhone(deps.db, phoneHash)).length > 0,
  });
}

/**
 * Withdrawal as easy as consent: the code proves the phone (purpose `withdraw`), and the live consents (of the
 * given purposes, or all) of every live record with that phone — a household shares one — are closed now, method
 * `self`. Every later send and roster reads only open records. Audited with no actor, ids and counts only.
 */
export async function withdrawByPhone(deps: Deps, input: PublicWithdraw, ip: string): Promise<{ withdrawn: number }> {
  const rightCode = await hitVerify(deps.db, 'withdraw', ip);
  const phoneHash = deps.cipher.blindIndex(input.phone);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const check = await consumeChallenge(trx, deps.codeKey, { attemptId: input.attemptId, phoneHash, code: input.code, purpose: 'withdraw' });
    if (check.failed) return check;
    const people = await repo.livePeopleWithPhone(trx, phoneHash);
    let closed: { person_id: number; purpose: string }[] = [];
    if (people.length > 0) {
      let q = trx
        .updateTable('consents')
        .set({ withdrawn_at: new Date(), withdrawn_by: null, withdrawal_method: 'self' })
        .where('withdrawn_at', 'is', null)
        .where('person_id', 'in', people);
      if (input.purposes) q = q.where('purpose', 'in', input.purposes);
      closed = await q.returning(['person_id', 'purpose']).execute();
    }
    await recordAudit(trx, {
      actorId: null,
      action: 'consent.withdraw',
      targetType: 'person',
      targetId: people[0],
      ip,
      details: {
        method: 'self',
        personIds: [...new Set(closed.map((c) => c.person_id))],
        purposes: [...new Set(closed.map((c) => c.purpose))].sort(),
        count: closed.length,
      },
    });
    return { failed: null, withdrawn: closed.length };
  });
  if (outcome.failed) {
    await recordAuditNow(deps.db, { actorId: null, action: 'consent.withdraw', outcome: 'failed', ip, details: { why: outcome.why } });
    throw challengeError(outcome.failed);
  }
  await rightCode();
  return { withdrawn: outcome.withdrawn };
}
