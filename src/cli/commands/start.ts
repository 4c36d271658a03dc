import { loadConfig } from '../../server/config.ts';
import { createSetu } from '../../server/main.ts';
import type { Command } from '../args.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';
import { buildDemo, printLogins } from './demo.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run Setu for a first look: an empty database gets the demo organisation, then the server starts.',
  usage: 'Usage: setu start\n\nLike `setu serve`, but first builds the small demo organisation if there are no units yet.',
  async run() {
    const setu = await createSetu(loadConfig());
    const empty = !(await setu.database.db.selectFrom('units').select('id').limit(1).executeTakeFirst());
    const logins = empty ? await buildDemo(setu.database, setu.config, 'small') : [];
    await serveUntilStopped(setu, (url) => {
      const where = setu.database.kind === 'pglite' ? `embedded, in ${setu.config.dataDir}` : 'PostgreSQL';
      console.log(`\nSetu is running at ${url}  (database: ${where})`);
      if (logins.length) printLogins(logins, url, setu.config.OTP_SENDER);
      else console.log('Sign in with the phone number of a person who holds a position (the demo uses +91 90000 00001 … 00012).');
    });
  },
};
