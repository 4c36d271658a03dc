import { AppError } from './errors.ts';
import type { Actor } from './context.ts';

/** How many streams one person may hold open, how long one lasts, and how often its session is checked again. */
export interface StreamLimits {
  perPerson: number;
  lifetimeMs: number;
  recheckMs: number;
}

/** One open stream: `ended` resolves when it must close (its lifetime is over, or its session ended). */
export interface StreamLease {
  readonly ended: Promise<void>;
  /** The stream has closed: frees its place. Safe to call twice. */
  release(): void;
}

interface Open {
  personId: number;
  sessionId: string;
  end(): void;
}

/**
 * The long-lived answers (server-sent events) open in this process, so that they cannot outlive what allowed them:
 * each closes when its lifetime is over (EventSource then opens a new one, checked afresh), when its session ends
 * (logout and disabling close it at once here; expiry, or a logout served by another process, is found by checking
 * the session again every `recheckMs`), and one person holds at most `perPerson` of them (each one holds a database
 * listener and a timer).
 */
export class LiveStreams {
  readonly #open = new Set<Open>();
  readonly #limits: StreamLimits;
  readonly #isLive: (sessionId: string) => Promise<boolean>;

  constructor(limits: StreamLimits, isLive: (sessionId: string) => Promise<boolean>) {
    this.#limits = limits;
    this.#isLive = isLive;
  }

  /** A place for one more stream of the caller's, or 429 when they already hold as many as they may. */
  open(actor: Actor): StreamLease {
    const held = [...this.#open].filter((s) => s.personId === actor.personId).length;
    if (held >= this.#limits.perPerson) throw new AppError('rate_limited', `at most ${this.#limits.perPerson} live streams at once; close one first`);
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const lifetime = setTimeout(() => entry.end(), this.#limits.lifetimeMs);
    const recheck = setInterval(() => {
      this.#isLive(actor.sessionId).then(
        (live) => live || entry.end(),
        () => {}, // the database away for a moment: check again next time
      );
    }, this.#limits.recheckMs);
    const entry: Open = {
      personId: actor.personId,
      sessionId: actor.sessionId,
      end: () => {
        clearTimeout(lifetime);
        clearInterval(recheck);
        this.#open.delete(entry);
        end();
      },
    };
    this.#open.add(entry);
    return { ended, release: entry.end };
  }

  /** Closes the streams of a session that has just ended (logout). */
  closeSession(sessionId: string): void {
    for (const s of [...this.#open]) if (s.sessionId === sessionId) s.end();
  }

  /** Closes every stream of a person whose sessions have all ended (disabled). */
  closePerson(personId: number): void {
    for (const s of [...this.#open]) if (s.personId === personId) s.end();
  }

  /** Closes them all (the server stops). */
  closeAll(): void {
    for (const s of [...this.#open]) s.end();
  }

  /** How many are open (tests, metrics). */
  get size(): number {
    return this.#open.size;
  }
}
