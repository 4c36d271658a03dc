import type { Channel, OutgoingMessage, SendOutcome } from './channel.ts';
import { cutToFit, networkReason, permanent, retry, retryAfterMs } from './support.ts';

export interface SmsChannelOptions {
  /** The gateway endpoint (SMS_GATEWAY_URL), the same gateway the login codes go through. */
  url: string;
  token?: string | undefined;
  ratePerSecond?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * SMS through an HTTP gateway: POST `{ "to": "+91…", "message": "…", "ref": "<message id>" }` as JSON with a bearer token,
 * the shape of the OTP sender (features/auth/senders/http-sender.ts). `ref` is the client reference the gateway dedupes
 * on, so a resend after a crash is not a second SMS. One try per call: the delivery queue owns retries and backoff.
 * Indian gateways match the text against a DLT-registered template; the template must carry it as one variable.
 */
export function createSmsChannel(options: SmsChannelOptions): Channel {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'sms',
    ratePerSecond: options.ratePerSecond ?? 10,
    async send(address: string, message: OutgoingMessage): Promise<SendOutcome> {
      if (!/^\+[1-9]\d{6,14}$/.test(address)) return permanent('not an E.164 number');
      let res: Response;
      let text: string;
      try {
        res = await doFetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify({ to: address, message: smsText(message), ref: message.id }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        text = await res.text();
      } catch (error) {
        return retry(networkReason(error));
      }
      if (res.ok) return { ok: true, providerId: providerIdOf(text) };
      // The gateway's error text is not kept: gateways echo the number back, and the reason is stored with the delivery.
      const reason = `gateway answered ${res.status}`;
      if (res.status === 429 || res.status >= 500) return retry(reason, retryAfterMs(res.headers.get('retry-after')));
      return permanent(reason);
    },
  };
}

// GSM 03.38: the basic table costs one septet a character, the extension table two (an escape, then the character).
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');
const septets = (piece: string) => [...piece].reduce((n, ch) => n + (GSM7_EXTENSION.has(ch) ? 2 : 1), 0);
const isGsm7 = (text: string) => [...text].every((ch) => GSM7_BASIC.has(ch) || GSM7_EXTENSION.has(ch));

/**
 * Title, body and link in at most two SMS segments, cheaper and more reliable on a basic phone than a long chain. A
 * concatenated segment holds 153 GSM-7 septets, or 67 UCS-2 units when any character is outside GSM-7 — and every
 * Devanagari letter is — so Hindi gets 134 characters, English about 306. The body is shortened at a letter boundary;
 * the link is kept whole (a cut link is useless), unless it alone would take more than half the room.
 */
export function smsText(message: OutgoingMessage): string {
  const gsm = isGsm7([message.title, message.body, message.url ?? ''].join('\n'));
  const budget = gsm ? 2 * 153 : 2 * 67;
  const cost = gsm ? septets : (piece: string) => piece.length; // UTF-16 units are UCS-2 units (emoji count two)
  const link = message.url ? `\n${message.url}` : '';
  const tail = cost(link) <= budget / 2 ? link : '';
  const head = [message.title, message.body].filter((s) => s.trim() !== '').join('\n');
  // '…' is not in GSM-7: it would turn an English SMS into UCS-2 and halve its room.
  return cutToFit(head, budget - cost(tail), cost, gsm ? '...' : '…') + tail;
}

function providerIdOf(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
