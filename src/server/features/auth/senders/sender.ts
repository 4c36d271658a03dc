/** Delivers a one-time code to a phone. Implementations: the development log line, an HTTP SMS gateway. */
export interface OtpSender {
  readonly name: string;
  send(phoneE164: string, code: string): Promise<void>;
}
