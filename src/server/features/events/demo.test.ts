import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../contracts/phone.ts';
import { createPiiCipher } from '../../platform/crypto.ts';
import { migrate, type Database } from '../../platform/db/index.ts';
import { engine, testDatabase } from '../../testing/database.ts';
import { TEST_SECRET } from '../../testing/setu.ts';
import { useAuditKey } from '../audit/index.ts';
import { addDemoCampaign } from '../campaigns/index.ts';
import { addDemoPeople, applyOrgConfig, buildDemoTree, defaultOrgConfig } from '../org/index.ts';
import { addDemoEvents } from './demo.ts';
import { applyEventKinds, DEFAULT_EVENT_KINDS } from './kinds.ts';

let database: Database;
const cipher = createPiiCipher(TEST_SECRET);
const phone = (p: string) => cipher.blindIndex(normalisePhone(p)!);

beforeAll(async () => {
  useAuditKey(TEST_SECRET); // no Setu here: the demo's events and campaign are audited like any
  database = await testDatabase();
  await migrate(database);
  await applyOrgConfig(database.db, defaultOrgConfig);
  await applyEventKinds(database.db, DEFAULT_EVENT_KINDS);
  await buildDemoTree(database.db, 'small');
  await addDemoPeople(database.db, cipher);
});
afterAll(() => database.close());

describe(`the demo's events and campaign (${engine})`, () => {
  it('holds a meeting at every shakti kendra of Sambhal and a workshop already held, with people present', async () => {
    const linked = await addDemoEvents(database.db, cipher, phone('+919000000005'));
    const sambhalSks = await database.db
      .selectFrom('units as u')
      .innerJoin('units as d', (j) => j.on('d.name_en', '=', 'Sambhal').on('d.level', '=', 'district'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.level', '=', 'shakti_kendra')
      .where((eb) => eb(eb.ref('u.path'), '<@', eb.ref('d.path')))
      .executeTakeFirstOrThrow();
    expect(linked).toBe(Number(sambhalSks.n));
    expect(linked).toBeGreaterThan(10);
    const workshop = await database.db
      .selectFrom('events')
      .select(['held_at', 'attendees', 'minutes'])
      .where('client_key', '=', 'demo-district-workshop')
      .executeTakeFirstOrThrow();
    expect(workshop.held_at).not.toBeNull();
    expect(workshop.attendees).toBeGreaterThan(0);
    expect(workshop.minutes).toBeTruthy();
  });

  it('plans the organisation drive in three phases and counts it at once', async () => {
    const id = await addDemoCampaign(database.db, phone('+919000000002'));
    expect(id).not.toBeNull();
    const refreshed = await database.db
      .selectFrom('campaign_refreshes as r')
      .innerJoin('campaign_activities as a', 'a.id', 'r.activity_id')
      .innerJoin('campaign_phases as p', 'p.id', 'a.phase_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.campaign_id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(Number(refreshed.n)).toBe(3);
    // The district workshop held five days ago counts for Sambhal in the workshops phase.
    const up = await database.db.selectFrom('units').select('id').where('name_en', '=', 'Uttar Pradesh').executeTakeFirstOrThrow();
    const workshops = await database.db
      .selectFrom('campaign_progress as g')
      .innerJoin('campaign_activities as a', 'a.id', 'g.activity_id')
      .select(['g.target', 'g.achieved'])
      .where('a.measure', '=', 'events_held')
      .where('g.unit_id', '=', up.id)
      .executeTakeFirstOrThrow();
    expect(workshops.target).toBe(75);
    expect(workshops.achieved).toBe(1);
  });
});
