import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Logger } from '../../platform/log.ts';
import type { Storage } from '../../platform/storage/folder.ts';

/** What the people feature needs from the composition root. */
export interface PeopleDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  log: Logger;
  /** Sends a one-time code to prove a phone at self sign-up (the same sender as login codes). */
  sendCode(phone: string, code: string): Promise<void>;
  /** Sends a security notice (a sign-in number changed) to a phone, by the same sender. */
  sendNotice(phone: string, text: string): Promise<void>;
  /** Keys the HMAC of one-time codes (as login does). */
  codeKey: Uint8Array;
  /** The address people open, for sign-up links and QR codes; falls back to the request's origin. */
  publicUrl: string | undefined;
  /** Uploaded files' bytes, which erasing a person removes. */
  storage: Storage;
}
