import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string; // UP's convener
let sambhal: string; // Sambhal's district convener
let meerut: string; // Meerut's district convener
let member: string; // a member at booth 1

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
let keys = 0;
const hours = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();
const ids: Record<string, number> = {};

async function create(cookie: string, name: string, body: Json) {
  const res = await read(
    await t.call('POST', '/api/events', {
      cookie,
      body: { clientKey: `below-${++keys}-${Date.now()}`, kind: 'meeting', titleEn: name, audience: { levels: ['booth'] }, ...body },
    }),
  );
  expect(res.status).toBe(201);
  ids[name] = res.body.id;
}

const list = async (cookie: string, unitId: number, query = '') => read(await t.call('GET', `/api/units/${unitId}/events?${query}`, { cookie }));
const titles = (body: Json) => (body.items as Json[]).map((e) => e.titleEn);

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  [state, sambhal, meerut, member] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.meerutConvener.phone),
    t.login(tree.people.boothMember.phone),
  ]);
  const u = tree.units;
  // Sambhal: last week's workshop (held), a meeting yesterday nobody recorded, a camp next week, a cancelled rally.
  await create(sambhal, 'Sambhal workshop', { unitId: u.sambhal, kind: 'workshop', startsAt: hours(-170), endsAt: hours(-166) });
  await create(sambhal, 'Sambhal meeting', { unitId: u.sambhal, startsAt: hours(-30), endsAt: hours(-28) });
  await create(sambhal, 'Sambhal camp', { unitId: u.sambhal, kind: 'training_camp', startsAt: hours(100), endsAt: hours(150) });
  await create(sambhal, 'Sambhal rally', { unitId: u.sambhal, kind: 'rally', startsAt: hours(50), endsAt: hours(52) });
  await create(meerut, 'Meerut meeting', { unitId: u.meerut, startsAt: hours(10), endsAt: hours(12) });
  // The state's meeting at every shakti kendra: one row for the state, a linked event per SK for the districts.
  await create(state, 'SK meeting', { unitId: u.up, holdAt: 'shakti_kendra', startsAt: hours(20), endsAt: hours(22) });
  // Sambhal's own meeting at every shakti kendra: one row for Sambhal.
  await create(sambhal, 'Sambhal SK meeting', { unitId: u.sambhal, holdAt: 'shakti_kendra', startsAt: hours(30), endsAt: hours(32) });
  expect((await t.call('PUT', `/api/events/${ids['Sambhal workshop']}/record`, { cookie: sambhal, body: { held: true } })).status).toBe(200);
  expect((await t.call('POST', `/api/events/${ids['Sambhal rally']}/cancel`, { cookie: sambhal })).status).toBe(200);
});
afterAll(() => t.stop());

describe(`the events below a unit on ${engine}`, () => {
  it('lists a state convener the districts’ events in time order, a fan-out as one row, and past ones latest first', async () => {
    const coming = await list(state, tree.units.up);
    expect(coming.status).toBe(200);
    expect(titles(coming.body)).toEqual(['Meerut meeting', 'SK meeting', 'Sambhal SK meeting', 'Sambhal rally', 'Sambhal camp']);
    expect(coming.body.items.find((e: Json) => e.titleEn === 'Sambhal rally')).toMatchObject({ cancelled: true });
    const past = await list(state, tree.units.up, 'period=past');
    expect(titles(past.body)).toEqual(['Sambhal meeting', 'Sambhal workshop']);
    expect(past.body.items[1]).toMatchObject({ kind: { code: 'workshop' }, unit: { id: tree.units.sambhal } });
    expect(past.body.items[1].heldAt).not.toBeNull();
  });

  it('shows a fan-out from above as its linked events inside the unit, and the unit’s own fan-out as one row', async () => {
    const coming = await list(sambhal, tree.units.sambhal);
    expect(titles(coming.body)).toEqual(['SK meeting', 'Sambhal SK meeting', 'Sambhal rally', 'Sambhal camp']);
    // The state's meeting, seen from Sambhal, is Bahjoi SK 1's own: a linked event at that shakti kendra.
    expect(coming.body.items[0]).toMatchObject({ unit: { id: tree.units.sk }, parentId: ids['SK meeting'] });
    expect(coming.body.items[1]).toMatchObject({ unit: { id: tree.units.sambhal }, parentId: null, holdAt: 'shakti_kendra' });
  });

  it('filters by level, kind and held, and pages with a cursor without repeating or losing a row', async () => {
    const u = tree.units;
    expect(titles((await list(state, u.up, 'level=shakti_kendra')).body)).toEqual(['SK meeting', 'Sambhal SK meeting']);
    expect(titles((await list(state, u.up, 'level=district&kind=training_camp')).body)).toEqual(['Sambhal camp']);
    expect(titles((await list(state, u.up, 'period=past&held=yes')).body)).toEqual(['Sambhal workshop']);
    expect(titles((await list(state, u.up, 'period=past&held=no')).body)).toEqual(['Sambhal meeting']);
    expect(titles((await list(state, u.up, `from=${encodeURIComponent(hours(40))}`)).body)).toEqual(['Sambhal rally', 'Sambhal camp']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Json } = await list(state, u.up, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...titles(page.body));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual(['Meerut meeting', 'SK meeting', 'Sambhal SK meeting', 'Sambhal rally', 'Sambhal camp']);
    const pastFirst = await list(state, u.up, 'period=past&limit=1');
    expect(titles((await list(state, u.up, `period=past&limit=1&cursor=${pastFirst.body.next}`)).body)).toEqual(['Sambhal workshop']);
  });

  it('keeps the list to the turf: another district, or a unit above a member’s, is not found; bad filters are refused', async () => {
    expect((await list(meerut, tree.units.sambhal)).status).toBe(404);
    expect((await list(member, tree.units.sambhal)).status).toBe(404);
    expect((await list(meerut, 999_999)).status).toBe(404);
    const mine = await list(meerut, tree.units.meerut);
    expect(titles(mine.body)).toEqual(['Meerut meeting', 'SK meeting']);
    const bad = await list(state, tree.units.up, 'cursor=yesterday');
    expect([bad.status, bad.body.code]).toEqual([400, 'validation']);
    expect((await list(state, tree.units.up, 'held=maybe')).status).toBe(400);
  });

  it('reaches a person’s past events in their own list, latest first', async () => {
    const mine = await read(await t.call('GET', '/api/events?period=past', { cookie: sambhal }));
    expect(titles(mine.body)).toEqual(['Sambhal meeting', 'Sambhal workshop']);
    const coming = await read(await t.call('GET', '/api/events', { cookie: sambhal }));
    expect(titles(coming.body)).not.toContain('Sambhal workshop');
  });
});
