import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log.ts';
import type { Storage } from '../../platform/storage/folder.ts';
import type { ProgressEvents } from './events.ts';

export interface DirectivesDeps {
  db: Kysely<Schema>;
  cipher: PiiCipher;
  log: Logger;
  storage: Storage;
  events: ProgressEvents;
}
