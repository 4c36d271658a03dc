import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/server/platform/db/index.ts';
import { applyOrgConfig, buildDemoTree, defaultOrgConfig } from '../src/server/features/org/index.ts';
import { emit } from './report.ts';

/**
 * Runs `measure` on an empty database of each engine: PGlite in a temporary directory (unless `BENCH_PGLITE=0`, as the
 * nation takes it many minutes) and, when DATABASE_URL is set, a new PostgreSQL database on that server. Both are
 * removed afterwards, so a run never reads what an earlier one left.
 */
export async function onFreshDatabases(measure: (database: Database) => Promise<void>): Promise<void> {
  if (process.env.BENCH_PGLITE !== '0') await onPGlite(measure);
  if (process.env.DATABASE_URL) await onPostgres(process.env.DATABASE_URL, measure);
}

async function onPGlite(measure: (database: Database) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'setu-bench-'));
  try {
    const database = await openDatabase({ dataDir: dir });
    await measure(database);
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(url: string, measure: (database: Database) => Promise<void>) {
  const name = `setu_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  try {
    const database = await openDatabase({ url: u.toString(), dataDir: 'unused', poolSize: 4 });
    await measure(database);
    await database.close();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Migrates the empty database, applies the default organisation and builds the nation, printing how long that took. */
export async function buildNation(database: Database, bench: string) {
  await migrate(database);
  await applyOrgConfig(database.db, defaultOrgConfig);
  const built = await buildDemoTree(database.db, 'nation');
  emit({ bench, metric: 'nation_load_seconds', value: built.seconds, unit: 's', db: database.kind, units: built.units, booths: built.booths });
  return built;
}
