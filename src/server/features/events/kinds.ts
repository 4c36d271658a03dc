import type { Kysely } from 'kysely';
import type { EventKind } from '../../../contracts/events.ts';
import type { Schema } from '../../platform/db/index.ts';

/** The kinds every report speaks of; an organisation names its own in SETU_ORG_CONFIG (eventKinds). */
export const DEFAULT_EVENT_KINDS: readonly EventKind[] = [
  { code: 'workshop', nameEn: 'Workshop', nameHi: 'कार्यशाला', virtual: false },
  { code: 'training_camp', nameEn: 'Training camp', nameHi: 'प्रशिक्षण वर्ग', virtual: false },
  { code: 'meeting', nameEn: 'Meeting', nameHi: 'बैठक', virtual: false },
  { code: 'conference', nameEn: 'Conference', nameHi: 'सम्मेलन', virtual: false },
  { code: 'rally', nameEn: 'Rally', nameHi: 'रैली', virtual: false },
  { code: 'virtual_meeting', nameEn: 'Virtual meeting', nameHi: 'वर्चुअल बैठक', virtual: true },
];

/**
 * Makes the configured kinds the offered ones, in the given order. A kind left out is hidden, not deleted: events of
 * that kind keep their name.
 */
export async function applyEventKinds(db: Kysely<Schema>, kinds: readonly EventKind[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('event_kinds').set({ hidden: true }).execute();
    for (const [sort, k] of kinds.entries()) {
      const row = { name_en: k.nameEn, name_hi: k.nameHi, virtual: k.virtual, sort, hidden: false };
      await trx
        .insertInto('event_kinds')
        .values({ code: k.code, ...row })
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
  });
}

export async function listEventKinds(db: Kysely<Schema>): Promise<EventKind[]> {
  const rows = await db.selectFrom('event_kinds').selectAll().where('hidden', '=', false).orderBy('sort').execute();
  return rows.map((k) => ({ code: k.code, nameEn: k.name_en, nameHi: k.name_hi, virtual: k.virtual }));
}
