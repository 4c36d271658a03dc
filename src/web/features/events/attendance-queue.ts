/**
 * The roll call's marks as the phone keeps them until the server has them (the rules are lib/offline-queue.ts's):
 * one mark per organiser, event and person, carrying when it was made, so a mark made offline during the meeting
 * counts from then. An event's waiting marks go in one request; the server ignores a mark it already has.
 */
import type { Answer, Queued } from '../../lib/offline-queue.ts';
import type { RollEntry } from './types.ts';

export interface QueuedMark extends Queued {
  eventId: number;
  personId: number;
}

/** The most marks one request may carry (the server's limit). */
export const MAX_MARKS = 500;

export const markKey = (by: number, eventId: number, personId: number) => `${by}:${eventId}:${personId}`;

/** A new mark, made when the organiser ticks a name. */
export function newMark(m: { by: number; eventId: number; personId: number; at: string }): QueuedMark {
  return { ...m, key: markKey(m.by, m.eventId, m.personId), attempts: 0, nextAttemptAt: 0 };
}

/** Marks of one event go together. */
export const batchOfMark = (m: QueuedMark) => String(m.eventId);

/**
 * Sends one event's marks. The server refuses the whole request when one person is not on the roll (404, nothing
 * marked): then each mark is sent on its own, so the others still count and only that one is kept as refused.
 */
export async function sendMarks(batch: readonly QueuedMark[], post: (eventId: number, marks: Array<{ personId: number; at: string }>) => Promise<Answer>) {
  const body = (ms: readonly QueuedMark[]) => ms.map((m) => ({ personId: m.personId, at: m.at }));
  const eventId = batch[0]!.eventId;
  const answer = await post(eventId, body(batch));
  if (answer.status !== 404 || batch.length === 1) return batch.map(() => answer);
  const answers: Answer[] = [];
  for (const m of batch) answers.push(await post(eventId, body([m])));
  return answers;
}

/** A name on the roll as the organiser sees it: the server's state, with what waits on the phone laid over it. */
export interface RollLine extends RollEntry {
  /** Ticked on this phone, not on the server yet. */
  waiting: QueuedMark | undefined;
  /** The server refused this phone's mark. */
  refused: QueuedMark | undefined;
}

export function rollLines(eventId: number, items: readonly RollEntry[], queued: readonly QueuedMark[]): RollLine[] {
  const here = new Map(queued.filter((m) => m.eventId === eventId).map((m) => [m.personId, m]));
  return items.map((i) => {
    const mark = i.present ? undefined : here.get(i.person.id);
    return { ...i, waiting: mark && !mark.rejected ? mark : undefined, refused: mark?.rejected ? mark : undefined };
  });
}

/** How many on the roll are present, counting the marks waiting on the phone. */
export const presentCount = (lines: readonly RollLine[]) => lines.filter((l) => l.present || l.waiting).length;
