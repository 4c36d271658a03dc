import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log.ts';
import { loadTurf } from '../org/index.ts';
import { createCampaign } from './create.service.ts';
import { indianDay as day, refreshActivity } from './figures.repo.ts';

/**
 * A campaign in the demo, as the reports plan them: the state's IT convener runs an organisation drive in three
 * phases, the app in colleges (visits reported by each assembly) alongside district workshops (counted from events
 * held), then volunteer conferences (volunteers enrolled at every booth). Returns the campaign's id, or null without the planner.
 */
export async function addDemoCampaign(db: Kysely<Schema>, plannerPhoneHash: Uint8Array): Promise<number | null> {
  const planner = await db
    .selectFrom('people as p')
    .innerJoin('positions as pos', 'pos.person_id', 'p.id')
    .select(['p.id', 'pos.unit_id'])
    .where('p.phone_hash', '=', plannerPhoneHash)
    .where('pos.ended_at', 'is', null)
    .executeTakeFirst();
  if (!planner) return null;
  const actor = { personId: planner.id, sessionId: 'demo', turf: await loadTurf(db, planner.id) };
  const { id } = await createCampaign({ db, log: createLogger('silent') }, actor, {
    clientKey: 'demo-app-campaign',
    unitId: planner.unit_id,
    titleHi: 'संगठन विस्तार अभियान',
    titleEn: 'Organisation drive',
    description: 'कॉलेजों में सेतु ऐप का प्रचार, साथ में जिला कार्यशालाएं, फिर स्वयंसेवक सम्मेलन।',
    phases: [
      {
        titleHi: 'कॉलेजों में सेतु ऐप',
        titleEn: 'The app in colleges',
        startsOn: day(-8),
        endsOn: day(2),
        activities: [{ titleHi: 'कॉलेज संपर्क', titleEn: 'College visits', measure: 'reported', targetLevel: 'assembly', perUnit: 10 }],
      },
      {
        titleHi: 'जिला कार्यशालाएं',
        titleEn: 'District workshops',
        startsOn: day(-6),
        endsOn: day(12),
        activities: [
          { titleHi: 'जिला कार्यशाला', titleEn: 'District workshop', measure: 'events_held', eventKind: 'workshop', targetLevel: 'district', perUnit: 1 },
        ],
      },
      {
        titleHi: 'स्वयंसेवक सम्मेलन',
        titleEn: 'Volunteer conferences',
        startsOn: day(13),
        endsOn: day(30),
        activities: [{ titleHi: 'नए स्वयंसेवक', titleEn: 'Volunteers enrolled', measure: 'people_enrolled', targetLevel: 'booth', perUnit: 20 }],
      },
    ],
  });
  // Counted now, so the first look at the campaign has its figures.
  const activities = await db
    .selectFrom('campaign_activities as a')
    .innerJoin('campaign_phases as p', 'p.id', 'a.phase_id')
    .select('a.id')
    .where('p.campaign_id', '=', id)
    .execute();
  for (const a of activities) await refreshActivity(db, a.id);
  return id;
}
