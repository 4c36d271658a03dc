/**
 * The sending loop of an offline queue (people captured door to door, acknowledgements made offline): rounds run one at
 * a time under a lock shared by the device's tabs; a call during a round asks for one more after it (forced if any such
 * call was), so what was saved meanwhile is not left waiting; after the rounds a timer wakes the queue when the earliest
 * backoff runs out.
 */
export interface SyncRoundsOptions {
  /** The Web Locks name: two tabs never send the same entry at once. */
  lock: string;
  /** Whether a round may start now (someone signed in; online, unless forced: the browser may be wrong). */
  ready(force: boolean): boolean;
  /** One pass over what waits; `force` tries entries still in their backoff too. */
  round(force: boolean): Promise<void>;
  /** Told when sending starts and stops, for the "sending…" state. */
  busy(syncing: boolean): void;
  /** When the earliest waiting entry is due (ms since the epoch), or null for none (or offline: `online` wakes it). */
  nextDue(): number | null;
}

export interface SyncRounds {
  /** Sends what waits. */
  run(force?: boolean): Promise<void>;
  /** Sets the wake-up timer from `nextDue`. */
  schedule(): void;
  /** Clears the timer (sign-out). */
  stop(): void;
}

export function syncRounds(o: SyncRoundsOptions): SyncRounds {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let againForced = false;

  const withDeviceLock = (fn: () => Promise<void>): Promise<void> => {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? locks.request(o.lock, fn) : fn();
  };

  const schedule = () => {
    clearTimeout(timer);
    const due = o.nextDue();
    if (due === null) return;
    timer = setTimeout(() => void run(), Math.min(Math.max(0, due - Date.now()), 15 * 60_000) + 50);
  };

  const run = (force = false): Promise<void> => {
    if (!o.ready(force)) return Promise.resolve();
    if (running) {
      again = true;
      againForced ||= force;
      return running;
    }
    o.busy(true);
    running = (async () => {
      let f = force;
      try {
        do {
          again = false;
          await withDeviceLock(() => o.round(f));
          f = againForced;
          againForced = false;
        } while (again);
      } catch {
        // Storage failed: the entries are where they were; the next trigger tries again.
      } finally {
        running = null;
        o.busy(false);
        schedule();
      }
    })();
    return running;
  };

  return { run, schedule, stop: () => clearTimeout(timer) };
}
