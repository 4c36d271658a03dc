import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../testing/fakes/listen.ts';
import { startPushServiceFake, type PushServiceFake } from '../../testing/fakes/push-service.ts';
import type { Channel, OutgoingMessage } from './channel.ts';
import { createPushChannel, topicOf } from './webpush.ts';

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:it-cell@example.org' };
const hindi: OutgoingMessage = {
  id: 'delivery-41',
  title: 'नया निर्देश',
  body: 'सभी बूथ अध्यक्ष कल सुबह १० बजे शक्ति केंद्र पर पहुँचें।',
  url: 'https://setu.example.org/directives/7',
  lang: 'hi',
};

let service: PushServiceFake;
let channel: Channel;
beforeAll(async () => {
  service = await startPushServiceFake();
  channel = createPushChannel({ vapid, allowHttpEndpoints: true, ttlSeconds: 3600 });
});
afterAll(() => service.close());

describe('web push channel', () => {
  it('delivers an encrypted payload the subscriber decrypts to exactly what was sent, under a verified VAPID JWT', async () => {
    const subscription = service.subscription();
    const outcome = await channel.send(JSON.stringify(subscription), hindi);
    expect(outcome).toEqual({ ok: true, providerId: expect.stringMatching(/\/message\/\d+$/) as string });
    const got = service.received.at(-1)!;
    expect(got.subscription).toBe(subscription.endpoint);
    expect(JSON.parse(got.payload)).toEqual({ id: hindi.id, title: hindi.title, body: hindi.body, url: hindi.url, lang: 'hi' });
    expect(got.vapid).toMatchObject({ aud: service.url, sub: vapid.subject, publicKey: vapid.publicKey });
    expect(got).toMatchObject({ ttl: 3600, urgency: 'normal', topic: topicOf(hindi.id) });
  });

  it('derives a short URL-safe topic, so a resent copy replaces the undelivered one', async () => {
    expect(topicOf('a:b/c d'.repeat(20))).toMatch(/^[\w-]{32}$/);
    const subscription = service.subscription();
    const resent = { ...hindi, id: 'delivery-42' };
    await channel.send(JSON.stringify(subscription), resent);
    await channel.send(JSON.stringify(subscription), resent);
    await channel.send(JSON.stringify(subscription), { ...hindi, id: 'delivery-43' });
    expect(service.pending(subscription.endpoint).map((r) => (JSON.parse(r.payload) as { id: string }).id)).toEqual(['delivery-42', 'delivery-43']);
  });

  it('shortens a body too long for one push message at a letter boundary instead of being refused', async () => {
    const subscription = service.subscription();
    const outcome = await channel.send(JSON.stringify(subscription), { ...hindi, body: 'कि'.repeat(2000) });
    expect(outcome.ok).toBe(true);
    const body = (JSON.parse(service.received.at(-1)!.payload) as { body: string }).body;
    expect(body).toMatch(/^(कि)+…$/);
    expect(body.length).toBeGreaterThan(1000);
  });

  it('marks a gone subscription permanent, and the address gone for good', async () => {
    const subscription = service.subscription();
    service.unsubscribe(subscription.endpoint);
    expect(await channel.send(JSON.stringify(subscription), hindi)).toMatchObject({
      ok: false,
      permanent: true,
      addressGone: true,
      reason: expect.stringContaining('410') as string,
    });
    service.failNext(1, 404);
    expect(await channel.send(JSON.stringify(service.subscription()), hindi)).toMatchObject({ ok: false, permanent: true, addressGone: true });
    service.failNext(1, 400);
    expect(await channel.send(JSON.stringify(service.subscription()), hindi)).not.toHaveProperty('addressGone');
  });

  it('retries 429 after Retry-After and 5xx, and gives up on other 4xx', async () => {
    const address = JSON.stringify(service.subscription());
    service.failNext(1, 429, 30);
    expect(await channel.send(address, hindi)).toEqual({ ok: false, permanent: false, reason: 'push service answered 429', retryAfterMs: 30_000 });
    service.failNext(1, 503);
    expect(await channel.send(address, hindi)).toEqual({ ok: false, permanent: false, reason: 'push service answered 503' });
    service.failNext(1, 400);
    expect(await channel.send(address, hindi)).toMatchObject({ ok: false, permanent: true });
    expect(await channel.send(address, hindi)).toMatchObject({ ok: true });
  });

  it('is refused by the service when signed with another key than it claims', async () => {
    const other = webpush.generateVAPIDKeys();
    const forged = createPushChannel({ vapid: { ...vapid, privateKey: other.privateKey }, allowHttpEndpoints: true });
    expect(await forged.send(JSON.stringify(service.subscription()), hindi)).toMatchObject({ ok: false, permanent: true, reason: 'push service answered 401' });
  });

  it('retries when the push service cannot be reached', async () => {
    const subscription = { ...service.subscription(), endpoint: `http://127.0.0.1:${await closedPort()}/push/x` };
    expect(await channel.send(JSON.stringify(subscription), hindi)).toMatchObject({ ok: false, permanent: false, reason: 'network: ECONNREFUSED' });
  });

  it('refuses malformed subscriptions and plain-http endpoints for good', async () => {
    const strict = createPushChannel({ vapid });
    const outcomes = await Promise.all([
      strict.send(JSON.stringify(service.subscription()), hindi),
      channel.send('not json', hindi),
      channel.send(JSON.stringify({ endpoint: service.url }), hindi),
      channel.send(JSON.stringify({ ...service.subscription(), keys: { p256dh: 'AAAA', auth: 'AAAA' } }), hindi),
    ]);
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/^bad subscription: /) as string });
    expect(outcomes[0]).toMatchObject({ reason: 'bad subscription: endpoint must be https' });
  });
});
