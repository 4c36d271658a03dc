import { EventEmitter } from 'node:events';
import pg from 'pg';

/** What a subscriber is told: each message, and that messages may have been missed (the listening connection came back). */
export interface BusSubscriber {
  message(payload: string): void;
  resumed?(): void;
}

/**
 * Short messages to every Setu process on one database, the sender included: PostgreSQL's LISTEN/NOTIFY, so that
 * what one process did (the rollup it ran) reaches what another serves (the streams open on it). On PGlite there is
 * one process by construction, and the bus stays inside it.
 */
export interface Bus {
  publish(channel: string, payload: string): Promise<void>;
  /** Resolves once listening; the answer stops it. */
  subscribe(channel: string, subscriber: BusSubscriber): Promise<() => void>;
  close(): Promise<void>;
}

/** PostgreSQL caps a notification's payload below 8000 bytes. */
export const MAX_PAYLOAD_BYTES = 7900;

export function localBus(): Bus {
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    async publish(channel, payload) {
      emitter.emit(channel, payload);
    },
    async subscribe(channel, subscriber) {
      const listener = (payload: string) => subscriber.message(payload);
      emitter.on(channel, listener);
      return () => void emitter.off(channel, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * The PostgreSQL bus: NOTIFY through the pool, LISTEN on one connection of its own (opened at the first subscription).
 * If that connection is lost it is opened again a second later, and every subscriber is told it may have missed
 * messages meanwhile.
 */
export function postgresBus(pool: pg.Pool, url: string, onError: (error: Error) => void = () => {}): Bus {
  const subscribers = new Map<string, Set<BusSubscriber>>();
  // The listening connection: being opened or open (`connecting` resolves to it), none before the first subscription.
  let current: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const listen = (c: pg.Client, channel: string) => c.query(`listen ${c.escapeIdentifier(channel)}`);

  const connect = (): Promise<pg.Client> =>
    (connecting ??= (async () => {
      if (closed) throw new Error('the bus is closed');
      // Keepalive, so a connection the network dropped without a word is found dead and opened again.
      const c = new pg.Client({ connectionString: url, application_name: 'setu-bus', keepAlive: true, connectionTimeoutMillis: 10_000 });
      current = c;
      c.on('notification', (n) =>
        subscribers.get(n.channel)?.forEach((s) => {
          try {
            s.message(n.payload ?? '');
          } catch (error) {
            onError(error as Error); // one subscriber's fault is not the connection's
          }
        }),
      );
      c.on('error', (error) => {
        onError(error);
        lost(c);
      });
      c.on('end', () => lost(c));
      try {
        await c.connect();
        await Promise.all([...subscribers.keys()].map((channel) => listen(c, channel)));
        return c;
      } catch (error) {
        if (current === c) [current, connecting] = [undefined, undefined]; // the next call tries afresh
        c.end().catch(() => {});
        throw error;
      }
    })());

  /** The listening connection failed or ended: open it again in a second, then tell every subscriber. */
  const lost = (c: pg.Client) => {
    if (c !== current) return; // an older connection's last words
    current = undefined;
    connecting = undefined;
    c.end().catch(() => {});
    if (closed || retry) return;
    const again = () => {
      retry = undefined;
      if (closed) return;
      connect().then(
        () => subscribers.forEach((set) => set.forEach((s) => s.resumed?.())),
        (error: Error) => {
          onError(error);
          if (!retry && !closed) retry = setTimeout(again, 1000);
        },
      );
    };
    retry = setTimeout(again, 1000);
  };

  return {
    async publish(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async subscribe(channel, subscriber) {
      const fresh = !subscribers.has(channel);
      const set = subscribers.get(channel) ?? new Set();
      set.add(subscriber);
      subscribers.set(channel, set);
      const stop = () => void set.delete(subscriber);
      try {
        const c = await connect();
        if (fresh) await listen(c, channel); // LISTEN twice is harmless, if the connection was opened just now
      } catch (error) {
        stop();
        throw error;
      }
      return stop;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = current;
      current = undefined;
      connecting = undefined;
      await c?.end().catch(() => {});
    },
  };
}
