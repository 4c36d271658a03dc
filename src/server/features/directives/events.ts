import { EventEmitter } from 'node:events';
import { MAX_PAYLOAD_BYTES, type Bus } from '../../platform/db/index.ts';

const CHANNEL = 'setu_directive_progress';

/**
 * Tells open coverage streams that a directive's counters moved. The rollup that moves them may run in another Setu
 * process on the same database, so with a bus the news goes through it (PostgreSQL's NOTIFY, to every process, this
 * one included); without one (a bench, a test of one process) it stays in this process.
 */
export class ProgressEvents {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  readonly #bus: Bus | undefined;
  #unsubscribe = () => {};

  private constructor(bus: Bus | undefined) {
    this.#bus = bus;
  }

  /** Progress news within this process only. */
  static local(): ProgressEvents {
    return new ProgressEvents(undefined);
  }

  /** Progress news for every process on the bus's database; resolves once listening. */
  static async shared(bus: Bus): Promise<ProgressEvents> {
    const events = new ProgressEvents(bus);
    events.#unsubscribe = await bus.subscribe(CHANNEL, {
      message: (payload) => events.#emit(payload.split(',').map(Number)),
      // News may have been lost while the connection was down: every open stream reads again.
      resumed: () => events.#emit(events.#emitter.eventNames().map(Number)),
    });
    return events;
  }

  async changed(directiveIds: Iterable<number>): Promise<void> {
    const ids = [...new Set(directiveIds)];
    if (!this.#bus) return this.#emit(ids);
    for (const payload of payloads(ids)) await this.#bus.publish(CHANNEL, payload);
  }

  /** Stops hearing the bus (the process is closing). */
  close(): void {
    this.#unsubscribe();
  }

  /** Calls `listener` when the directive changes; returns the unsubscribe. */
  on(directiveId: number, listener: () => void): () => void {
    this.#emitter.on(String(directiveId), listener);
    return () => this.#emitter.off(String(directiveId), listener);
  }

  #emit(directiveIds: number[]) {
    for (const id of new Set(directiveIds)) this.#emitter.emit(String(id));
  }
}

/** Directive ids, comma-separated, in as few notifications as PostgreSQL's payload limit allows. */
function payloads(ids: number[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const id of ids) {
    const next = current ? `${current},${id}` : String(id);
    if (next.length > MAX_PAYLOAD_BYTES) {
      out.push(current);
      current = String(id);
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}
