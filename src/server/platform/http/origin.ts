import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Context } from 'hono';

/**
 * Where this server was reached, as the server itself knows it: the local address and port of the connection the
 * request came in on. Unlike the Host header, the client cannot write it. Undefined for an in-process request (tests).
 */
export function connectionOrigin(c: Context): string | undefined {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  if (!socket?.localAddress || !socket.localPort) return undefined;
  const address = socket.localAddress.replace(/^::ffff:(?=\d+\.)/, '');
  const scheme = (socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${socket.localPort}`;
}

/**
 * The address people open, for links Setu hands out (sign-up, check-in, calendar feeds): PUBLIC_URL when configured,
 * else where this connection reached the server, else the listen address. Never the request's Host header: a forged
 * one would put another site's address into a link the organisation prints and shares.
 */
export function selfUrl(publicUrl: string | undefined, listenUrl: string): (c: Context) => string {
  const configured = publicUrl?.replace(/\/+$/, '');
  return (c) => configured ?? connectionOrigin(c) ?? listenUrl;
}
