import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { currentQuerySignal, isRollback, QueryAbandoned } from './request-scope.ts';

/**
 * The comment a raw statement that only reads starts with (after PREPARE when both), so that PGlite skips the WAL sync
 * it would otherwise run after it (Kysely's own selects are known to read). Only for a statement that cannot write,
 * calls no function that writes, and locks nothing: a wrong mark would acknowledge a write before it is on disk.
 */
export const READ_ONLY = '/* read only */';

/** Whether the comments a statement starts with include the marker. */
const marked = (text: string, marker: string) => (/^\s*(?:\/\*[^*]*\*\/\s*)*/.exec(text)?.[0] ?? '').includes(marker);

/**
 * Kysely over PGlite. PGlite is one Postgres backend, so there is one connection: a transaction must own it
 * until it ends, or another request's statements would run inside it. A queue of waiters gives that.
 */
export class PGliteDialect implements Dialect {
  readonly #pg: PGlite;
  readonly #afterWrite: () => void;
  /** `afterWrite` runs after each commit and each write outside a transaction (see wal-sync.ts). */
  constructor(pg: PGlite, afterWrite: () => void = () => {}) {
    this.#pg = pg;
    this.#afterWrite = afterWrite;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pg, this.#afterWrite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  readonly #afterWrite: () => void;
  #busy = false;
  readonly #waiters: Array<() => void> = [];

  constructor(pg: PGlite, afterWrite: () => void) {
    this.#connection = new PGliteConnection(pg, afterWrite);
    this.#afterWrite = afterWrite;
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#busy = true;
    return this.#connection;
  }
  async releaseConnection() {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#busy = false;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    this.#connection.inTransaction = true;
    await conn.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }
  // The transaction's end runs while it still counts as one, so only the sync after a commit follows (once).
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
    this.#connection.inTransaction = false;
    this.#afterWrite();
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    try {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.#connection.inTransaction = false;
    }
  }
  async destroy() {}
}

class PGliteConnection implements DatabaseConnection {
  readonly #pg: PGlite;
  readonly #afterWrite: () => void;
  inTransaction = false;
  constructor(pg: PGlite, afterWrite: () => void) {
    this.#pg = pg;
    this.#afterWrite = afterWrite;
  }
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // A statement already running cannot be stopped here; one for a request its client abandoned is not started.
    if (currentQuerySignal()?.aborted && !isRollback(query.sql)) throw new QueryAbandoned();
    const result = await this.#pg.query<R>(query.sql, [...query.parameters]);
    if (!this.inTransaction && query.query.kind !== 'SelectQueryNode' && !marked(query.sql, READ_ONLY)) this.#afterWrite();
    const affected = result.affectedRows === undefined ? undefined : BigInt(result.affectedRows);
    return { rows: result.rows, numAffectedRows: affected };
  }
  // eslint-disable-next-line require-yield -- PGlite has no cursors; Kysely's stream() is not used with it
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}
