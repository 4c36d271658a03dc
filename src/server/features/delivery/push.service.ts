import type { Kysely } from 'kysely';
import type { PushSubscription } from '../../../contracts/delivery.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { recordAudit } from '../audit/index.ts';
import { revokeContactPoint, saveContactPoint } from './contact-points.ts';

interface Deps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
}

/**
 * The caller's browser asks to be sent push messages. The subscription (endpoint and keys) is stored encrypted as the
 * caller's contact point; the same endpoint signed in as someone else before now belongs to the caller. Audited
 * without the endpoint.
 */
export async function subscribePush(deps: Deps, actor: Actor, subscription: PushSubscription, ip: string): Promise<{ created: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const address = JSON.stringify({ endpoint: subscription.endpoint, expirationTime: subscription.expirationTime ?? null, keys: subscription.keys });
    const saved = await saveContactPoint(trx, deps.cipher, { personId: actor.personId, channel: 'push', address });
    await recordAudit(trx, {
      actorId: actor.personId,
      action: saved.created ? 'contact.add' : 'contact.refresh',
      targetType: 'person',
      targetId: actor.personId,
      ip,
      details: { channel: 'push', contactPointId: saved.id },
    });
    return { created: saved.created };
  });
}

/** Forgets the caller's subscription at this endpoint (signing out, turning push off). Another person's stays. */
export async function unsubscribePush(deps: Deps, actor: Actor, endpoint: string, ip: string): Promise<{ removed: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const removed = await revokeContactPoint(trx, deps.cipher, { personId: actor.personId, channel: 'push', address: JSON.stringify({ endpoint }) });
    if (removed) {
      await recordAudit(trx, {
        actorId: actor.personId,
        action: 'contact.revoke',
        targetType: 'person',
        targetId: actor.personId,
        ip,
        details: { channel: 'push' },
      });
    }
    return { removed };
  });
}
