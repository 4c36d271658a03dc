import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/index.ts';

/**
 * A database of its own for one test file: an in-memory PGlite by default, or, when TEST_DATABASE_URL is set,
 * a fresh PostgreSQL database created for the file and dropped after it.
 */
export async function testDatabase(): Promise<Database> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return openDatabase({ dataDir: 'memory://' });
  const name = `setu_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: 'unused', poolSize: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Which engine the suite runs on, for test names. */
export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
