import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './index.ts';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));
// Any constant: only one process at a time may apply migrations to a PostgreSQL database.
const MIGRATION_LOCK = 7_311_998;

function migrationFiles(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

async function applied(database: Database): Promise<Set<string>> {
  // Created only when missing: a server connecting as a role that may not create tables (docs/sql/app-role-grants.sql)
  // still starts, finding every migration applied by the owner.
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migrations')::text as t`.execute(database.db);
  if (!exists.rows[0]?.t)
    await database.script('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
  const rows = await sql<{ name: string }>`select name from schema_migrations`.execute(database.db);
  return new Set(rows.rows.map((r) => r.name));
}

/** Names of the migrations not yet applied. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const done = await applied(database);
  return migrationFiles().filter((f) => !done.has(f));
}

/**
 * Applies every pending migration, each in its own transaction, in file-name order. The same plain SQL
 * files run on PGlite and PostgreSQL. Returns the names applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  const todo = await pendingMigrations(database);
  const done: string[] = [];
  for (const name of todo) {
    const body = readFileSync(migrationsDir + name, 'utf8');
    const quoted = name.replaceAll("'", "''");
    const script = `begin;\nselect pg_advisory_xact_lock(${MIGRATION_LOCK});\n${body}\n;insert into schema_migrations(name) values ('${quoted}');\ncommit;`;
    try {
      await database.script(script);
      done.push(name);
    } catch (error) {
      // Another process may have applied it while we waited for the lock; that is success, anything else is not.
      if ((await applied(database)).has(name)) continue;
      throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return done;
}
