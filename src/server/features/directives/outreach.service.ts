import type { DirectiveDelivery } from '../../../contracts/directives.ts';
import type { Actor } from '../../platform/http/context.ts';
import { deadDeliveries, deliveryStats, outboxIdsByKey } from '../delivery/index.ts';
import { managedDirective } from './access.ts';
import type { DirectivesDeps } from './deps.ts';
import { DIRECTIVE_TOPICS, messageKey } from './topics.ts';

/**
 * How a directive's messages outside the app went, for whoever may manage it: each message's counts, and the dead
 * letters (who could not be reached, on which channel, why), so someone can reach them another way.
 */
export async function directiveOutreach(deps: DirectivesDeps, actor: Actor, id: number, limit: number): Promise<DirectiveDelivery> {
  await managedDirective(deps.db, actor, id, 'you may not see how this directive was delivered');
  const outboxIds = await outboxIdsByKey(
    deps.db,
    DIRECTIVE_TOPICS.map((topic) => messageKey(topic, id)),
  );
  const stats = await Promise.all(outboxIds.map((outboxId) => deliveryStats(deps.db, outboxId)));
  const dead = await deadDeliveries(deps.db, outboxIds, limit + 1);
  return {
    messages: stats
      .filter((m) => m !== undefined)
      .map((m) => ({
        topic: m.topic,
        dispatchedAt: m.dispatchedAt?.toISOString() ?? null,
        recipients: m.recipients,
        silenced: m.silenced,
        queued: m.queued,
        sending: m.sending,
        sent: m.sent,
        dead: m.dead,
        cancelled: m.cancelled,
        error: m.error,
      })),
    dead: dead.slice(0, limit).map(({ topic, person, channel, attempts, reason }) => ({ topic, person, channel, attempts, reason })),
    truncated: dead.length > limit,
  };
}
