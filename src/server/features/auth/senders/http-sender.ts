import type { OtpSender } from './sender.ts';

export interface HttpSenderOptions {
  url: string;
  token?: string | undefined;
  /** Milliseconds for one try. */
  timeoutMs?: number;
  /** Extra tries after a network error or a 5xx/429 answer. */
  retries?: number;
  fetch?: typeof fetch;
}

/** Thrown when the gateway refuses for good or stays unreachable. */
export class SmsGatewayError extends Error {
  override name = 'SmsGatewayError';
}

/**
 * Posts `{ "to": "+91…", "message": "…", "otp": "123456" }` as JSON with a bearer token to an SMS gateway, the
 * shape most Indian gateways' HTTP APIs take (a DLT-registered template on their side turns it into the SMS).
 * Retries network errors, 429 and 5xx with backoff; any other answer is final.
 */
export function httpSender(options: HttpSenderOptions): OtpSender {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 2;
  /** Posts one message, with the retries above. */
  async function post(body: string): Promise<void> {
    let lastError = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
      try {
        const res = await doFetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
        if (res.ok) return;
        lastError = `gateway answered ${res.status}`;
        if (res.status !== 429 && res.status < 500) throw new SmsGatewayError(lastError);
      } catch (error) {
        if (error instanceof SmsGatewayError) throw error;
        lastError = (error as Error).message;
      }
    }
    throw new SmsGatewayError(`SMS not sent after ${retries + 1} tries: ${lastError}`);
  }
  return {
    name: 'http',
    send: (phone, code) =>
      post(JSON.stringify({ to: phone, otp: code, message: `${code} is your Setu login code. It is valid for 10 minutes. Do not share it.` })),
    notify: (phone, text) => post(JSON.stringify({ to: phone, message: text })),
  };
}
