import { listen, type Setu } from '../server/main.ts';

/** Listens, runs `announce` with the address, and serves until SIGINT or SIGTERM; then closes cleanly. */
export async function serveUntilStopped(setu: Setu, announce: (url: string) => void): Promise<void> {
  const { server, url } = await listen(setu);
  announce(url);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await setu.close();
}
