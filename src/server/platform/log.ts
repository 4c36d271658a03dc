import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * What the log says about an error (pino's `err` key, every logger): its class, its code and, for a database error,
 * the SQLSTATE. Never the message or the fields around it: PGlite's errors carry the statement's parameters (people's names), and
 * PostgreSQL's messages and details quote the values (`invalid input syntax …: "Ramesh"`, `Key (name)=(…)`). The
 * stack's frames stay, without the message line.
 */
export function loggableError(err: unknown): unknown {
  // A string is a message a caller chose to log (`{ err: e.message }` where the message is known to be safe).
  if (typeof err === 'string') return err;
  if (!(err instanceof Error)) return { class: typeof err };
  const code = (err as { code?: unknown }).code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  return {
    class: err.constructor.name || err.name,
    ...(typeof code === 'string' && !sqlState ? { code } : {}),
    ...(sqlState ? { sqlState } : {}),
    stack: err.stack
      ?.split('\n')
      .filter((l) => /^\s+at /.test(l))
      .join('\n'),
  };
}

/**
 * JSON lines on stdout. An error under `err` is logged by loggableError, without its message. Phone numbers, one-time
 * codes and tokens are redacted wherever they appear under these keys; the development OTP sender writes its own line
 * on purpose (see auth/senders). Tests pass a `destination` to read the lines.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    serializers: { err: loggableError },
    redact: { paths: ['phone', '*.phone', 'otp', '*.otp', 'token', '*.token', 'cookie', '*.cookie'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
