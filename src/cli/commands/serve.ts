import { loadConfig } from '../../server/config.ts';
import { createSetu } from '../../server/main.ts';
import type { Command } from '../args.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the HTTP server (API and web app) on HOST:PORT.',
  usage: 'Usage: setu serve\n\nConfigured by environment variables; see README.',
  async run() {
    const setu = await createSetu(loadConfig());
    await serveUntilStopped(setu, (url) => setu.log.info({ url, db: setu.database.kind }, 'setu is listening'));
  },
};
