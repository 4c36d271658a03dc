import { EventEmitter } from 'node:events';

/**
 * Tells open coverage streams that a directive's counters moved. In-process: the rollup that moves them runs in the
 * same process as the streams (one Setu process per database; several would need LISTEN/NOTIFY here).
 */
export class ProgressEvents {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  changed(directiveIds: Iterable<number>): void {
    for (const id of new Set(directiveIds)) this.#emitter.emit(String(id));
  }

  /** Calls `listener` when the directive changes; returns the unsubscribe. */
  on(directiveId: number, listener: () => void): () => void {
    this.#emitter.on(String(directiveId), listener);
    return () => this.#emitter.off(String(directiveId), listener);
  }
}
