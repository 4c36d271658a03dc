import { createServer, type Server } from 'node:net';

/** Starts `server` on a free port of 127.0.0.1 and gives its port. */
export async function listenLocal(server: Pick<Server, 'listen' | 'address'>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on (bound, then released), to see what a channel does when its provider is unreachable. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listenLocal(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}
