import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Channel, OutgoingMessage, SendOutcome } from '../../platform/channels/channel.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log.ts';
import { dispatchNext } from './dispatch.ts';
import { RateLimiter, retryDelay } from './pace.ts';
import { cancel, claim, forgetAddress, markDead, markSent, recoverLeases, release, retryLater, stoppedSince, workPending, type Claimed } from './queue.ts';
import { topicNames, topicOf, type Lang, type Rendered } from './topics.ts';

/** Tuning; the defaults suit production. */
export interface DeliveryTuning {
  /** Sleep when there was nothing to do. */
  idleMs: number;
  /** How long a claimed delivery stays with its sender before another process may take it back. */
  leaseMs: number;
  /** A send that has not answered by then counts as a retryable failure (it is sent again with the same id). */
  sendTimeoutMs: number;
  /** Sends in flight at once per channel (each marked sent as soon as it answers). */
  concurrency: number;
  /** Tries per delivery before it is dead. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Outbox rows older than this when their turn comes are closed without deliveries. */
  maxAgeMs: number;
}

export const defaultTuning: DeliveryTuning = {
  idleMs: 250,
  leaseMs: 60_000,
  sendTimeoutMs: 20_000,
  concurrency: 8,
  maxAttempts: 8,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  maxAgeMs: 24 * 3_600_000,
};

export interface DeliveryWorkerDeps extends Partial<DeliveryTuning> {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  channels: readonly Channel[];
  log: Logger;
  /** Makes a topic's app path (`/directives/7`) an absolute link; without it such links are left out. */
  publicUrl?: string | undefined;
  /**
   * Take back every `sending` delivery at start instead of waiting for leases to run out: only for a database no
   * other process can be using (PGlite), where whatever was being sent was being sent by a process now dead.
   */
  recoverOnStart?: boolean;
}

export interface DeliveryWorker {
  /** Stops claiming, lets the sends under way finish and be recorded, gives back the rest; then resolves. */
  stop(): Promise<void>;
  /**
   * Resolves once no work remains: no outbox row of a known topic waiting for dispatch (one whose dispatch failed
   * aside), no delivery on this worker's channels queued (retries included) or being sent. For tests and tools.
   */
  drain(timeoutMs?: number): Promise<void>;
  /** Looks for work now instead of at the next poll (after an enqueue in this process). */
  wake(): void;
}

/**
 * The delivery worker: one loop dispatching outbox rows into deliveries, and one sending loop per channel, each
 * claiming a batch, sending at the channel's rate and recording every outcome right after its send. Every loop
 * polls (idle: `idleMs`; busy: at once) and keeps its transactions short, since on PGlite they share one connection
 * with the requests.
 */
export function startDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const tuning: DeliveryTuning = { ...defaultTuning, ...definedOnly(deps) };
  const { db, log } = deps;
  const stopping = new AbortController();
  let wakeUp = new AbortController();
  const idle = async (ms: number) => {
    const signal = AbortSignal.any([stopping.signal, wakeUp.signal]);
    await sleep(ms, undefined, { signal }).catch(() => {});
  };
  const wake = () => {
    wakeUp.abort();
    wakeUp = new AbortController();
  };

  const ready = (async () => {
    if (deps.recoverOnStart) {
      const n = await recoverLeases(db, tuning.maxAttempts, true);
      if (n) log.info({ deliveries: n }, 'delivery: took back the sends a previous run left unfinished');
    }
  })();

  const loop = async (name: string, step: () => Promise<boolean>) => {
    await ready.catch((error: unknown) => log.error({ err: error }, 'delivery: recovery at start failed'));
    while (!stopping.signal.aborted) {
      let busy: boolean;
      try {
        busy = await step();
      } catch (error) {
        if (stopping.signal.aborted) break;
        log.error({ err: error, loop: name }, 'delivery: loop failed; retrying');
        await idle(Math.max(1000, tuning.idleMs));
        continue;
      }
      if (!busy) await idle(tuning.idleMs);
    }
  };

  let leasesCheckedAt = 0;
  const dispatcher = loop('dispatch', async () => {
    if (Date.now() - leasesCheckedAt > Math.min(5000, tuning.leaseMs / 2)) {
      leasesCheckedAt = Date.now();
      const n = await recoverLeases(db, tuning.maxAttempts);
      if (n) log.warn({ deliveries: n }, 'delivery: leases ran out; queued again');
    }
    const done = await dispatchNext(db, {
      channels: deps.channels.map((c) => c.name),
      maxAgeMs: tuning.maxAgeMs,
      retryBaseMs: tuning.retryBaseMs,
    });
    if (done === 'failed') log.error('delivery: an outbox row failed to dispatch (see outbox.last_error)');
    else if (done) log.info(done, 'delivery: dispatched');
    return done !== null;
  });

  const senders = deps.channels.map((channel) => {
    const limiter = new RateLimiter(channel.ratePerSecond);
    // About a second of sends per claim, so every lease covers its wait for the rate.
    const batch = Math.max(1, Math.min(100, Math.ceil(channel.ratePerSecond)));
    return loop(`send:${channel.name}`, async () => {
      const claimed = await claim(db, channel.name, batch, tuning.leaseMs);
      if (claimed.length === 0) return false;
      await sendBatch({ ...deps, tuning, channel, limiter, stopping: stopping.signal }, claimed);
      return true;
    });
  });

  const all = Promise.all([dispatcher, ...senders]);
  return {
    async stop() {
      stopping.abort();
      await all;
    },
    async drain(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        if (
          !(await workPending(
            db,
            topicNames(),
            deps.channels.map((c) => c.name),
          ))
        )
          return;
        if (Date.now() > until) throw new Error('delivery: still busy after drain timeout');
        wake();
        await sleep(20);
      }
    },
    wake,
  };
}

interface SendContext extends DeliveryWorkerDeps {
  tuning: DeliveryTuning;
  channel: Channel;
  limiter: RateLimiter;
  stopping: AbortSignal;
}

/**
 * Sends one claimed batch: drops what may no longer be sent (consent withdrawn, address revoked, silence begun),
 * renders each message once per language, then sends with up to `concurrency` in flight, each at the channel's rate
 * and recorded as soon as it answers. What is still unsent when the worker stops goes back to the queue.
 */
async function sendBatch(ctx: SendContext, claimed: Claimed[]): Promise<void> {
  const { db } = ctx;
  const sendable = await screen(db, claimed);
  const rendered = new Map<string, Rendered | Error>();
  const render = (d: Claimed, lang: Lang) => {
    const key = `${d.outboxId}:${lang}`;
    if (!rendered.has(key)) {
      try {
        const topic = topicOf(d.topic);
        if (!topic) throw new Error(`topic ${d.topic} is not registered in this process`);
        rendered.set(key, topic.render(topic.payload ? topic.payload.parse(d.payload) : d.payload, lang));
      } catch (error) {
        rendered.set(key, error as Error);
      }
    }
    return rendered.get(key)!;
  };

  const waiting = [...sendable];
  const runner = async () => {
    for (let d = waiting.shift(); d; d = waiting.shift()) {
      try {
        await ctx.limiter.take(ctx.stopping);
      } catch {
        waiting.unshift(d);
        return;
      }
      await sendOne(ctx, d, render);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.tuning.concurrency, sendable.length) }, runner));
  await release(db, waiting);
}

/** Cancels the claimed deliveries that may no longer be sent; answers the rest. */
async function screen(db: Kysely<Schema>, claimed: Claimed[]): Promise<Claimed[]> {
  const revoked = claimed.filter((d) => d.revoked || !d.addressEnc);
  await cancel(db, revoked, 'contact point revoked');
  const rest = claimed.filter((d) => !revoked.includes(d));
  const out: Claimed[] = [];
  for (const purpose of new Set(rest.map((d) => d.purpose))) {
    const group = rest.filter((d) => d.purpose === purpose);
    const stopped = await stoppedSince(db, purpose, [...new Set(group.map((d) => d.personId))]);
    await cancel(
      db,
      group.filter((d) => stopped.get(d.personId) === 'not_reachable'),
      'no longer reachable: consent withdrawn, a child, erased or merged',
    );
    await cancel(
      db,
      group.filter((d) => stopped.get(d.personId) === 'silence'),
      'election silence began',
    );
    out.push(...group.filter((d) => !stopped.has(d.personId)));
  }
  return out;
}

async function sendOne(ctx: SendContext, d: Claimed, render: (d: Claimed, lang: Lang) => Rendered | Error): Promise<void> {
  const { db, log, tuning, channel } = ctx;
  const lang: Lang = d.language === 'en' ? 'en' : 'hi';
  let address: string;
  try {
    address = ctx.cipher.decrypt(d.addressEnc!);
  } catch (error) {
    await markDead(db, d, `address unreadable: ${(error as Error).message}`);
    return;
  }
  const message = render(d, lang);
  if (message instanceof Error) {
    await markDead(db, d, `render failed: ${message.message}`);
    return;
  }
  const outgoing: OutgoingMessage = {
    // Stable per delivery: a resend after a crash or a timeout carries the same id, so a receiver that dedupes
    // (an SMS gateway by its client reference, Web Push by its topic) shows it once.
    id: `setu-${d.id}`,
    title: message.title,
    body: message.body,
    lang,
    ...absoluteUrl(message.url, ctx.publicUrl),
  };
  const outcome = await sendWithTimeout(channel, address, outgoing, tuning.sendTimeoutMs);
  if (outcome.ok) {
    if (!(await markSent(db, d, outcome.providerId))) log.warn({ delivery: d.id }, 'delivery: sent after its lease was taken over');
  } else if (outcome.permanent) {
    if (outcome.addressGone) await forgetAddress(db, d.contactPointId);
    await markDead(db, d, outcome.reason);
  } else if (d.attempts >= tuning.maxAttempts) {
    await markDead(db, d, `gave up after ${d.attempts} attempts: ${outcome.reason}`);
  } else {
    await retryLater(db, d, retryDelay(d.attempts, { baseMs: tuning.retryBaseMs, maxMs: tuning.retryMaxMs }, outcome.retryAfterMs), outcome.reason);
  }
}

/** A channel's answer, or a retryable failure when it throws (it should not) or does not answer in time. */
async function sendWithTimeout(channel: Channel, address: string, message: OutgoingMessage, timeoutMs: number): Promise<SendOutcome> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      channel.send(address, message),
      sleep(timeoutMs, undefined, { signal: timeout.signal }).then((): SendOutcome => ({ ok: false, permanent: false, reason: 'timed out' })),
    ]);
  } catch (error) {
    return { ok: false, permanent: false, reason: `channel threw: ${(error as Error).message}` };
  } finally {
    timeout.abort();
  }
}

function absoluteUrl(url: string | undefined, publicUrl: string | undefined): { url?: string } {
  if (!url) return {};
  if (/^https?:\/\//.test(url)) return { url };
  return publicUrl ? { url: new URL(url, publicUrl).toString() } : {};
}

/** The tuning fields that were given (an explicit `undefined` keeps the default). */
function definedOnly(deps: Partial<DeliveryTuning>): Partial<DeliveryTuning> {
  const keys = Object.keys(defaultTuning) as (keyof DeliveryTuning)[];
  return Object.fromEntries(keys.filter((k) => deps[k] !== undefined).map((k) => [k, deps[k]]));
}
