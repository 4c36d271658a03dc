import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON lines on stdout. Phone numbers, one-time codes and tokens are redacted wherever they appear under these keys; the
 * development OTP sender writes its own line on purpose (see auth/senders).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['phone', '*.phone', 'otp', '*.otp', 'token', '*.token', 'cookie', '*.cookie'], censor: '[redacted]' },
  });
}
