import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/server/platform/db/index.ts';
import { applyOrgConfig, defaultOrgConfig } from '../src/server/features/org/index.ts';

/**
 * Runs `use` on a fresh PostgreSQL database with the migrated nation-scale tree: built by `build` into a database
 * of its own, or, with BENCH_KEEP_TREE=1, copied from a template database kept from an earlier run (built the first
 * time). The copy is dropped afterwards; the template stays for the next run.
 */
export async function onNationPostgres(
  url: string,
  names: { prefix: string; template: string },
  build: (database: Database) => Promise<void>,
  use: (databaseUrl: string, prebuilt: boolean) => Promise<void>,
): Promise<void> {
  const name = `${names.prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const urlOf = (db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();
  const keep = process.env.BENCH_KEEP_TREE === '1';
  try {
    const hasTemplate = keep && (await admin.query('select 1 from pg_database where datname = $1', [names.template])).rowCount === 1;
    if (keep && !hasTemplate) {
      await admin.query(`create database ${names.template}`);
      const t = await openDatabase({ url: urlOf(names.template), dataDir: 'unused', poolSize: 2 });
      await migrate(t);
      await applyOrgConfig(t.db, defaultOrgConfig);
      await build(t);
      await t.close();
    }
    await admin.query(keep ? `create database ${name} template ${names.template}` : `create database ${name}`);
    await use(urlOf(name), keep);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
