import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startSmsGatewayFake } from '../../testing/fakes/sms-gateway.ts';
import { startSmtpFake } from '../../testing/fakes/smtp.ts';
import { startTelegramApiFake } from '../../testing/fakes/telegram-api.ts';
import { channelsFromConfig, type OutgoingMessage } from './index.ts';

const SETU_SECRET_KEY = Buffer.alloc(32, 1).toString('base64');
const vapid = webpush.generateVAPIDKeys();
const message: OutgoingMessage = { id: 'delivery-1', title: 'बैठक', body: 'आज शाम ६ बजे', lang: 'hi' };

describe('channels from config', () => {
  it('has none when no provider is configured', () => {
    expect(channelsFromConfig(loadConfig({ SETU_SECRET_KEY }))).toEqual([]);
  });

  it('has each configured channel, at its configured rate, each sending to its provider', async () => {
    const [sms, telegram, smtp] = await Promise.all([startSmsGatewayFake(), startTelegramApiFake(), startSmtpFake()]);
    try {
      const config = loadConfig({
        SETU_SECRET_KEY,
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:ops@example.org',
        SMS_GATEWAY_URL: sms.url,
        SMS_GATEWAY_TOKEN: sms.token,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_URL: telegram.url,
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Setu <setu@example.org>',
        TELEGRAM_RATE_PER_SECOND: '20',
      });
      const channels = channelsFromConfig(config);
      expect(channels.map((c) => [c.name, c.ratePerSecond])).toEqual([
        ['push', 100],
        ['sms', 10],
        ['telegram', 20],
        ['email', 5],
      ]);
      const [, smsChannel, telegramChannel, emailChannel] = channels;
      expect(await smsChannel?.send('+919876543210', message)).toMatchObject({ ok: true });
      expect(sms.messages[0]?.message).toBe('बैठक\nआज शाम ६ बजे');
      expect(await telegramChannel?.send('42', message)).toMatchObject({ ok: true });
      expect(telegram.messages('42')[0]?.visible).toBe('बैठक\nआज शाम ६ बजे');
      expect(await emailChannel?.send('a@example.net', message)).toMatchObject({ ok: true });
      expect(smtp.mails[0]?.subject).toBe('बैठक');
    } finally {
      await Promise.all([sms.close(), telegram.close(), smtp.close()]);
    }
  });

  it('refuses half a configuration', () => {
    expect(() => loadConfig({ SETU_SECRET_KEY, VAPID_PUBLIC_KEY: vapid.publicKey })).toThrowError(/VAPID_PRIVATE_KEY and VAPID_SUBJECT together/);
    expect(() => loadConfig({ SETU_SECRET_KEY, SMTP_URL: 'smtp://relay.example.org:587' })).toThrowError(/SMTP_FROM/);
    expect(() => loadConfig({ SETU_SECRET_KEY, TELEGRAM_BOT_TOKEN: 'nope' })).toThrowError(/TELEGRAM_BOT_TOKEN: must be a bot token/);
  });
});
