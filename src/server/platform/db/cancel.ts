import pg from 'pg';
import { currentQuerySignal, isRollback, QueryAbandoned } from './request-scope.ts';

type Query = (config: unknown, values?: unknown[]) => Promise<unknown>;

/**
 * Runs one statement on a pooled client, cancelled on the server when the current work's signal fires (the client
 * disconnected). node-postgres only drops a timed-out query on its side (`query_timeout`), leaving PostgreSQL to run
 * it to the end; `pg_cancel_backend(pid)` on another connection stops the backend's current statement (SQLSTATE
 * 57014). A fresh connection, not a pooled one: when every pooled connection is busy with slow statements, a cancel
 * must not queue behind them.
 */
export function cancellable(client: pg.PoolClient, run: Query, url: string): Query {
  return async (config, values) => {
    const signal = currentQuerySignal();
    if (!signal || isRollback(config)) return run(config, values);
    if (signal.aborted) throw new QueryAbandoned();
    const pid = (client as unknown as { processID: number | null }).processID;
    let cancelling: Promise<void> | undefined;
    const cancel = () => {
      if (pid !== null) cancelling = cancelBackend(url, pid);
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await run(config, values);
    } finally {
      signal.removeEventListener('abort', cancel);
      // The connection goes back to the pool only once the cancel has landed, so it never stops another's statement.
      if (cancelling) await cancelling;
    }
  };
}

/** Asks PostgreSQL to cancel the statement backend `pid` is running; failures are ignored (it may have ended). */
export async function cancelBackend(url: string, pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: url, application_name: 'setu-cancel' });
  try {
    await admin.connect();
    await admin.query('select pg_cancel_backend($1)', [pid]);
  } catch {
    // the statement ended, or the server is unreachable: nothing left to cancel
  } finally {
    await admin.end().catch(() => {});
  }
}
