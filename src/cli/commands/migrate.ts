import { loadConfig } from '../../server/config.ts';
import { migrate, openDatabase } from '../../server/platform/db/index.ts';
import type { Command } from '../args.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (they also run at every start).',
  usage: 'Usage: setu migrate\n\nUses DATABASE_URL when set, otherwise the embedded database in DATA_DIR.',
  async run() {
    const config = loadConfig();
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
    try {
      const applied = await migrate(database);
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'nothing to apply: the database is up to date');
    } finally {
      await database.close();
    }
  },
};
