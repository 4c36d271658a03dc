import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';
import { indianDay as day } from './figures.repo.ts';
import { refreshDue } from './refresher.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string; // UP's convener
let sambhal: string; // Sambhal's district convener
let meerut: string; // Meerut's district convener
let member: string; // a member at booth 1
let boothConvener: string; // booth 1's convener

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
const db = () => t.database.db;
let keys = 0;
const key = () => `campaign-key-${++keys}-${Date.now()}`;
/** Recounts everything, as the refresher does within a minute of a change. */
const recount = async () => {
  await db().deleteFrom('campaign_refreshes').execute();
  while ((await refreshDue({ db: db() }, 50)) > 0) {
    // until nothing is stale
  }
};
const progress = async (cookie: string, id: number, unitId?: number) =>
  read(await t.call('GET', `/api/campaigns/${id}/progress${unitId ? `?unitId=${unitId}` : ''}`, { cookie }));
/** A campaign of one phase from today with one activity, planned by `cookie` at a unit. */
const planOne = async (cookie: string, unitId: number, titleEn: string, activity: Json, lastDay = 1) =>
  read(
    await t.call('POST', '/api/campaigns', {
      cookie,
      body: { clientKey: key(), unitId, titleEn, phases: [{ titleEn: 'One', startsOn: day(0), endsOn: day(lastDay), activities: [activity] }] },
    }),
  );
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
/** A workshop of Sambhal's from `startsAt` for an hour; its id. */
async function sambhalWorkshop(titleHi: string, startsAt: string) {
  const sent = await read(
    await t.call('POST', '/api/events', {
      cookie: sambhal,
      body: {
        clientKey: key(),
        unitId: tree.units.sambhal,
        kind: 'workshop',
        titleHi,
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        audience: { levels: ['booth'] },
      },
    }),
  );
  expect(sent.status).toBe(201);
  return sent.body.id as number;
}
/** Sambhal's convener holds a workshop that started at `startsAt`, and records it held; the answer's status. */
const holdWorkshop = async (titleHi: string, startsAt: string) =>
  (await t.call('PUT', `/api/events/${await sambhalWorkshop(titleHi, startsAt)}/record`, { cookie: sambhal, body: { held: true } })).status;
const activity = (p: Json, titleEn: string) => p.activities.find((a: Json) => a.activity.titleEn === titleEn);

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  [state, sambhal, meerut, member, boothConvener] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.meerutConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login(tree.people.boothConvener.phone),
  ]);
});
afterAll(() => t.stop());

describe(`campaigns on ${engine}`, () => {
  let campaign: number;

  it('plans a campaign of phases with targets at a level, once per client key, and shows its calendar', async () => {
    const body = {
      clientKey: key(),
      unitId: tree.units.up,
      titleHi: 'ऐप अभियान',
      titleEn: 'App campaign',
      phases: [
        {
          titleEn: 'District workshops',
          titleHi: 'जिला कार्यशालाएं',
          startsOn: day(-1),
          endsOn: day(5),
          activities: [
            { titleEn: 'Workshops', measure: 'events_held', eventKind: 'workshop', targetLevel: 'district', perUnit: 1 },
            { titleEn: 'Volunteers', measure: 'people_enrolled', targetLevel: 'booth', total: 60 },
          ],
        },
        {
          titleEn: 'Volunteer conferences',
          startsOn: day(10),
          endsOn: day(20),
          activities: [{ titleEn: 'College visits', measure: 'reported', targetLevel: 'shakti_kendra', perUnit: 10 }],
        },
      ],
    };
    const first = await read(await t.call('POST', '/api/campaigns', { cookie: state, body }));
    expect(first.status).toBe(201);
    campaign = first.body.id;
    expect(first.body).toMatchObject({ startsOn: day(-1), endsOn: day(20), canManage: true });
    expect(first.body.phases.map((p: Json) => [p.state, p.activities.length])).toEqual([
      ['now', 2],
      ['later', 1],
    ]);
    expect(first.body.phases[1].activities[0]).toMatchObject({ source: 'reported', perUnit: 10 });
    const again = await read(await t.call('POST', '/api/campaigns', { cookie: state, body }));
    expect([again.status, again.body.id]).toEqual([200, campaign]);
  });

  it('counts what happened in Setu against the targets, split by booths, rolled up and furthest behind first', async () => {
    expect(await holdWorkshop('जिला कार्यशाला', hours(0))).toBe(200);
    await recount();
    const before = await progress(state, campaign);
    expect(before.body.refreshedAt).not.toBeNull();
    const volunteersBefore = activity(before.body, 'Volunteers').achieved as number;
    await addPerson(db(), { name: 'New Volunteer', phone: '+919111111111', unitId: tree.units.booth2, role: 'member' });
    await recount();

    const up = await progress(state, campaign);
    expect(up.body.unit.id).toBe(tree.units.up);
    // Only the running phase's activities and the later one are listed; all three are at or below the state.
    const workshops = activity(up.body, 'Workshops');
    expect(workshops).toMatchObject({ target: 2, achieved: 1, atTargetLevel: false });
    expect(workshops.activity.source).toBe('setu');
    expect(workshops.children).toEqual([expect.objectContaining({ unit: expect.objectContaining({ id: tree.units.paschim }), target: 2, achieved: 1 })]);
    const volunteers = activity(up.body, 'Volunteers');
    expect(volunteers.target).toBe(60); // 60 split over three booths by their booths: 20 each
    expect(volunteers.achieved).toBe(volunteersBefore + 1);

    const region = await progress(state, campaign, tree.units.paschim);
    const perDistrict = activity(region.body, 'Workshops');
    expect(perDistrict.atTargetLevel).toBe(true);
    expect(perDistrict.children.map((c: Json) => [c.unit.id, c.target, c.achieved])).toEqual([
      [tree.units.meerut, 1, 0],
      [tree.units.sambhal, 1, 1],
    ]);
    const sk = await progress(state, campaign, tree.units.sk);
    expect(activity(sk.body, 'Volunteers').children.map((c: Json) => c.target)).toEqual([20, 20]);
  });

  it('credits a target per unit: a district that held two workshops of one fills no other district’s gap', async () => {
    const planned = await planOne(state, tree.units.up, 'Per district', {
      titleEn: 'One workshop each',
      measure: 'events_held',
      eventKind: 'workshop',
      targetLevel: 'district',
      perUnit: 1,
    });
    expect(planned.status).toBe(201);
    // Sambhal already held one workshop today; it holds a second one.
    expect(await holdWorkshop('दूसरी कार्यशाला', hours(-0.1))).toBe(200);
    // A third, two hours away, marked held early (as an early check-in does): not counted before it starts.
    const later = await sambhalWorkshop('तीसरी', hours(2));
    await db().updateTable('events').set({ held_at: new Date() }).where('id', '=', later).execute();
    await recount();
    // Two districts, one met its target: 1 of 2 (not 2 of 2), with the two workshops counted beside it.
    const up = activity((await progress(state, planned.body.id)).body, 'One workshop each');
    expect(up).toMatchObject({ target: 2, achieved: 1, counted: 2, unitsMet: 1, units: 2 });
    expect(up.children[0]).toMatchObject({ target: 2, achieved: 1, counted: 2, unitsMet: 1, units: 2 });
    // Counted on the spot at the districts: Sambhal 1 of 1 (2 counted), Meerut 0 of 1.
    const region = activity((await progress(state, planned.body.id, tree.units.paschim)).body, 'One workshop each');
    expect(region).toMatchObject({ target: 2, achieved: 1, counted: 2, unitsMet: 1, units: 2 });
    expect(region.children.map((c: Json) => [c.unit.id, c.target, c.achieved, c.counted, c.unitsMet, c.units])).toEqual([
      [tree.units.meerut, 1, 0, 0, 0, 1],
      [tree.units.sambhal, 1, 1, 2, 1, 1],
    ]);
    const own = activity((await progress(sambhal, planned.body.id, tree.units.sambhal)).body, 'One workshop each');
    expect(own).toMatchObject({ target: 1, achieved: 1, counted: 2, unitsMet: 1, units: 1 });
    // A unit with no target: what it did is counted, not credited, and it is not among the units with a target.
    const path = `/api/campaigns/${planned.body.id}/activities/${own.activity.id}/targets`;
    expect((await t.call('PUT', path, { cookie: state, body: { targets: [{ unitId: tree.units.sambhal, target: 0 }] } })).status).toBe(200);
    await recount();
    const none = activity((await progress(state, planned.body.id)).body, 'One workshop each');
    expect(none).toMatchObject({ target: 1, achieved: 0, counted: 2, unitsMet: 0, units: 1 });
  });

  it('lets a leader adjust the targets in their turf only, and the roll-up follows', async () => {
    const volunteers = (await read(await t.call('GET', `/api/campaigns/${campaign}`, { cookie: sambhal }))).body.phases[0].activities[1];
    const path = `/api/campaigns/${campaign}/activities/${volunteers.id}/targets`;
    expect((await t.call('PUT', path, { cookie: meerut, body: { targets: [{ unitId: tree.units.booth1, target: 5 }] } })).status).toBe(404);
    expect((await t.call('PUT', path, { cookie: member, body: { targets: [{ unitId: tree.units.booth1, target: 5 }] } })).status).toBe(403);
    // A unit not of the activity's level is not a target.
    expect((await t.call('PUT', path, { cookie: sambhal, body: { targets: [{ unitId: tree.units.sk, target: 5 }] } })).status).toBe(404);
    const set = await read(await t.call('PUT', path, { cookie: sambhal, body: { targets: [{ unitId: tree.units.booth1, target: 30 }] } }));
    expect(set.body).toEqual({ updated: 1 });
    // The adjustment marked the activity for recounting: the refresher's next turn takes it, unprompted.
    expect(await refreshDue({ db: db() }, 50)).toBe(1);
    expect(activity((await progress(state, campaign)).body, 'Volunteers').target).toBe(70);
    const sk = await progress(sambhal, campaign, tree.units.sk);
    expect(activity(sk.body, 'Volunteers').children.find((c: Json) => c.unit.id === tree.units.booth1)).toMatchObject({ target: 30, adjusted: true });
    // A district's own target is set from above it, not by its own convener.
    const workshops = (await read(await t.call('GET', `/api/campaigns/${campaign}`, { cookie: sambhal }))).body.phases[0].activities[0];
    const districts = `/api/campaigns/${campaign}/activities/${workshops.id}/targets`;
    expect((await t.call('PUT', districts, { cookie: sambhal, body: { targets: [{ unitId: tree.units.sambhal, target: 0 }] } })).status).toBe(403);
    expect((await t.call('PUT', districts, { cookie: state, body: { targets: [{ unitId: tree.units.sambhal, target: 2 }] } })).status).toBe(200);
  });

  it('takes reported figures from the units, labelled as reported', async () => {
    const visits = (await read(await t.call('GET', `/api/campaigns/${campaign}`, { cookie: sambhal }))).body.phases[1].activities[0];
    const path = `/api/campaigns/${campaign}/activities/${visits.id}/reports`;
    expect((await t.call('POST', path, { cookie: member, body: { unitId: tree.units.sk, value: 3 } })).status).toBe(404);
    expect((await t.call('POST', path, { cookie: meerut, body: { unitId: tree.units.sk, value: 3 } })).status).toBe(404);
    // Its phase starts in ten days: nothing has been done in it yet, so no figure is taken, and nothing is written.
    const early = await read(await t.call('POST', path, { cookie: sambhal, body: { unitId: tree.units.sk, value: 7 } }));
    expect([early.status, early.body.code]).toEqual([422, 'phase_not_started']);
    expect(await db().selectFrom('campaign_reports').select('value').where('activity_id', '=', visits.id).execute()).toEqual([]);
    // The phase's first day comes.
    await db()
      .updateTable('campaign_phases')
      .set({ starts_on: day(0) })
      .where('id', '=', (await db().selectFrom('campaign_activities').select('phase_id').where('id', '=', visits.id).executeTakeFirstOrThrow()).phase_id)
      .execute();
    expect((await read(await t.call('POST', path, { cookie: sambhal, body: { unitId: tree.units.sk, value: 7 } }))).body).toEqual({ updated: 1 });
    expect((await read(await t.call('POST', path, { cookie: sambhal, body: { unitId: tree.units.sk, value: 8 } }))).body).toEqual({ updated: 1 });
    const workshops = (await read(await t.call('GET', `/api/campaigns/${campaign}`, { cookie: sambhal }))).body.phases[0].activities[0];
    const refused = await read(
      await t.call('POST', `/api/campaigns/${campaign}/activities/${workshops.id}/reports`, {
        cookie: sambhal,
        body: { unitId: tree.units.sambhal, value: 4 },
      }),
    );
    expect([refused.status, refused.body.code]).toEqual([400, 'validation']);
    await recount();
    const up = activity((await progress(state, campaign)).body, 'College visits');
    expect(up).toMatchObject({ target: 20, achieved: 8 });
    expect(up.activity.source).toBe('reported');
  });

  it('counts the units that did a directive', async () => {
    const directive = await read(
      await t.call('POST', '/api/directives', {
        cookie: sambhal,
        body: { clientKey: key(), unitId: tree.units.sambhal, titleHi: 'सूची जाँचें', ask: 'report', audience: { levels: ['booth'] } },
      }),
    );
    const booths = { titleEn: 'Booths done', measure: 'directives_done', directiveId: directive.body.id, targetLevel: 'booth', perUnit: 1 };
    const planned = await planOne(sambhal, tree.units.sambhal, 'Voter list check', booths, 3);
    expect(planned.status).toBe(201);
    await t.call('POST', `/api/directives/${directive.body.id}/units/${tree.units.booth1}/done`, { cookie: boothConvener, body: { text: 'जाँच पूरी' } });
    await recount();
    const done = activity((await progress(sambhal, planned.body.id)).body, 'Booths done');
    expect(done).toMatchObject({ target: 2, achieved: 1 });
  });

  it('splits a total exactly: shares by booths, the remainder to the largest fractions, adding up to the total', async () => {
    const planned = await planOne(state, tree.units.up, 'Odd total', { titleEn: 'Leaflets', measure: 'reported', targetLevel: 'booth', total: 100 }, 2);
    await recount();
    const up = activity((await progress(state, planned.body.id)).body, 'Leaflets');
    expect(up.target).toBe(100);
    const sk = activity((await progress(state, planned.body.id, tree.units.sk)).body, 'Leaflets');
    const meerutSk = activity((await progress(state, planned.body.id, tree.units.meerutSk)).body, 'Leaflets');
    const shares = [...sk.children, ...meerutSk.children].map((c: Json) => c.target).sort();
    // 100 over three booths: 33 each and the one left over to the first of the tied remainders.
    expect(shares).toEqual([33, 33, 34]);
  });

  it('keeps campaigns to the turf: those above are followed from one’s own unit, others are not found', async () => {
    const fromMeerut = await progress(meerut, campaign);
    expect(fromMeerut.body.unit.id).toBe(tree.units.meerut);
    expect((await t.call('GET', `/api/campaigns/${campaign}/progress?unitId=${tree.units.sambhal}`, { cookie: meerut })).status).toBe(404);
    const listed = (await read(await t.call('GET', '/api/campaigns', { cookie: member }))).body.items.find((c: Json) => c.id === campaign);
    expect(listed).toMatchObject({ phases: 2, currentPhase: { titleEn: 'District workshops', startsOn: day(-1) } });
    const local = await planOne(sambhal, tree.units.sambhal, 'Sambhal only', {
      titleEn: 'Meetings',
      measure: 'events_held',
      targetLevel: 'shakti_kendra',
      perUnit: 1,
    });
    expect((await t.call('GET', `/api/campaigns/${local.body.id}`, { cookie: meerut })).status).toBe(404);
    expect(
      (await t.call('POST', '/api/campaigns', { cookie: meerut, body: { clientKey: key(), unitId: tree.units.sambhal, titleEn: 'x', phases: [] } })).status,
    ).toBe(400);
    const above = await planOne(sambhal, tree.units.sambhal, 'Bad', { titleEn: 'x', measure: 'reported', targetLevel: 'state', perUnit: 1 });
    expect([above.status, above.body.code]).toEqual([422, 'level_order']);
    expect((await planOne(meerut, tree.units.sambhal, 'Theirs', { titleEn: 'x', measure: 'reported', targetLevel: 'booth', perUnit: 1 })).status).toBe(404);
  });
});
