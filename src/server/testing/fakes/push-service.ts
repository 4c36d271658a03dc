import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocal } from './listen.ts';

/** What the fake push service accepted, decrypted. */
export interface ReceivedPush {
  subscription: string;
  payload: string;
  ttl: number;
  topic: string | undefined;
  urgency: string | undefined;
  /** The verified VAPID JWT's claims and the key it was signed with. */
  vapid: { aud: string; exp: number; sub: string; publicKey: string };
}

export interface PushServiceFake {
  /** Origin of the service, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  /** A new subscriber: its PushSubscription JSON as a browser would hand it over. */
  subscription(): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Everything accepted, in order. */
  readonly received: ReceivedPush[];
  /** What an offline phone would get on reconnecting: a later message with the same topic replaces an earlier one. */
  pending(endpoint: string): ReceivedPush[];
  /** The subscription stops existing: its endpoint answers 410 from now on. */
  unsubscribe(endpoint: string): void;
  /** Answers the next `count` requests with `status` (and Retry-After, if given) instead of accepting them. */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

interface Subscriber {
  ecdh: ECDH;
  auth: Buffer;
  gone: boolean;
}

/**
 * A Web Push service on 127.0.0.1 that checks what a real one checks: the VAPID JWT (RFC 8292: ES256 signature by
 * the key in `k`, audience = this origin, expiry in the future and within 24 h), the TTL header, the 4096-byte limit,
 * and it decrypts the aes128gcm body (RFC 8291/8188) with the subscriber's private key — written here from the RFCs
 * with node:crypto, independently of web-push and http_ece, so a mistake on the sending side cannot cancel out.
 */
export async function startPushServiceFake(): Promise<PushServiceFake> {
  const subscribers = new Map<string, Subscriber>();
  const received: ReceivedPush[] = [];
  const failures: { status: number; retryAfter: number | undefined }[] = [];
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => answer(res, 500, String(error)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const subscriber = id === undefined ? undefined : subscribers.get(id);
    if (req.method !== 'POST' || id === undefined || !subscriber) return answer(res, 404, 'no such subscription');
    const failure = failures.shift();
    if (failure) {
      if (failure.retryAfter !== undefined) res.setHeader('retry-after', String(failure.retryAfter));
      return answer(res, failure.status, 'failing on request');
    }
    if (subscriber.gone) return answer(res, 410, 'subscription expired');
    const vapid = verifyVapid(req.headers.authorization, origin);
    if (typeof vapid === 'string') return answer(res, 401, vapid);
    const ttl = Number(req.headers.ttl);
    if (req.headers.ttl === undefined || !Number.isInteger(ttl) || ttl < 0) return answer(res, 400, 'TTL header required');
    if (req.headers['content-encoding'] !== 'aes128gcm') return answer(res, 415, 'only aes128gcm');
    if (body.length > 4096) return answer(res, 413, 'payload too large');
    let payload: string;
    try {
      payload = decrypt(body, subscriber).toString('utf8');
    } catch (error) {
      return answer(res, 400, `cannot decrypt: ${(error as Error).message}`);
    }
    const topic = header(req, 'topic');
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return answer(res, 400, 'topic must be 1-32 URL-safe base64 characters');
    received.push({ subscription: `${origin}/push/${id}`, payload, ttl, topic, urgency: header(req, 'urgency'), vapid });
    res.setHeader('location', `${origin}/message/${received.length}`);
    answer(res, 201, '');
  }

  origin = `http://127.0.0.1:${await listenLocal(server)}`;

  return {
    url: origin,
    received,
    subscription() {
      const id = randomBytes(9).toString('base64url');
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscribers.set(id, { ecdh, auth, gone: false });
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
    },
    pending(endpoint) {
      const latest = new Map<string, ReceivedPush>();
      received.filter((r) => r.subscription === endpoint).forEach((r, i) => latest.set(r.topic ?? `#${i}`, r));
      return [...latest.values()];
    },
    unsubscribe(endpoint) {
      const subscriber = subscribers.get(endpoint.split('/').pop() ?? '');
      if (subscriber) subscriber.gone = true;
    },
    failNext(count, status, retryAfterSeconds) {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292 §3): the claims when the signature and claims hold, else why not. */
function verifyVapid(authorization: string | undefined, origin: string): ReceivedPush['vapid'] | string {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+),\s*k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) return 'missing vapid authorization';
  const [, header, claims, signature, k] = match as unknown as [string, string, string, string, string];
  const raw = Buffer.from(k, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) return 'k is not an uncompressed P-256 point';
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
    format: 'jwk',
  });
  if ((JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg !== 'ES256') return 'alg must be ES256';
  // JWS ES256 signatures are r‖s (64 bytes), not DER.
  const signed = Buffer.from(`${header}.${claims}`);
  if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))) return 'bad signature';
  const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
  const now = Date.now() / 1000;
  if (c.aud !== origin) return `aud ${c.aud} is not ${origin}`;
  if (typeof c.exp !== 'number' || c.exp <= now || c.exp > now + 24 * 3600) return 'exp must be within the next 24 hours';
  if (typeof c.sub !== 'string' || !/^(mailto:|https:)/.test(c.sub)) return 'sub must be mailto: or https:';
  return { aud: c.aud, exp: c.exp, sub: c.sub, publicKey: k };
}

/** RFC 8291 §3.4 key derivation, then RFC 8188 for the single record a push message holds. */
function decrypt(body: Buffer, subscriber: Subscriber): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20] ?? 0;
  const senderKey = body.subarray(21, 21 + keyIdLength);
  const record = body.subarray(21 + keyIdLength);
  if (keyIdLength !== 65) throw new Error('key id must be the 65-byte sender key');
  if (record.length > recordSize) throw new Error('more than one record');
  const receiverKey = subscriber.ecdh.getPublicKey();
  const ecdhSecret = subscriber.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverKey, senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, subscriber.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(-16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by zero or more 0x00 bytes of padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
