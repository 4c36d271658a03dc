import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the statements of one piece of work (a request) share: the signal that says nobody waits for them any more.
 * Carried by AsyncLocalStorage, so a feature's queries need no extra argument: the drivers read it when a statement
 * starts. PostgreSQL's driver cancels a running statement when the signal fires; both drivers refuse to start one
 * after it fired.
 */
interface Scope {
  signal: AbortSignal;
}

const scopes = new AsyncLocalStorage<Scope>();

/** Runs `fn` with every statement it makes, however deep, tied to `signal`. */
export function withQuerySignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return scopes.run({ signal }, fn);
}

/** The signal of the work the current statement belongs to, if any. */
export const currentQuerySignal = (): AbortSignal | undefined => scopes.getStore()?.signal;

/** A statement not started, or cancelled, because the work it belonged to was abandoned (the client went away). */
export class QueryAbandoned extends Error {
  override name = 'QueryAbandoned';
  readonly code = '57014'; // PostgreSQL's query_canceled, so callers see one kind of cancellation
  constructor() {
    super('the statement was cancelled: nobody waits for its answer');
  }
}

/**
 * Whether an error is a statement cancelled by PostgreSQL (statement_timeout, or pg_cancel_backend after the client
 * left: SQLSTATE 57014) or one never started for the same reason.
 */
export function isQueryCancelled(error: unknown): boolean {
  return error instanceof QueryAbandoned || (error as { code?: unknown } | null)?.code === '57014';
}

/** A rollback always runs: refusing it would leave the connection (PGlite's only one) inside a failed transaction. */
export const isRollback = (text: unknown) => typeof text === 'string' && /^\s*rollback\b/i.test(text);
