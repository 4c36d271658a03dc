/**
 * A way to reach a person outside the app: Web Push, SMS, Telegram, email. The delivery queue (features/delivery)
 * decides who gets what and when; a channel only carries one message to one address and says how it went.
 */
export type ChannelName = 'push' | 'sms' | 'telegram' | 'email';

export interface OutgoingMessage {
  /** Stable per delivery: sent again after a crash, it is the same id, so a receiver that dedupes sees it once. */
  id: string;
  /** Already in the person's language. */
  title: string;
  body: string;
  /** Absolute link into the app, when the message points at something (a directive, an event). */
  url?: string;
  lang: 'hi' | 'en';
}

export type SendOutcome =
  | { ok: true; providerId?: string }
  /**
   * permanent: never try this address again for this message (bad address, unsubscribed); otherwise retry later.
   * addressGone: the address itself will never work again (a push subscription its service dropped), so the queue
   * forgets it rather than failing every later message on it.
   */
  | { ok: false; permanent: boolean; reason: string; retryAfterMs?: number; addressGone?: boolean };

export interface Channel {
  readonly name: ChannelName;
  /** The provider's limit: the queue sends no faster than this. */
  readonly ratePerSecond: number;
  /**
   * Sends one message. Never throws for a provider's answer or a network error: it returns the outcome, so the
   * queue can record the reason. `address` is the channel's own: a push subscription as JSON, an E.164 number,
   * a Telegram chat id, an email address.
   */
  send(address: string, message: OutgoingMessage): Promise<SendOutcome>;
}
