import { loadConfig, type Config } from '../server/config.ts';
import { migrate, openDatabase, type Database } from '../server/platform/db/index.ts';
import { applyOrgConfig, readOrgConfig } from '../server/features/org/index.ts';
import { applyEventKinds, DEFAULT_EVENT_KINDS } from '../server/features/events/index.ts';

/** Config and a migrated database for commands that work on data without serving HTTP. */
export async function openForCli(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE });
  await migrate(database);
  const orgConfig = readOrgConfig(config.SETU_ORG_CONFIG);
  await applyOrgConfig(database.db, orgConfig);
  await applyEventKinds(database.db, orgConfig.eventKinds ?? DEFAULT_EVENT_KINDS);
  return { config, database };
}
