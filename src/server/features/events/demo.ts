import { sql, type Kysely } from 'kysely';
import type { PiiCipher } from '../../platform/crypto.ts';
import type { Schema } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log.ts';
import { loadTurf } from '../org/index.ts';
import { markPresent } from './attendance.service.ts';
import { createEvent } from './create.service.ts';

const HOUR = 3_600_000;
/** 6 pm India time, `days` from today. */
const eveningIn = (days: number) => {
  const d = new Date(Date.now() + 5.5 * HOUR + days * 24 * HOUR);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 18) - 5.5 * HOUR);
};

/**
 * Events in the demo, so the calendar and the roll-up have something in them: Sambhal's IT convener holds a virtual
 * meeting at every shakti kendra of the district tomorrow evening, and held a district workshop five days ago, with
 * minutes and the demo's people present. Returns how many linked meetings were made.
 */
export async function addDemoEvents(db: Kysely<Schema>, cipher: PiiCipher, organiserPhoneHash: Uint8Array): Promise<number> {
  const organiser = await db
    .selectFrom('people as p')
    .innerJoin('positions as pos', 'pos.person_id', 'p.id')
    .select(['p.id', 'pos.unit_id'])
    .where('p.phone_hash', '=', organiserPhoneHash)
    .where('pos.ended_at', 'is', null)
    .executeTakeFirst();
  if (!organiser) return 0;
  const actor = { personId: organiser.id, sessionId: 'demo', turf: await loadTurf(db, organiser.id) };
  const deps = { db, cipher, log: createLogger('silent'), jitsiBaseUrl: 'https://meet.jit.si', publicUrl: undefined };
  const meeting = await createEvent(deps, actor, {
    clientKey: 'demo-sk-meeting',
    unitId: organiser.unit_id,
    kind: 'virtual_meeting',
    titleHi: 'शक्ति केंद्र बैठक: बूथ समितियों की समीक्षा',
    titleEn: 'Shakti kendra meeting: booth committees review',
    description: 'हर शक्ति केंद्र पर एक साथ वर्चुअल बैठक: हर बूथ समिति में कितने सदस्य हैं, कौन सक्रिय है, कहाँ नए लोग जोड़ने हैं।',
    startsAt: eveningIn(1).toISOString(),
    endsAt: new Date(eveningIn(1).getTime() + 2 * HOUR).toISOString(),
    holdAt: 'shakti_kendra',
    audience: { levels: ['shakti_kendra', 'booth'] },
    sessions: [
      { title: 'स्वागत और परिचय', speaker: 'रेखा यादव' },
      { title: 'बूथ समिति: सक्रिय सदस्य और नए लोग', speaker: 'मनोज वार्ष्णेय' },
    ],
    chair: 'रेखा यादव',
    conductor: 'सलीम अंसारी',
  });
  const workshop = await createEvent(deps, actor, {
    clientKey: 'demo-district-workshop',
    unitId: organiser.unit_id,
    kind: 'workshop',
    titleHi: 'जिला आईटी कार्यशाला',
    titleEn: 'District IT workshop',
    startsAt: new Date(eveningIn(-5).getTime() - 7 * HOUR).toISOString(),
    endsAt: new Date(eveningIn(-5).getTime() - 3 * HOUR).toISOString(),
    venue: 'जिला कार्यालय, संभल',
    audience: { levels: ['district', 'assembly', 'mandal'] },
    sessions: [{ title: 'सोशल मीडिया पर तथ्य जाँच', speaker: 'फ़ैसल क़ुरैशी' }],
    chair: 'रेखा यादव',
    chiefGuest: 'कविता सिंह',
  });
  // The district's, assemblies' and mandals' office-bearers were there.
  const present = await sql<{ person_id: number }>`
    select distinct p.person_id from positions p join units u on u.id = p.unit_id join units top on top.id = ${organiser.unit_id}
    where p.ended_at is null and u.path <@ top.path and u.level in ('district', 'assembly', 'mandal')`.execute(db);
  if (present.rows.length > 0)
    await markPresent(
      db,
      workshop.id,
      present.rows.map((p) => ({ personId: p.person_id })),
      'roll_call',
      organiser.id,
    );
  await db
    .updateTable('events')
    .set({ minutes: 'कार्यशाला में सोशल मीडिया पर तथ्य जाँच और बूथ समितियों की समीक्षा की योजना पर चर्चा हुई।' })
    .where('id', '=', workshop.id)
    .execute();
  return (await db.selectFrom('events').select('children').where('id', '=', meeting.id).executeTakeFirstOrThrow()).children;
}
