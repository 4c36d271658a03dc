import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Logger } from '../../platform/log.ts';

/** What the people feature needs from the composition root. */
export interface PeopleDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  log: Logger;
  /** Sends a one-time code to prove a phone at self sign-up (the same sender as login codes). */
  sendCode(phone: string, code: string): Promise<void>;
  /** Keys the HMAC of one-time codes (as login does). */
  codeKey: Uint8Array;
  /** PUBLIC_URL, for sign-up links and QR codes; when unset the routes pass where the server was reached (never Host). */
  publicUrl: string | undefined;
}
