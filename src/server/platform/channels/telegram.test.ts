import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../testing/fakes/listen.ts';
import { startTelegramApiFake, type TelegramApiFake } from '../../testing/fakes/telegram-api.ts';
import type { Channel, OutgoingMessage } from './channel.ts';
import { createTelegramChannel } from './telegram.ts';

const message: OutgoingMessage = {
  id: 'delivery-9',
  title: 'तथ्य <जाँच> & सच',
  body: 'दावा: "<5 बूथ" झूठा है। स्रोत: R&D रिपोर्ट, पृष्ठ 3 > 2',
  url: 'https://setu.example.org/facts/3?a=1&b=2',
  lang: 'hi',
};

let api: TelegramApiFake;
let channel: Channel;
beforeAll(async () => {
  api = await startTelegramApiFake();
  channel = createTelegramChannel({ token: api.token, apiUrl: api.url });
});
afterAll(() => api.close());

describe('telegram channel', () => {
  it('sends Hindi with the title in bold, escaped so the person sees exactly the text, without a link preview', async () => {
    const outcome = await channel.send('5550001', message);
    const [got] = api.messages('5550001');
    expect(outcome).toEqual({ ok: true, providerId: String(got?.messageId) });
    expect(got).toMatchObject({ parseMode: 'HTML', linkPreviewDisabled: true, visible: `${message.title}\n${message.body}\n${message.url}` });
    expect(got?.text.startsWith('<b>तथ्य &lt;जाँच&gt; &amp; सच</b>\n')).toBe(true);
  });

  it('shortens a body longer than Telegram takes', async () => {
    expect(await channel.send('5550002', { ...message, body: 'बूथ '.repeat(2000) })).toMatchObject({ ok: true });
    const visible = api.messages('5550002')[0]?.visible ?? '';
    expect(visible.length).toBeLessThanOrEqual(4096);
    expect(visible.endsWith(`बूथ…\n${message.url}`)).toBe(true);
  });

  it('waits as long as a 429 says, and retries server errors', async () => {
    api.failNext(1, 'too many requests', 12);
    expect(await channel.send('5550003', message)).toEqual({
      ok: false,
      permanent: false,
      reason: 'telegram answered 429: Too Many Requests: retry after 12',
      retryAfterMs: 12_000,
    });
    api.failNext(1, 'server error');
    expect(await channel.send('5550003', message)).toMatchObject({ ok: false, permanent: false, reason: 'telegram answered 500: Internal Server Error' });
    expect(await channel.send('5550003', message)).toMatchObject({ ok: true });
    expect(api.messages('5550003')).toHaveLength(1);
  });

  it('gives up on a chat that blocked the bot or does not exist', async () => {
    api.block('5550004');
    expect(await channel.send('5550004', message)).toEqual({
      ok: false,
      permanent: true,
      reason: 'telegram answered 403: Forbidden: bot was blocked by the user',
    });
    api.failNext(1, 'chat not found');
    expect(await channel.send('5550005', message)).toEqual({ ok: false, permanent: true, reason: 'telegram answered 400: Bad Request: chat not found' });
    expect(await channel.send('not a chat', message)).toMatchObject({ ok: false, permanent: true });
  });

  it('retries, without leaking the token, when the token is wrong or Telegram is unreachable', async () => {
    const wrongToken = createTelegramChannel({ token: '999:wrong', apiUrl: api.url });
    expect(await wrongToken.send('5550006', message)).toEqual({ ok: false, permanent: false, reason: 'telegram answered 401: Unauthorized' });
    const unreachable = createTelegramChannel({ token: api.token, apiUrl: `http://127.0.0.1:${await closedPort()}` });
    const outcome = await unreachable.send('5550006', message);
    expect(outcome).toEqual({ ok: false, permanent: false, reason: 'network: ECONNREFUSED' });
    expect(JSON.stringify(outcome)).not.toContain(api.token);
  });
});
