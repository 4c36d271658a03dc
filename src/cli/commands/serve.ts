import { loadConfig } from '../../server/config.ts';
import { createSetu, listen } from '../../server/main.ts';
import type { Command } from '../args.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the HTTP server (API and web app) on HOST:PORT.',
  usage: 'Usage: setu serve\n\nConfigured by environment variables; see README.',
  async run() {
    const setu = await createSetu(loadConfig());
    const { server, url } = await listen(setu);
    setu.log.info({ url, db: setu.database.kind }, 'setu is listening');
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await setu.close();
  },
};
