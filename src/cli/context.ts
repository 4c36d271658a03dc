import { loadConfig, type Config } from '../server/config.ts';
import { migrate, openDatabase, type Database } from '../server/platform/db/index.ts';
import { applyOrgConfig, readOrgConfig } from '../server/features/org/index.ts';

/** Config and a migrated database for commands that work on data without serving HTTP. */
export async function openForCli(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE });
  await migrate(database);
  await applyOrgConfig(database.db, readOrgConfig(config.SETU_ORG_CONFIG));
  return { config, database };
}
