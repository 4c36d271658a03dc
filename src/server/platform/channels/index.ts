import type { Config } from '../../config.ts';
import type { Channel } from './channel.ts';
import { createEmailChannel } from './email.ts';
import { createSmsChannel } from './sms.ts';
import { createTelegramChannel } from './telegram.ts';
import { createPushChannel } from './webpush.ts';

export type { Channel, ChannelName, OutgoingMessage, SendOutcome } from './channel.ts';
export { createEmailChannel, type EmailChannelOptions } from './email.ts';
export { createSmsChannel, type SmsChannelOptions } from './sms.ts';
export { createTelegramChannel, type TelegramChannelOptions } from './telegram.ts';
export { createPushChannel, type PushChannelOptions } from './webpush.ts';

/** The part of the configuration the channels read. */
export type ChannelConfig = Pick<
  Config,
  | 'VAPID_PUBLIC_KEY'
  | 'VAPID_PRIVATE_KEY'
  | 'VAPID_SUBJECT'
  | 'SMS_GATEWAY_URL'
  | 'SMS_GATEWAY_TOKEN'
  | 'TELEGRAM_BOT_TOKEN'
  | 'TELEGRAM_API_URL'
  | 'SMTP_URL'
  | 'SMTP_FROM'
  | 'PUSH_RATE_PER_SECOND'
  | 'SMS_RATE_PER_SECOND'
  | 'TELEGRAM_RATE_PER_SECOND'
  | 'EMAIL_RATE_PER_SECOND'
>;

/** The channels this server can send on: each one whose provider is configured, none otherwise. */
export function channelsFromConfig(config: ChannelConfig): Channel[] {
  const channels: Channel[] = [];
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY && config.VAPID_SUBJECT) {
    const vapid = { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY, subject: config.VAPID_SUBJECT };
    channels.push(createPushChannel({ vapid, ratePerSecond: config.PUSH_RATE_PER_SECOND }));
  }
  if (config.SMS_GATEWAY_URL) {
    channels.push(createSmsChannel({ url: config.SMS_GATEWAY_URL, token: config.SMS_GATEWAY_TOKEN, ratePerSecond: config.SMS_RATE_PER_SECOND }));
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    channels.push(createTelegramChannel({ token: config.TELEGRAM_BOT_TOKEN, apiUrl: config.TELEGRAM_API_URL, ratePerSecond: config.TELEGRAM_RATE_PER_SECOND }));
  }
  // loadConfig refuses SMTP_URL without SMTP_FROM; the check here keeps a hand-built config from sending without a sender.
  if (config.SMTP_URL && config.SMTP_FROM) {
    channels.push(createEmailChannel({ url: config.SMTP_URL, from: config.SMTP_FROM, ratePerSecond: config.EMAIL_RATE_PER_SECOND }));
  }
  return channels;
}
