import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log.ts';

export interface EventsDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  log: Logger;
  /** Where a virtual event's Jitsi Meet room is made (https://meet.jit.si, or the organisation's own server). */
  jitsiBaseUrl: string;
  /** PUBLIC_URL, for check-in and calendar links; when unset the routes pass where the server was reached (never Host). */
  publicUrl: string | undefined;
}
