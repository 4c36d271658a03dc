import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocal } from './listen.ts';

export interface SentSms {
  to: string;
  message: string;
  ref: string;
}

export interface SmsGatewayFake {
  /** The endpoint to post to (SMS_GATEWAY_URL). */
  readonly url: string;
  readonly token: string;
  /** One entry per distinct `ref`: what phones would receive. */
  readonly messages: SentSms[];
  /** Requests that repeated a `ref` already accepted: answered as success, not sent again. */
  readonly duplicates: SentSms[];
  /** Answers the next `count` requests with `status` (and Retry-After, if given). */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

/**
 * An HTTP SMS gateway on 127.0.0.1 taking `{to, message, ref}` with a bearer token, as the channel and the OTP sender
 * post it. Like real gateways' client references, `ref` makes a repeated request idempotent: it gets the first answer.
 */
export async function startSmsGatewayFake(token = 'sms-test-token'): Promise<SmsGatewayFake> {
  const messages: SentSms[] = [];
  const duplicates: SentSms[] = [];
  const failures: { status: number; retryAfter: number | undefined }[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => reply(res, 500, { error: 'fake crashed' }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/send') return reply(res, 404, { error: 'not found' });
    const failure = failures.shift();
    if (failure) {
      if (failure.retryAfter !== undefined) res.setHeader('retry-after', String(failure.retryAfter));
      return reply(res, failure.status, { error: 'failing on request' });
    }
    if (req.headers.authorization !== `Bearer ${token}`) return reply(res, 401, { error: 'bad token' });
    let sms: Partial<SentSms>;
    try {
      sms = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<SentSms>;
    } catch {
      return reply(res, 400, { error: 'not JSON' });
    }
    if (typeof sms.to !== 'string' || typeof sms.message !== 'string' || typeof sms.ref !== 'string') {
      return reply(res, 400, { error: 'to, message and ref are required' });
    }
    const entry = { to: sms.to, message: sms.message, ref: sms.ref };
    const first = messages.findIndex((m) => m.ref === entry.ref);
    if (first >= 0) duplicates.push(entry);
    else messages.push(entry);
    reply(res, 200, { id: `sms-${first >= 0 ? first + 1 : messages.length}`, status: 'queued' });
  }

  const url = `http://127.0.0.1:${await listenLocal(server)}/send`;
  return {
    url,
    token,
    messages,
    duplicates,
    failNext(count, status, retryAfterSeconds) {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
