import { sql } from 'kysely';
import { repeat } from '../../platform/repeat.ts';
import { enqueue } from '../delivery/index.ts';
import type { DirectivesDeps } from './deps.ts';
import { messageKey } from './topics.ts';

/**
 * Reminders and escalation, run by a timer (and by tests directly):
 * - at `remind_at`, the holders of target units that have not acknowledged are reminded (the outbox announces it;
 *   their inbox marks it);
 * - at `escalate_at`, every parent of an incomplete target is told how many of its children are overdue
 *   (directive_escalations, shown in its holders' inbox; the outbox announces it), except a parent under a running
 *   silence period.
 * Each directive is claimed by setting its timestamp in the same transaction, so it happens once.
 */
export async function runEscalations(deps: DirectivesDeps): Promise<{ reminded: number[]; escalated: number[] }> {
  const reminded = await deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number; title_hi: string | null; title_en: string | null }>`
      update directives set reminded_at = now()
      where id in (select id from directives where remind_at <= now() and reminded_at is null and cancelled_at is null for update skip locked)
      returning id, title_hi, title_en`.execute(trx);
    for (const d of rows)
      await enqueue(trx, {
        topic: 'directive.reminder',
        payload: { directiveId: d.id, titleHi: d.title_hi, titleEn: d.title_en },
        dedupeKey: messageKey('directive.reminder', d.id),
      });
    return rows.map((r) => r.id);
  });
  const escalated: number[] = [];
  for (;;) {
    const id = await deps.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number; ask: string; title_hi: string | null; title_en: string | null }>`
        update directives set escalated_at = now()
        where id = (select id from directives where escalate_at <= now() and escalated_at is null and cancelled_at is null order by escalate_at limit 1 for update skip locked)
        returning id, ask, title_hi, title_en`.execute(trx);
      const d = rows[0];
      if (!d) return null;
      await sql`set local work_mem = '64MB'`.execute(trx);
      const open = d.ask === 'report' ? sql`du.done_at is null` : sql`du.acked_at is null`;
      // A parent inside a running silence period is not told: nothing reaches people there until it ends.
      await sql`
        insert into directive_escalations (directive_id, unit_id, overdue)
        select ${d.id}::int, u.parent_id, count(*)::int
        from directive_units du join units u on u.id = du.unit_id join units parent on parent.id = u.parent_id
        where du.directive_id = ${d.id} and du.target and ${open}
          and not exists (
            select 1 from silence_periods s join units su on su.id = s.unit_id
            where s.cancelled_at is null and s.starts_at <= now() and s.ends_at > now() and parent.path <@ su.path)
        group by u.parent_id
        on conflict do nothing`.execute(trx);
      await enqueue(trx, {
        topic: 'directive.overdue',
        payload: { directiveId: d.id, titleHi: d.title_hi, titleEn: d.title_en },
        dedupeKey: messageKey('directive.overdue', d.id),
      });
      return d.id;
    });
    if (id === null) break;
    escalated.push(id);
  }
  return { reminded, escalated };
}

/** Checks for reminders and escalations every `intervalMs`. */
export function startEscalations(deps: DirectivesDeps, intervalMs = 30_000) {
  return repeat(
    () => runEscalations(deps),
    intervalMs,
    (error) => deps.log.error({ err: error }, 'directive escalation failed'),
  );
}
