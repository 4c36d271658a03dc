/**
 * Sends the short texts that guard a login identity to a phone: one-time codes, and security notices (a sign-in
 * number changed) that go to a number whether or not it consented to anything else, since they protect its owner.
 * Implementations: the development log line, an HTTP SMS gateway.
 */
export interface OtpSender {
  readonly name: string;
  send(phoneE164: string, code: string): Promise<void>;
  /** A security notice in Hindi and English, already written; no code in it. */
  notify(phoneE164: string, text: string): Promise<void>;
}
