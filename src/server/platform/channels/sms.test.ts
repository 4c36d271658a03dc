import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../testing/fakes/listen.ts';
import { startSmsGatewayFake, type SmsGatewayFake } from '../../testing/fakes/sms-gateway.ts';
import type { Channel, OutgoingMessage } from './channel.ts';
import { createSmsChannel, smsText } from './sms.ts';

const english: OutgoingMessage = {
  id: 'delivery-7',
  title: 'New directive',
  body: 'Booth presidents: meet at the shakti kendra at 10 tomorrow.',
  url: 'https://setu.example.org/d/7',
  lang: 'en',
};
const hindi: OutgoingMessage = { ...english, id: 'delivery-8', title: 'नया निर्देश', body: 'बूथ अध्यक्ष कल सुबह १० बजे शक्ति केंद्र पहुँचें।', lang: 'hi' };

let gateway: SmsGatewayFake;
let channel: Channel;
beforeAll(async () => {
  gateway = await startSmsGatewayFake();
  channel = createSmsChannel({ url: gateway.url, token: gateway.token });
});
afterAll(() => gateway.close());

describe('sms channel', () => {
  it('posts title, body and link with the message id as the reference', async () => {
    expect(await channel.send('+919876543210', english)).toEqual({ ok: true, providerId: 'sms-1' });
    expect(gateway.messages.at(-1)).toEqual({
      to: '+919876543210',
      ref: 'delivery-7',
      message: 'New directive\nBooth presidents: meet at the shakti kendra at 10 tomorrow.\nhttps://setu.example.org/d/7',
    });
  });

  it('carries Hindi intact', async () => {
    expect(await channel.send('+919876543211', hindi)).toMatchObject({ ok: true });
    expect(gateway.messages.at(-1)?.message).toBe(`${hindi.title}\n${hindi.body}\n${hindi.url}`);
  });

  it('is delivered exactly once when the queue sends the same message again', async () => {
    const message = { ...english, id: 'delivery-resent' };
    const first = await channel.send('+919876543212', message);
    const again = await channel.send('+919876543212', message);
    expect(again).toEqual(first);
    expect(gateway.messages.filter((m) => m.ref === 'delivery-resent')).toHaveLength(1);
    expect(gateway.duplicates.filter((m) => m.ref === 'delivery-resent')).toHaveLength(1);
  });

  it('retries 429 (after Retry-After), 5xx and network errors; other 4xx and bad numbers are permanent', async () => {
    gateway.failNext(1, 429, 7);
    expect(await channel.send('+919876543213', english)).toEqual({ ok: false, permanent: false, reason: 'gateway answered 429', retryAfterMs: 7000 });
    gateway.failNext(1, 502);
    expect(await channel.send('+919876543213', english)).toEqual({ ok: false, permanent: false, reason: 'gateway answered 502' });
    gateway.failNext(1, 400);
    expect(await channel.send('+919876543213', english)).toEqual({ ok: false, permanent: true, reason: 'gateway answered 400' });
    const unreachable = createSmsChannel({ url: `http://127.0.0.1:${await closedPort()}/send` });
    expect(await unreachable.send('+919876543213', english)).toEqual({ ok: false, permanent: false, reason: 'network: ECONNREFUSED' });
    const before = gateway.messages.length;
    expect(await channel.send('98765 43213', english)).toMatchObject({ ok: false, permanent: true });
    expect(gateway.messages).toHaveLength(before);
  });
});

describe('sms text', () => {
  it('fits Hindi into two UCS-2 segments, cut between letters, link whole', () => {
    const text = smsText({ ...hindi, body: 'किसान सम्मान निधि की जानकारी हर बूथ तक पहुँचाएँ। '.repeat(10) });
    expect(text.length).toBeLessThanOrEqual(134);
    expect(text.startsWith(`${hindi.title}\nकिसान सम्मान निधि`)).toBe(true);
    expect(text.endsWith(`…\n${hindi.url}`)).toBe(true);
    // No dangling vowel sign or virama before the ellipsis: the cut fell on a whole letter.
    expect(text.split('…')[0]).not.toMatch(/[\u093e-\u094d]$/u);
  });

  it('fits English into two GSM-7 segments without leaving GSM-7', () => {
    const text = smsText({ ...english, body: 'Bring your booth list and voter slips. '.repeat(20) });
    expect(text.length).toBeLessThanOrEqual(306);
    expect(text.length).toBeGreaterThan(250);
    expect(text.endsWith(`...\n${english.url}`)).toBe(true);
    // Extension characters cost two septets.
    expect(smsText({ ...english, url: undefined, title: 'x', body: '€'.repeat(400) })).toBe(`x\n${'€'.repeat(150)}...`);
  });

  it('drops a link that would take more than half the message', () => {
    const url = `https://setu.example.org/${'a'.repeat(100)}`;
    expect(smsText({ ...hindi, url })).toBe(`${hindi.title}\n${hindi.body}`);
  });
});
