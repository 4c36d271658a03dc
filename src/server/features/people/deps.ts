import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Logger } from '../../platform/log.ts';
import type { ExpensiveLimits } from '../../platform/http/expensive.ts';
import type { Storage } from '../../platform/storage/folder.ts';
import type { SmsGate } from '../auth/index.ts';

/** What the people feature needs from the composition root. */
export interface PeopleDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  log: Logger;
  /** Texts the one-time codes that prove a phone on the public pages (the same gate, caps and budget as login codes). */
  sms: SmsGate;
  /** Codes one unit's sign-up link may ask for in an hour (SIGNUP_CODES_PER_LINK_PER_HOUR). */
  signupCodesPerLinkPerHour: number;
  /** Sends a security notice (a sign-in number changed) to a phone, by the same sender as codes. */
  sendNotice(phone: string, text: string): Promise<void>;
  /** Keys the HMAC of one-time codes (as login does). */
  codeKey: Uint8Array;
  /** PUBLIC_URL, for sign-up links and QR codes; when unset the routes pass where the server was reached (never Host). */
  publicUrl: string | undefined;
  /** Uploaded files' bytes, which erasing a person removes. */
  storage: Storage;
  /** How many duplicate reads, exports and imports one person may run (default DEFAULT_EXPENSIVE_LIMITS). */
  expensive?: ExpensiveLimits;
}
