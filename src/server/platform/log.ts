import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON lines on stdout. Phone numbers, one-time codes and tokens are redacted wherever they appear under these keys; the
 * development OTP sender writes its own line on purpose (see auth/senders). Tests pass a `destination` to read the lines.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: { paths: ['phone', '*.phone', 'otp', '*.otp', 'token', '*.token', 'cookie', '*.cookie'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
