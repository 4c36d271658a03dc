import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { recordConsents } from './consent/consent.repo.ts';
import { insertPerson } from './people.repo.ts';

/** Given names and surnames as people write them on forms: some in Devanagari, some in Latin letters. */
const GIVEN = ['रमेश', 'Suresh', 'सीमा', 'Anita', 'मोहन', 'Rajesh', 'गीता', 'Vinod', 'पूनम', 'Arjun', 'शबाना', 'Irfan', 'ममता', 'Pankaj', 'किरण', 'Ravi'];
const FAMILY = ['कुमार', 'Sharma', 'देवी', 'Yadav', 'सिंह', 'Gupta', 'खान', 'Verma', 'प्रजापति', 'Saini'];
const BANDS = ['18_25', '26_35', '36_50', '51_65', 'over_65'] as const;

export interface DemoPeopleReport {
  supporters: number;
  groups: number;
}

/**
 * Supporters met door to door at the first booths of the first shakti kendras under `assemblyId` (the demo's
 * Chandausi), so the registry, consent and group screens have something to show: households sharing a phone, a
 * child (recorded, never messaged), a likely duplicate written once in each script, consent for updates from most
 * and for WhatsApp groups from some, and workers' and public groups at some booths and shakti kendras. Deterministic,
 * so screenshots and tests can name what they expect.
 */
export async function addDemoSupporters(db: Kysely<Schema>, cipher: PiiCipher, assemblyId: number, recordedBy: number | null): Promise<DemoPeopleReport> {
  const assembly = await db.selectFrom('units').select('path').where('id', '=', assemblyId).executeTakeFirstOrThrow();
  const kendras = await db
    .selectFrom('units')
    .select(['id', 'name_en'])
    .where('level', '=', 'shakti_kendra')
    .where('path', '<@', assembly.path)
    .orderBy('code')
    .limit(2)
    .execute();
  const booths = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'name_en'])
    .where('level', '=', 'booth')
    .where(
      'parent_id',
      'in',
      kendras.map((k) => k.id),
    )
    .orderBy('code')
    .execute();

  let supporters = 0;
  let serial = 0;
  await db.transaction().execute(async (trx) => {
    for (const [b, booth] of booths.entries()) {
      for (let i = 0; i < 12; i++) {
        serial++;
        const name = `${GIVEN[(serial * 7) % GIVEN.length]} ${FAMILY[(serial * 3 + b) % FAMILY.length]}`;
        // Every fifth person shares the previous person's phone: a household, not a duplicate.
        const household = i % 5 === 4;
        const phone = `+9198${String(10_000_000 + (household ? serial - 1 : serial)).slice(-8)}`;
        const child = i === 7 && b === 0;
        const id = await insertPerson(trx, cipher, {
          name,
          phone,
          homeUnitId: booth.id,
          whatsapp: i % 4 !== 3,
          ageBand: child ? 'under_18' : BANDS[serial % BANDS.length]!,
          languages: i % 3 === 0 ? ['hi', 'en'] : ['hi'],
          tags: i % 6 === 0 ? ['volunteer'] : [],
          source: 'capture',
          createdBy: recordedBy,
        });
        supporters++;
        if (child) continue;
        const purposes = i % 10 === 9 ? [] : i % 2 === 0 ? ['org_updates', 'whatsapp_groups'] : ['org_updates'];
        await recordConsents(
          trx,
          id,
          purposes.map((purpose) => ({ purpose, noticeVersion: 1 })),
          { method: 'in_person', recordedBy },
        );
      }
      if (b === 0) {
        // The same man written twice, once in each script, with one phone: the duplicate finder should pair them.
        for (const name of ['Ramesh Kumar', 'रमेश कुमार']) {
          await insertPerson(trx, cipher, { name, phone: '+919811122233', homeUnitId: booth.id, whatsapp: true, source: 'capture', createdBy: recordedBy });
          supporters++;
        }
      }
    }
  });

  const groups: Array<{ unit_id: number; name: string; purpose: 'workers' | 'public'; member_count: number | null }> = [];
  for (const [k, kendra] of kendras.entries())
    groups.push({ unit_id: kendra.id, name: `${kendra.name_en} कार्यकर्ता`, purpose: 'workers', member_count: 18 + k });
  for (const [b, booth] of booths.entries()) {
    if (b % 2 === 0) groups.push({ unit_id: booth.id, name: `${booth.name_en} बूथ टीम`, purpose: 'workers', member_count: 9 + b });
    if (b % 3 === 0) groups.push({ unit_id: booth.id, name: `${booth.name_en} जनसंपर्क`, purpose: 'public', member_count: 120 + 7 * b });
  }
  if (groups.length > 0)
    await db
      .insertInto('whatsapp_groups')
      .values(groups.map((g) => ({ ...g, created_by: recordedBy, last_checked_at: new Date(), updated_at: new Date() })))
      .execute();
  return { supporters, groups: groups.length };
}
