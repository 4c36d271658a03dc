import { loadConfig, type Config } from '../server/config.ts';
import { migrate, openDatabase, type Database } from '../server/platform/db/index.ts';
import { applyOrgConfig, readOrgConfig } from '../server/features/org/index.ts';
import { applyEventKinds, DEFAULT_EVENT_KINDS } from '../server/features/events/index.ts';
import { useAuditKey } from '../server/features/audit/index.ts';

/**
 * Config and a migrated database for commands that work on data without serving HTTP. `generateKey: false` for a
 * command that must not invent a secret key (config.SETU_SECRET_KEY is then '' when none is set or stored).
 */
export async function openForCli({ generateKey = true } = {}): Promise<{ config: Config; database: Database }> {
  const config = loadConfig(process.env, { generateKey });
  if (config.SETU_SECRET_KEY) useAuditKey(config.SETU_SECRET_KEY);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE });
  await migrate(database);
  const orgConfig = readOrgConfig(config.SETU_ORG_CONFIG);
  await applyOrgConfig(database.db, orgConfig);
  await applyEventKinds(database.db, orgConfig.eventKinds ?? DEFAULT_EVENT_KINDS);
  return { config, database };
}
