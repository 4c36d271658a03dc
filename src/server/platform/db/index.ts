import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { walSyncer } from './wal-sync.ts';
import { lockDataFolder } from './data-lock.ts';
import { preparingPool } from './prepared.ts';
import { localBus, postgresBus, type Bus } from './bus.ts';
import type { Schema } from './schema.ts';

export type { Schema } from './schema.ts';
export { migrate, pendingMigrations } from './migrate.ts';
export { isDeadlock, isUniqueViolation } from './errors.ts';
export { DataFolderInUse } from './data-lock.ts';
export { coalescer, type CoalescerOptions } from './coalescer.ts';
export { PREPARE } from './prepared.ts';
export { isQueryCancelled, withQuerySignal } from './request-scope.ts';
export { READ_ONLY } from './pglite-dialect.ts';
export { MAX_PAYLOAD_BYTES, type Bus, type BusSubscriber } from './bus.ts';

export type DbKind = 'pglite' | 'postgres';

/** One database, whichever engine is underneath: Kysely for queries, `script` for multi-statement SQL. */
export interface Database {
  readonly kind: DbKind;
  readonly db: Kysely<Schema>;
  /** Runs SQL text that may hold several statements (migrations, bulk set-based work). */
  script(sqlText: string): Promise<void>;
  /** Messages to every Setu process on this database (LISTEN/NOTIFY; in-process on PGlite, which is one process). */
  readonly bus: Bus;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use PostgreSQL; absent for the embedded database. */
  url?: string | undefined;
  /** Folder for PGlite's data; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
  /**
   * PostgreSQL's statement_timeout on every pooled connection, in ms (0 or absent: none). Scripts (migrations, bulk
   * set-based work) run without it. PGlite cannot time a statement out (see openPGlite).
   */
  statementTimeoutMs?: number | undefined;
  /** Told when the bus's listening connection fails (it is opened again a second later). */
  onBusError?: (error: Error) => void;
}

// Counts and ids are bigint in SQL but stay far below 2^53: read them as numbers on both engines.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir/pglite`, locked to this process
 * (`dataDir/setu.lock`) until closed: a second opening throws `DataFolderInUse`, naming the holder.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10, options.statementTimeoutMs ?? 0, options.onBusError) : openPGlite(options.dataDir);
}

async function openPostgres(url: string, max: number, timeoutMs: number, onBusError?: (error: Error) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'setu' });
  pool.on('error', () => {}); // an idle client's error is reported on its next use; do not crash the process
  // No JIT: PostgreSQL compiles a statement whose estimated cost passes jit_above_cost, tens of milliseconds each
  // time, and Setu's statements are short ones whose estimates run high (the rollup's fold, expecting its LIMIT's
  // whole batch, spent 20 ms compiling to run 1 ms). Set on each new connection, queued before its first query,
  // rather than as a startup option, which PgBouncer refuses for a setting it does not track.
  // The statement timeout is set the same way: no request's statement may hold a connection (and a core) for minutes.
  const timeout = `set statement_timeout = ${Math.max(0, Math.floor(timeoutMs))}`;
  pool.on('connect', (client) => void client.query(`set jit = off; ${timeout}`).catch(() => {}));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: preparingPool(pool, url) }) });
  const bus = postgresBus(pool, url, onBusError);
  return {
    kind: 'postgres',
    db,
    bus,
    async script(sqlText) {
      const client = await pool.connect();
      try {
        // A migration's backfill or a bulk build may rightly take longer than any request's statement.
        if (timeoutMs > 0) await client.query('set statement_timeout = 0');
        await client.query(sqlText);
      } catch (error) {
        await client.query('rollback').catch(() => {}); // a failed script must not leave its transaction open
        throw error;
      } finally {
        if (timeoutMs > 0) await client.query(timeout).catch(() => {});
        client.release();
      }
    },
    async close() {
      await bus.close();
      await db.destroy();
    },
  };
}

/**
 * PGlite runs one statement at a time on the event loop's thread, and ignores statement_timeout (tried: `set
 * statement_timeout = '300ms'` then `select pg_sleep(2)` ran 2 s, a 30-million-row count 29 s; WASM has no timer
 * signal to interrupt a backend). So on PGlite the work is bounded by design instead: expensive reads are indexed and
 * paged, one in flight per person (platform/http/expensive.ts), and a request abandoned by its client starts no
 * further statement (pglite-dialect.ts).
 */
async function openPGlite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : join(dataDir, 'pglite');
  if (!inMemory) mkdirSync(dir, { recursive: true });
  // One process per folder: a second PGlite on the same files aborts in WebAssembly or corrupts them.
  const lock = inMemory ? { release() {} } : lockDataFolder(dataDir);
  const client = await PGlite.create(dir, {
    extensions: { btree_gin, ltree, pg_trgm },
    // PGlite's default may answer before a write reaches its file system; an acknowledged write must survive a
    // crash. Its fsync is a no-op, so the driver fsyncs the WAL itself after each commit (wal-sync.ts).
    relaxedDurability: false,
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.NUMERIC]: (v: string) => Number(v),
    },
  }).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const syncWal = inMemory ? () => {} : walSyncer(dir);
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(client, syncWal) });
  const bus = localBus();
  return {
    kind: 'pglite',
    db,
    bus,
    async script(sqlText) {
      try {
        await client.exec(sqlText);
        syncWal();
      } catch (error) {
        await client.exec('rollback').catch(() => {}); // PGlite has one backend: never leave it in a failed transaction
        throw error;
      }
    },
    async close() {
      await bus.close();
      await db.destroy();
      await client.close();
      lock.release();
    },
  };
}
