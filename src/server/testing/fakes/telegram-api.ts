import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocal } from './listen.ts';

export interface TelegramMessage {
  messageId: number;
  /** As sent, markup included. */
  text: string;
  parseMode: string | undefined;
  /** What the person sees: tags removed and entities decoded, as Telegram renders HTML parse mode. */
  visible: string;
  linkPreviewDisabled: boolean;
}

/** A Bot API error as Telegram words it. */
export type TelegramFailure = 'too many requests' | 'blocked' | 'chat not found' | 'server error';

export interface TelegramApiFake {
  /** Base URL standing in for https://api.telegram.org (TELEGRAM_API_URL). */
  readonly url: string;
  readonly token: string;
  /** Messages delivered to a chat, oldest first. */
  messages(chatId: string): TelegramMessage[];
  /** The person blocks the bot: every later message to the chat gets 403. */
  block(chatId: string): void;
  /** Answers the next `count` sendMessage calls with the error (429 says retry after `retryAfterSeconds`, default 5). */
  failNext(count: number, failure: TelegramFailure, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const failures: Record<TelegramFailure, { error_code: number; description: string }> = {
  'too many requests': { error_code: 429, description: 'Too Many Requests: retry after' },
  blocked: { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  'chat not found': { error_code: 400, description: 'Bad Request: chat not found' },
  'server error': { error_code: 500, description: 'Internal Server Error' },
};

/**
 * The Bot API's sendMessage on 127.0.0.1: `POST /bot<token>/sendMessage`, answering `{ok, result}` or
 * `{ok:false, error_code, description, parameters}`. Like Telegram it refuses HTML it cannot parse (an unescaped `<`
 * or `&`, an unknown tag) and text over 4096 characters, so escaping mistakes fail the tests.
 */
export async function startTelegramApiFake(token = '123456:fake-token-for-tests'): Promise<TelegramApiFake> {
  const chats = new Map<string, TelegramMessage[]>();
  const blocked = new Set<string>();
  const queued: { failure: TelegramFailure; retryAfter: number }[] = [];
  let nextId = 1;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => reply(res, 500, { ok: false, error_code: 500, description: 'fake crashed' }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!match || match[2] !== 'sendMessage') return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const next = queued.shift();
    if (next) {
      const { error_code, description } = failures[next.failure];
      const parameters = error_code === 429 ? { retry_after: next.retryAfter } : undefined;
      return reply(res, error_code, { ok: false, error_code, description: error_code === 429 ? `${description} ${next.retryAfter}` : description, parameters });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      chat_id?: string | number;
      text?: string;
      parse_mode?: string;
      link_preview_options?: { is_disabled?: boolean };
    };
    const chatId = String(body.chat_id ?? '');
    if (!chatId || typeof body.text !== 'string')
      return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id and text are required' });
    if (blocked.has(chatId)) return reply(res, 403, { ok: false, ...failures.blocked });
    const visible = body.parse_mode === 'HTML' ? renderHtml(body.text) : body.text;
    if (visible === undefined) return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse entities" });
    if (visible.trim() === '') return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
    if (visible.length > 4096) return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    const message = {
      messageId: nextId++,
      text: body.text,
      parseMode: body.parse_mode,
      visible,
      linkPreviewDisabled: body.link_preview_options?.is_disabled === true,
    };
    chats.set(chatId, [...(chats.get(chatId) ?? []), message]);
    reply(res, 200, { ok: true, result: { message_id: message.messageId, chat: { id: Number(chatId) }, text: visible } });
  }

  const url = `http://127.0.0.1:${await listenLocal(server)}`;
  return {
    url,
    token,
    messages: (chatId) => chats.get(chatId) ?? [],
    block: (chatId) => void blocked.add(chatId),
    failNext(count, failure, retryAfterSeconds = 5) {
      for (let i = 0; i < count; i++) queued.push({ failure, retryAfter: retryAfterSeconds });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const TAGS = /<\/?(b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote|tg-spoiler|a(\s+href="[^"<>]*")?)>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** Telegram's HTML mode: the supported tags are dropped, the named entities decoded; anything else is a parse error. */
function renderHtml(html: string): string | undefined {
  const text = html.replace(TAGS, '');
  if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot);)/.test(text)) return undefined;
  return text.replace(/&(amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity);
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
