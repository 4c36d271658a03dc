import { createHash } from 'node:crypto';
import webpush, { type PushSubscription, type RequestDetails } from 'web-push';
import type { Channel, OutgoingMessage, SendOutcome } from './channel.ts';
import { cutToFit, networkReason, permanent, retry, retryAfterMs } from './support.ts';

export interface PushChannelOptions {
  /** The server's VAPID key pair (base64url, `npx web-push generate-vapid-keys`) and a mailto:/https: contact. */
  vapid: { publicKey: string; privateKey: string; subject: string };
  ratePerSecond?: number;
  /** How long the push service keeps a message for a phone that is offline. */
  ttlSeconds?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * Lets plain-http endpoints through: only for the local fake push service. Real push services are all https, and
   * refusing anything else keeps a forged subscription from aiming the server at an internal http address.
   */
  allowHttpEndpoints?: boolean;
}

/**
 * A push service takes at most 4096 bytes of body (RFC 8030 §7.2). aes128gcm spends 86 on its header (salt, record size,
 * key id length, the 65-byte sender key), 16 on the tag and 1 on the padding delimiter.
 */
const MAX_PLAINTEXT_BYTES = 4096 - 86 - 16 - 1;

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291). `web-push` builds the request
 * (encrypts, signs the JWT) and fetch() sends it: `sendNotification` always uses `https.request`, so it can reach neither
 * the plain-http fake nor an injected transport, and fetch gives the same timeout and error handling as the other channels.
 * The address is the browser's PushSubscription as JSON; the service worker gets `{id,title,body,url,lang}` as JSON.
 */
export function createPushChannel(options: PushChannelOptions): Channel {
  const doFetch = options.fetch ?? fetch;
  const requestOptions = {
    vapidDetails: options.vapid,
    // Three days: a phone switched off over a weekend still gets it; later than that the in-app inbox has it anyway.
    TTL: options.ttlSeconds ?? 3 * 24 * 3600,
    urgency: 'normal' as const,
  };
  return {
    name: 'push',
    ratePerSecond: options.ratePerSecond ?? 100,
    async send(address: string, message: OutgoingMessage): Promise<SendOutcome> {
      const subscription = parseSubscription(address, options.allowHttpEndpoints ?? false);
      if (typeof subscription === 'string') return permanent(`bad subscription: ${subscription}`);
      let request: RequestDetails;
      try {
        // The topic makes a push service replace an undelivered earlier copy of this message instead of queueing both.
        request = webpush.generateRequestDetails(subscription, payloadOf(message), { ...requestOptions, topic: topicOf(message.id) });
      } catch (error) {
        return permanent(`bad subscription: ${(error as Error).message}`); // keys of the wrong length, for instance
      }
      let res: Response;
      try {
        res = await doFetch(request.endpoint, {
          method: 'POST',
          // fetch sets Content-Length itself from the body.
          headers: Object.fromEntries(
            Object.entries(request.headers)
              .filter(([name]) => name.toLowerCase() !== 'content-length')
              .map(([name, value]) => [name, String(value)]),
          ),
          body: request.body ? new Uint8Array(request.body) : null,
          // A redirect could lead anywhere, http included: a real push service never answers with one.
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await res.body?.cancel();
      } catch (error) {
        return retry(networkReason(error));
      }
      return outcomeOf(res);
    },
  };
}

function outcomeOf(res: Response): SendOutcome {
  // The Location header names the message resource (RFC 8030 §5): the provider's id for it.
  if (res.status >= 200 && res.status < 300) return { ok: true, providerId: res.headers.get('location') ?? undefined };
  const reason = `push service answered ${res.status}`;
  // 404/410: the person unsubscribed or the browser dropped the subscription; it will never work again.
  if (res.status === 404 || res.status === 410) return { ok: false, permanent: true, reason: `${reason}: subscription gone`, addressGone: true };
  if (res.status === 429 || res.status >= 500) return retry(reason, retryAfterMs(res.headers.get('retry-after')));
  return permanent(reason);
}

/** The stored PushSubscription JSON, checked enough that web-push's own errors are about keys, not shape. */
function parseSubscription(address: string, allowHttp: boolean): PushSubscription | string {
  let value: unknown;
  try {
    value = JSON.parse(address);
  } catch {
    return 'not JSON';
  }
  const s = value as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } } | null;
  if (typeof s?.endpoint !== 'string' || typeof s.keys?.p256dh !== 'string' || typeof s.keys.auth !== 'string') {
    return 'needs endpoint, keys.p256dh and keys.auth';
  }
  let protocol: string;
  try {
    protocol = new URL(s.endpoint).protocol;
  } catch {
    return 'endpoint is not a URL';
  }
  if (protocol !== 'https:' && !(allowHttp && protocol === 'http:')) return 'endpoint must be https';
  return { endpoint: s.endpoint, keys: { p256dh: s.keys.p256dh, auth: s.keys.auth } };
}

/** The JSON the service worker reads; a body too long for one push record is shortened rather than refused. */
export function payloadOf(message: OutgoingMessage): string {
  const base = { id: message.id, title: message.title, body: '', url: message.url, lang: message.lang };
  const room = MAX_PLAINTEXT_BYTES - Buffer.byteLength(JSON.stringify(base));
  // Cost of a piece as it will sit inside the JSON string: escapes included, UTF-8 (Devanagari is 3 bytes a letter).
  const jsonBytes = (piece: string) => Buffer.byteLength(JSON.stringify(piece)) - 2;
  return JSON.stringify({ ...base, body: cutToFit(message.body, room, jsonBytes) });
}

/** RFC 8030 topics are at most 32 URL-safe base64 characters; a hash fits any id into that, the same every time. */
export function topicOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 32);
}
