import { sql } from 'kysely';
import { repeat } from '../../platform/repeat.ts';
import { enqueue } from '../delivery/index.ts';
import type { EventsDeps } from './deps.ts';
import { REMINDER, type EventPayload } from './topics.ts';

/**
 * Announces the reminders that are due: each event past its `remind_at`, once (the row is marked in the same
 * transaction as its outbox row). Linked events have no reminder of their own; their parent's reaches their audience.
 */
export async function sendDueReminders(deps: Pick<EventsDeps, 'db'>, now = new Date()): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const due = await sql<{ id: number; title_hi: string | null; title_en: string | null; remind_at: Date }>`
      update events set reminded_at = ${now}
      where id in (
        select id from events where remind_at <= ${now} and reminded_at is null and cancelled_at is null and ends_at > ${now}
        order by remind_at limit 100 for update skip locked)
      returning id, title_hi, title_en, remind_at`.execute(trx);
    for (const e of due.rows) {
      const payload: EventPayload = { eventId: e.id, titleHi: e.title_hi, titleEn: e.title_en };
      // Keyed by the time it was due: an event moved after its reminder went gets one for its new time.
      await enqueue(trx, { topic: REMINDER, payload, dedupeKey: `${REMINDER}:${e.id}:${e.remind_at.getTime()}` });
    }
    return due.rows.length;
  });
}

/** Checks for due reminders every `everyMs` until stopped. */
export function startReminders(deps: EventsDeps, everyMs = 30_000) {
  return repeat(
    () => sendDueReminders(deps),
    everyMs,
    (error) => deps.log.error({ err: error }, 'event reminders failed'),
  );
}
