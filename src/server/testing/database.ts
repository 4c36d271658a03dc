import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/index.ts';

/** A test's database; on PostgreSQL, its URL too, so a second process can be played by a second connection pool. */
export type TestDatabase = Database & { url?: string };

/**
 * A database of its own for one test file: an in-memory PGlite by default, or, when TEST_DATABASE_URL is set,
 * a fresh PostgreSQL database created for the file and dropped after it, with the statement timeout the server
 * would set (none unless given).
 */
export async function testDatabase(options: { statementTimeoutMs?: number } = {}): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return openDatabase({ dataDir: 'memory://' });
  const fresh = await freshPostgresDatabase(admin);
  const database = await openDatabase({ url: fresh.url, dataDir: 'unused', poolSize: 5, statementTimeoutMs: options.statementTimeoutMs });
  return {
    ...database,
    url: fresh.url,
    async close() {
      await database.close();
      await fresh.drop();
    },
  };
}

/** Creates an empty PostgreSQL database next to the one `adminUrl` names; `drop()` removes it, connections and all. */
export async function freshPostgresDatabase(adminUrl: string, prefix = 'setu_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Which engine the suite runs on, for test names. */
export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
