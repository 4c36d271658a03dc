import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log.ts';
import type { Storage } from '../../platform/storage/folder.ts';
import { loadTurf } from '../org/index.ts';
import { ProgressEvents } from './events.ts';
import { issueDirective } from './issue.service.ts';

/**
 * A directive in the demo, so the inbox and the progress page have something in them: Sambhal's IT convener asks the
 * conveners of every booth in the district to check the new names on the voter list and report back. Returns how many
 * booths it reached.
 */
export async function addDemoDirective(db: Kysely<Schema>, cipher: PiiCipher, storage: Storage, issuerPhoneHash: Uint8Array): Promise<number> {
  const issuer = await db
    .selectFrom('people as p')
    .innerJoin('positions as pos', 'pos.person_id', 'p.id')
    .select(['p.id', 'pos.unit_id'])
    .where('p.phone_hash', '=', issuerPhoneHash)
    .where('pos.ended_at', 'is', null)
    .executeTakeFirst();
  if (!issuer) return 0;
  const actor = { personId: issuer.id, sessionId: 'demo', turf: await loadTurf(db, issuer.id) };
  const deps = { db, cipher, log: createLogger('silent'), storage, events: ProgressEvents.local() };
  const due = new Date(Date.now() + 3 * 86_400_000);
  const { directive } = await issueDirective(
    deps,
    actor,
    {
      clientKey: 'demo-voter-list-new-names',
      unitId: issuer.unit_id,
      titleHi: 'मतदाता सूची के नए नाम जाँचें',
      titleEn: 'Check the new names on the voter list',
      bodyHi: 'अपने बूथ की पूरक मतदाता सूची के नए नाम घर-घर जाकर जाँचें। कितने नाम मिले और कितने नहीं, यह रिपोर्ट में लिखें।',
      bodyEn: 'Check the new names in your booth’s supplementary voter list door to door. Report how many you found and how many you did not.',
      links: [],
      fileIds: [],
      priority: 'high',
      ask: 'report',
      dueAt: due.toISOString(),
      audience: { levels: ['booth'], roles: ['convener'] },
    },
    null,
  );
  return directive.targets;
}
