/** One call of a coalesced operation, waiting for its batch. */
interface Pending<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (error: unknown) => void;
}

export interface CoalescerOptions {
  /** Batches in flight at once; calls arriving beyond that wait and go together in the next batch. */
  concurrency?: number;
  /** The most calls one batch takes (one statement's parameters stay bounded). */
  maxBatch?: number;
}

/**
 * Turns a per-request database call into batches: the calls made in one turn of the event loop go together, as one
 * statement, when fewer than `concurrency` batches are in flight; otherwise they wait and go with every other call
 * that arrived meanwhile. A batch starts after the turn's input has been read (setImmediate), so the requests that
 * arrived together meet even when nothing is in flight; idle, that is no wait at all. Under load, fifty requests cost
 * one round trip instead of fifty, which is what a small server spends its time on (the driver's write and read per
 * query, not the query). `run` answers one output per item, in order.
 */
export function coalescer<I, O>(run: (items: I[]) => Promise<O[]>, { concurrency = 1, maxBatch = 500 }: CoalescerOptions = {}) {
  const waiting: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };

  const pump = () => {
    while (inFlight < concurrency && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight++;
      Promise.resolve()
        .then(() => run(batch.map((p) => p.item)))
        .then(
          (outs) => batch.forEach((p, i) => p.resolve(outs[i] as O)),
          (error: unknown) => batch.forEach((p) => p.reject(error)),
        )
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  };

  return (item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}
