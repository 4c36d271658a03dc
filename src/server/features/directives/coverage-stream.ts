import type { Logger } from '../../platform/log.ts';
import type { ProgressEvents } from './events.ts';

/** Where a coverage stream writes: one server-sent event at a time (Hono's SSE stream). */
export interface EventSink {
  writeSSE(message: { event: string; data: string }): Promise<void>;
}

/**
 * Follows a directive's coverage for one open stream. It listens before the first snapshot is read, so a change in
 * between is sent after that snapshot instead of being lost; then it writes a fresh snapshot after each change, one
 * at a time. A read or write that fails (the database away for a moment, the client gone) is logged and the stream
 * goes on: the next change tries again. Nothing here may reject unhandled, which would end the server process.
 */
export function coverageFollower<T>(events: ProgressEvents, directiveId: number, read: () => Promise<T>, log: Logger) {
  let sink: EventSink | undefined;
  let missed = false;
  let pending: Promise<void> = Promise.resolve();
  const send = (snapshot?: T) => {
    pending = pending
      .then(async () => sink!.writeSSE({ event: 'coverage', data: JSON.stringify(snapshot ?? (await read())) }))
      .catch((error: unknown) => log.warn({ err: error, directiveId }, 'coverage stream: an update was not sent'));
  };
  const off = events.on(directiveId, () => (sink ? send() : (missed = true)));
  return {
    /** Starts writing to the opened stream, first the snapshot read before it opened. */
    start(opened: EventSink, first: T) {
      sink = opened;
      send(first);
      if (missed) send();
    },
    /** Stops listening; resolves when the last write has ended. */
    stop(): Promise<void> {
      off();
      return pending;
    },
  };
}
