import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { indianDay } from '../../campaigns/index.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
/** Sessions of UP's convener, Sambhal's and Meerut's district conveners, and a member at booth 1. */
let [state, sambhal, meerut, member] = ['', '', '', ''];
/** This database's installation id, which every UID carries. */
let installation: string;

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
let keys = 0;
const key = () => `feed-key-${++keys}-${Date.now()}`;
/** A time h hours from now, to the minute. */
const hours = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();
const uid = (what: string) => `${what}.${installation}@setu`;

const create = async (cookie: string, body: Json) =>
  (
    await read(
      await t.call('POST', '/api/events', {
        cookie,
        body: { clientKey: key(), kind: 'workshop', startsAt: hours(24), endsAt: hours(26), audience: { levels: ['booth'] }, ...body },
      }),
    )
  ).body.id as number;

const plan = async (cookie: string, unitId: number, titleEn: string) =>
  (
    await read(
      await t.call('POST', '/api/campaigns', {
        cookie,
        body: {
          clientKey: key(),
          unitId,
          titleEn,
          phases: [
            {
              titleEn: 'Workshops',
              startsOn: indianDay(1),
              endsOn: indianDay(9),
              activities: [{ titleEn: 'One each', measure: 'events_held', targetLevel: 'district', perUnit: 1 }],
            },
          ],
        },
      }),
    )
  ).body as Json;

/** A feed's entries by UID, as a calendar app reads them (ical.js). */
async function entries(cookie: string, unitId?: number) {
  const feed = await read(await t.call('POST', '/api/calendar-feeds', { cookie, body: unitId === undefined ? {} : { unitId } }));
  expect(feed.status).toBe(201);
  return async () => {
    const res = await t.call('GET', `${new URL(feed.body.url).pathname}?lang=en`);
    expect(res.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    return new Map(calendar.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), v]));
  };
}

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  await addPerson(t.database.db, { name: 'Kavita Singh', phone: '+919000000011', unitId: tree.units.sk, role: 'convener' });
  [state, sambhal, meerut, member] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.meerutConvener.phone),
    t.login(tree.people.boothMember.phone),
  ]);
  installation = (await t.database.db.selectFrom('installation').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.stop());

describe(`calendar feeds on ${engine}`, () => {
  it('gives every entry a UID of this installation: the same event number elsewhere is another event', async () => {
    expect(installation).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const id = await create(sambhal, { unitId: tree.units.sambhal, titleEn: 'Own workshop' });
    const feed = await (await entries(sambhal, tree.units.sambhal))();
    expect([...feed.keys()]).toContain(uid(`event-${id}`));
    expect([...feed.keys()]).not.toContain(`event-${id}@setu`);
  });

  it('shows in a unit’s feed the events held below it (a fanned-out one once), and nothing outside the owner’s turf', async () => {
    const workshop = await create(sambhal, { unitId: tree.units.sambhal, titleEn: 'District workshop' });
    const fanned = await create(sambhal, { unitId: tree.units.sambhal, kind: 'meeting', titleEn: 'Kendra meetings', holdAt: 'shakti_kendra' });
    const [linked] = await t.database.db.selectFrom('events').select('id').where('parent_id', '=', fanned).execute();
    const stateFeed = await (await entries(state, tree.units.up))();
    expect(stateFeed.has(uid(`event-${workshop}`))).toBe(true);
    expect(stateFeed.has(uid(`event-${fanned}`))).toBe(true);
    expect(stateFeed.has(uid(`event-${linked!.id}`))).toBe(false);
    // The shakti kendra's own feed has its own linked meeting.
    expect((await (await entries(sambhal, tree.units.sk))()).has(uid(`event-${linked!.id}`))).toBe(true);
    // Meerut's district: none of Sambhal's.
    const meerutFeed = await (await entries(meerut, tree.units.meerut))();
    expect([...meerutFeed.keys()].filter((k) => [workshop, fanned, linked!.id].some((id) => k === uid(`event-${id}`)))).toEqual([]);
  });

  it('puts the phases of the campaigns that concern the feed in it, as whole days, and no one else’s', async () => {
    const national = await plan(state, tree.units.up, 'State drive');
    const local = await plan(sambhal, tree.units.sambhal, 'Sambhal drive');
    const phase = (c: Json) => uid(`campaign-phase-${c.phases[0].id}`);
    const stateFeed = await (await entries(state, tree.units.up))();
    expect(stateFeed.has(phase(national)) && stateFeed.has(phase(local))).toBe(true);
    const entry = new ICAL.Event(stateFeed.get(phase(local))!);
    expect(entry.summary).toBe('Sambhal drive: Workshops (campaign)');
    expect(entry.startDate.isDate).toBe(true);
    expect(entry.startDate.toString()).toBe(indianDay(1));
    // A whole-day entry ends the day after its last day.
    expect(entry.endDate.toString()).toBe(indianDay(10));
    // The state's campaign reaches a booth member's own calendar; a district's own campaign stays out of another's.
    const mine = await (await entries(member))();
    expect(mine.has(phase(national)) && mine.has(phase(local))).toBe(true);
    const meerutFeed = await (await entries(meerut, tree.units.meerut))();
    expect([meerutFeed.has(phase(national)), meerutFeed.has(phase(local))]).toEqual([true, false]);
  });

  it('bumps SEQUENCE and LAST-MODIFIED when an event changes, so a calendar app replaces it', async () => {
    const id = await create(sambhal, { unitId: tree.units.sambhal, titleEn: 'Moving workshop', venue: 'Town hall' });
    const feed = await entries(sambhal, tree.units.sambhal);
    const at = async () => {
      const v = (await feed()).get(uid(`event-${id}`))!;
      return {
        sequence: v.getFirstPropertyValue('sequence'),
        modified: (v.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().getTime(),
        status: v.getFirstPropertyValue('status'),
      };
    };
    const first = await at();
    expect(first.sequence).toBe(0);
    await new Promise((r) => setTimeout(r, 1_100)); // LAST-MODIFIED is to the second
    expect((await t.call('PATCH', `/api/events/${id}`, { cookie: sambhal, body: { venue: 'College ground' } })).status).toBe(200);
    const moved = await at();
    expect(moved.sequence).toBe(1);
    expect(moved.modified).toBeGreaterThan(first.modified);
    expect((await t.call('POST', `/api/events/${id}/cancel`, { cookie: sambhal })).status).toBe(200);
    expect(await at()).toMatchObject({ sequence: 2, status: 'CANCELLED' });
  });
});
