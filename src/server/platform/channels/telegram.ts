import type { Channel, OutgoingMessage, SendOutcome } from './channel.ts';
import { cutToFit, networkReason, permanent, retry, retryAfterMs } from './support.ts';

export interface TelegramChannelOptions {
  /** The bot's token from @BotFather (TELEGRAM_BOT_TOKEN). */
  token: string;
  /** https://api.telegram.org, or a self-hosted Bot API server (TELEGRAM_API_URL). */
  apiUrl?: string;
  /** Telegram allows a bot about 30 messages a second across chats. */
  ratePerSecond?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The Bot API's answer: `result` when ok, else `error_code`, `description` and sometimes `parameters`. */
interface BotApiAnswer {
  ok?: boolean;
  result?: { message_id?: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Telegram's limit on a message's text, counted after entity parsing, in UTF-16 units. */
const MAX_TEXT = 4096;

/**
 * Telegram through the Bot API's sendMessage. The address is the chat id the person's chat with the bot has (or a
 * channel's @username). The title is bold (HTML parse mode, so the caller's text is escaped); link previews are off
 * because the link opens a signed-in page, whose preview would only show the login screen and cost data on 2G.
 */
export function createTelegramChannel(options: TelegramChannelOptions): Channel {
  const doFetch = options.fetch ?? fetch;
  const endpoint = `${(options.apiUrl ?? 'https://api.telegram.org').replace(/\/+$/, '')}/bot${options.token}/sendMessage`;
  return {
    name: 'telegram',
    ratePerSecond: options.ratePerSecond ?? 25,
    async send(address: string, message: OutgoingMessage): Promise<SendOutcome> {
      if (!/^(-?\d{1,20}|@\w{5,32})$/.test(address)) return permanent('not a Telegram chat id');
      let res: Response;
      let answer: BotApiAnswer;
      try {
        res = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chat_id: address, text: telegramHtml(message), parse_mode: 'HTML', link_preview_options: { is_disabled: true } }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        answer = await res.json().catch(() => ({}));
      } catch (error) {
        return retry(networkReason(error)); // never the URL: it holds the token
      }
      return outcomeOf(res, answer);
    },
  };
}

function outcomeOf(res: Response, answer: BotApiAnswer): SendOutcome {
  if (res.ok && answer.ok === true) return { ok: true, providerId: answer.result?.message_id?.toString() };
  const code = answer.error_code ?? res.status;
  // Telegram's descriptions name the problem, never the person ("Forbidden: bot was blocked by the user").
  const reason = `telegram answered ${code}${answer.description ? `: ${answer.description.slice(0, 200)}` : ''}`;
  if (code === 429) {
    const after = answer.parameters?.retry_after;
    return retry(reason, typeof after === 'number' ? after * 1000 : retryAfterMs(res.headers.get('retry-after')));
  }
  // 5xx, or a 2xx that is not the Bot API's answer (a proxy's page): Telegram's side, try again later.
  if (code >= 500 || code < 400) return retry(reason);
  // 401/404 mean the bot token is wrong, not the chat: retry, so fixing TELEGRAM_BOT_TOKEN delivers what is waiting.
  if (code === 401 || code === 404) return retry(reason);
  const moved = answer.parameters?.migrate_to_chat_id;
  if (moved !== undefined) return permanent(`${reason} (the group is now chat ${moved})`);
  // 403: the person blocked the bot or left; 400: chat not found, or text Telegram refuses — the same again fails again.
  return permanent(reason);
}

/** Bold title, body, link: shortened to Telegram's limit by the visible text, then escaped for HTML parse mode. */
export function telegramHtml(message: OutgoingMessage): string {
  const title = cutToFit(message.title, 256, (s) => s.length); // a heading, not a second body
  const link = message.url ? `\n${message.url}` : '';
  const room = MAX_TEXT - title.length - 1 - link.length;
  const body = cutToFit(message.body, room, (s) => s.length);
  return `<b>${escapeHtml(title)}</b>\n${escapeHtml(body)}${escapeHtml(link)}`;
}

/** The three characters Telegram's HTML mode requires escaped outside tags. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
