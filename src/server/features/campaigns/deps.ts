import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log.ts';

export interface CampaignsDeps {
  db: Kysely<Schema>;
  log: Logger;
}
