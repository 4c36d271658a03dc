import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { createSetu } from '../../../main.ts';
import { engine, testDatabase } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { TEST_SECRET } from '../../../testing/setu.ts';
import { httpSender, SmsGatewayError } from './http-sender.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake answers to the n-th request (0-based): a status, or 'hang' to never answer. */
type Script = (n: number) => number | 'hang';

/**
 * A local stand-in for an SMS gateway: a real HTTP server on 127.0.0.1 that records every request and answers as
 * scripted.
 */
async function fakeGateway(script: Script = () => 200) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = received.length;
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = script(n);
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer < 300 ? { status: 'queued' } : { error: `scripted ${answer}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const gateway = {
    url: `http://127.0.0.1:${port}/v1/sms/otp`,
    received,
    /** Resolves once `n` requests have arrived (or fails after a while). */
    async waitFor(n: number, ms = 10_000) {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`the gateway got ${received.length} requests, not ${n}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  open.push(gateway);
  return gateway;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

/** A port on 127.0.0.1 on which nothing listens. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('the HTTP SMS gateway sender', () => {
  it('posts {to, otp, message} as JSON with the bearer token', async () => {
    const gw = await fakeGateway();
    await httpSender({ url: gw.url, token: 'sekret-token' }).send('+919000000002', '042917');
    expect(gw.received).toHaveLength(1);
    const [r] = gw.received;
    expect(r!.method).toBe('POST');
    expect(r!.url).toBe('/v1/sms/otp');
    expect(r!.headers['content-type']).toMatch(/^application\/json/);
    expect(r!.headers.authorization).toBe('Bearer sekret-token');
    const body = JSON.parse(r!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['message', 'otp', 'to']);
    expect(body).toMatchObject({ to: '+919000000002', otp: '042917' });
    expect(body.message).toContain('042917');
  });

  it('sends no authorization header when there is no token', async () => {
    const gw = await fakeGateway();
    await httpSender({ url: gw.url }).send('+919000000002', '111111');
    expect(gw.received[0]!.headers.authorization).toBeUndefined();
  });

  it('retries after a 500 and succeeds, sending the same request again', async () => {
    const gw = await fakeGateway((n) => (n === 0 ? 500 : 200));
    await expect(httpSender({ url: gw.url, token: 't' }).send('+919000000003', '222222')).resolves.toBeUndefined();
    expect(gw.received).toHaveLength(2);
    expect(gw.received[1]!.body).toBe(gw.received[0]!.body);
    expect(gw.received[1]!.headers.authorization).toBe('Bearer t');
  });

  it('retries a 429 (rate limited by the gateway)', async () => {
    const gw = await fakeGateway((n) => (n < 2 ? 429 : 202));
    await expect(httpSender({ url: gw.url }).send('+919000000003', '333333')).resolves.toBeUndefined();
    expect(gw.received).toHaveLength(3);
  });

  it('takes a 400 as final: SmsGatewayError after exactly one request', async () => {
    const gw = await fakeGateway(() => 400);
    const err = await httpSender({ url: gw.url, retries: 3 })
      .send('+919000000003', '444444')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsGatewayError);
    expect((err as Error).message).toMatch(/400/);
    expect(gw.received).toHaveLength(1);
  });

  it('gives up with SmsGatewayError when every try answers 5xx, after 1 + retries requests', async () => {
    const gw = await fakeGateway(() => 503);
    const err = await httpSender({ url: gw.url, retries: 2 })
      .send('+919000000003', '555555')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsGatewayError);
    expect((err as Error).message).toMatch(/3 tries.*503/);
    expect(gw.received).toHaveLength(3);
  });

  it('gives up with SmsGatewayError when the gateway is unreachable', async () => {
    const port = await deadPort();
    const err = await httpSender({ url: `http://127.0.0.1:${port}/sms`, retries: 1, timeoutMs: 500 })
      .send('+919000000003', '666666')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsGatewayError);
    expect((err as Error).message).toMatch(/2 tries/);
  });

  it('gives up with SmsGatewayError when the gateway never answers, each try cut at timeoutMs', async () => {
    const gw = await fakeGateway(() => 'hang');
    const started = Date.now();
    const err = await httpSender({ url: gw.url, retries: 2, timeoutMs: 100 })
      .send('+919000000003', '777777')
      .catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(err).toBeInstanceOf(SmsGatewayError);
    expect(gw.received).toHaveLength(3);
    // Three tries of 100 ms and back-offs of 200 + 400 ms: well under the default five seconds per try.
    expect(took).toBeLessThan(4_000);
  });
});

describe(`Setu with OTP_SENDER=http on ${engine}`, () => {
  it('sends the code through the gateway and signs in with the code the gateway received', async () => {
    const gw = await fakeGateway();
    const database = await testDatabase();
    const setu = await createSetu(
      loadConfig({ NODE_ENV: 'test', OTP_SENDER: 'http', SMS_GATEWAY_URL: gw.url, SMS_GATEWAY_TOKEN: 't', SETU_SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent' }),
      { database },
    );
    try {
      const tree = await buildSampleTree(database.db);
      const post = (path: string, body: unknown, cookie?: string) =>
        setu.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

      // An unknown number: the same answer, and the gateway hears nothing.
      const unknown = await post('/api/auth/otp', { phone: '7000000077' });
      expect(unknown.status).toBe(200);

      const started = await post('/api/auth/otp', { phone: '90000 00002' });
      expect(started.status).toBe(200);
      const { attemptId } = (await started.json()) as { attemptId: string };
      const [sms] = await gw.waitFor(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(gw.received).toHaveLength(1); // only the known number
      expect(sms!.headers.authorization).toBe('Bearer t');
      const body = JSON.parse(sms!.body) as { to: string; otp: string; message: string };
      expect(body.to).toBe('+919000000002');
      expect(body.otp).toMatch(/^\d{6}$/);

      const verified = await post('/api/auth/verify', { phone: '9000000002', code: body.otp, attemptId });
      expect(verified.status).toBe(200);
      expect(((await verified.json()) as { person: { id: number } }).person.id).toBe(tree.people.sambhalConvener.id);
      const cookie = verified.headers
        .getSetCookie()
        .find((c) => c.startsWith('setu_session='))!
        .split(';')[0]!;
      const me = await setu.app.request('/api/me', { headers: { cookie } });
      expect(me.status).toBe(200);
    } finally {
      await setu.close();
      await database.close();
    }
  });

  it('still answers /otp when the gateway refuses, and the request did reach it', async () => {
    const gw = await fakeGateway(() => 400);
    const database = await testDatabase();
    const setu = await createSetu(
      loadConfig({ NODE_ENV: 'test', OTP_SENDER: 'http', SMS_GATEWAY_URL: gw.url, SETU_SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent' }),
      { database },
    );
    try {
      await buildSampleTree(database.db);
      const res = await setu.app.request('/api/auth/otp', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '9000000001' }),
      });
      expect(res.status).toBe(200);
      await gw.waitFor(1);
      const health = await setu.app.request('/api/health');
      expect(health.status).toBe(200);
    } finally {
      await setu.close();
      await database.close();
    }
  });
});
