import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { firstGaps } from './coverage.service.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string;

const json = async (res: Response) => (await res.json()) as any;
const coverage = async (unitId: number, cookie = state) => {
  const res = await t.call('GET', `/api/units/${unitId}/group-coverage`, { cookie });
  expect(res.status).toBe(200);
  return json(res);
};
const figures = (row: any) => {
  const { unit, ...rest } = row;
  return { id: unit.id, ...rest };
};
/** Unit ids in path order, as the gaps must come. */
const inPathOrder = async (ids: number[]) =>
  (await sql<{ id: number }>`select id from units where id = any(${ids}::int[]) order by path`.execute(t.database.db)).rows.map((r) => r.id);

async function countersMatchRecount() {
  const read = async () =>
    (
      await sql<{ r: string | null }>`select string_agg(s::text, '|' order by unit_id) as r from unit_group_stats s
        where (s.shakti_kendras, s.booths_workers, s.booths_public, s.booths_both, s.kendras_workers, s.kendras_public, s.kendras_both, s.groups, s.members)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0)`.execute(t.database.db)
    ).rows[0]!.r;
  const kept = await read();
  await sql`select setu_group_stats_recount()`.execute(t.database.db);
  expect(await read()).toBe(kept);
}

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  // The national convener: the whole tree is their turf.
  await addPerson(t.database.db, { name: 'Nalini Rao', phone: '+919000000050', unitId: tree.units.india, role: 'convener', department: 'it' });
  state = await t.login('9000000050');
  const u = tree.units;
  const make = async (unitId: number, purpose: string, memberCount: number) => {
    const res = await t.call('POST', `/api/units/${unitId}/groups`, { cookie: state, body: { name: `${purpose} ${unitId}`, purpose, memberCount } });
    expect(res.status).toBe(201);
    return (await json(res)).id as number;
  };
  await make(u.booth1, 'workers', 10);
  await make(u.booth1, 'public', 20);
  await make(u.booth2, 'workers', 5);
  await make(u.sk, 'public', 7);
  await make(u.sambhal, 'workers', 100);
  const archived = await make(u.meerutBooth, 'public', 99);
  await t.call('PATCH', `/api/groups/${archived}`, { cookie: state, body: { archived: true } });
});
afterAll(() => t.stop());

describe(`WhatsApp group coverage (${engine})`, () => {
  it('counts booths and shakti kendras with each kind of group, groups and members, for the unit and each child', async () => {
    const u = tree.units;
    const nation = await coverage(u.india);
    const all = {
      booths: 3,
      boothsWithWorkers: 2,
      boothsWithPublic: 1,
      shaktiKendras: 2,
      shaktiKendrasWithWorkers: 0,
      shaktiKendrasWithPublic: 1,
      groups: 5,
      members: 142,
    };
    expect(figures(nation.total)).toEqual({ id: u.india, ...all });
    expect(nation.children.map(figures)).toEqual([{ id: u.up, ...all }]);
    const region = await coverage(u.paschim);
    expect(region.children.map(figures)).toEqual([
      {
        id: u.meerut,
        booths: 1,
        boothsWithWorkers: 0,
        boothsWithPublic: 0,
        shaktiKendras: 1,
        shaktiKendrasWithWorkers: 0,
        shaktiKendrasWithPublic: 0,
        groups: 0,
        members: 0,
      },
      { id: u.sambhal, ...all, booths: 2, shaktiKendras: 1 },
    ]);
    // A booth and a kendra count themselves; the kendra's own group and its booths' groups all count.
    expect(figures((await coverage(u.sk)).total)).toEqual({ id: u.sk, ...all, booths: 2, shaktiKendras: 1, groups: 4, members: 42 });
    expect(figures((await coverage(u.booth1)).total)).toEqual({
      id: u.booth1,
      booths: 1,
      boothsWithWorkers: 1,
      boothsWithPublic: 1,
      shaktiKendras: 0,
      shaktiKendrasWithWorkers: 0,
      shaktiKendrasWithPublic: 0,
      groups: 2,
      members: 30,
    });
  });

  it('lists the gaps (booths and kendras missing a kind of group) in path order, the unit itself included', async () => {
    const u = tree.units;
    const nation = await coverage(u.india);
    expect(nation.gapsTruncated).toBe(false);
    expect(nation.gaps.map((g: any) => g.unit.id)).toEqual(await inPathOrder([u.sk, u.booth2, u.meerutSk, u.meerutBooth]));
    const missing = Object.fromEntries(nation.gaps.map((g: any) => [g.unit.id, g.missing]));
    expect(missing).toEqual({
      [u.sk]: ['workers'],
      [u.booth2]: ['public'],
      [u.meerutSk]: ['workers', 'public'],
      [u.meerutBooth]: ['workers', 'public'],
    });
    expect(nation.gaps[0].unit).toHaveProperty('nameHi');
    expect((await coverage(u.booth2)).gaps).toEqual([
      { unit: { id: u.booth2, level: 'booth', nameEn: 'Panchayat Bhawan Bahjoi', nameHi: 'पंचायत भवन बहजोई' }, missing: ['public'] },
    ]);
    expect((await coverage(u.booth1)).gaps).toEqual([]);
  });

  it('stops at the limit, in path order, and says so', async () => {
    const u = tree.units;
    const everything = await inPathOrder([u.sk, u.booth2, u.meerutSk, u.meerutBooth]);
    for (const limit of [1, 2, 3]) {
      const { gaps, total } = await firstGaps(t.database.db, u.india, limit);
      expect(gaps.map((g) => g.id)).toEqual(everything.slice(0, limit));
      expect(total).toBe(4);
    }
  });

  it('keeps the counters right through moves, archives, restores and group edits', async () => {
    const u = tree.units;
    await countersMatchRecount();
    // booth2 (a workers' group) moves from Sambhal to Meerut.
    expect((await t.call('POST', `/api/units/${u.booth2}/move`, { cookie: state, body: { newParentId: u.meerutSk } })).status).toBe(200);
    await countersMatchRecount();
    const region = await coverage(u.paschim);
    expect(region.children.map((c: any) => [c.unit.id, c.booths, c.boothsWithWorkers, c.groups])).toEqual([
      [u.meerut, 2, 1, 1],
      [u.sambhal, 1, 1, 4],
    ]);
    // Archiving a booth takes its groups out of every count; restoring brings them back.
    expect((await t.call('PATCH', `/api/units/${u.booth1}`, { cookie: state, body: { archived: true } })).status).toBe(200);
    await countersMatchRecount();
    expect(figures((await coverage(u.india)).total)).toMatchObject({ booths: 2, boothsWithWorkers: 1, boothsWithPublic: 0, groups: 3, members: 112 });
    expect((await t.call('PATCH', `/api/units/${u.booth1}`, { cookie: state, body: { archived: false } })).status).toBe(200);
    await countersMatchRecount();
    // A new kendra counts; a member count reported later is summed.
    const created = await t.call('POST', '/api/units', {
      cookie: state,
      body: { parentId: u.bahjoi, level: 'shakti_kendra', nameEn: 'Bahjoi SK 2', nameHi: 'बहजोई शक्ति केंद्र 2' },
    });
    expect(created.status).toBe(201);
    const groups = await json(await t.call('GET', `/api/units/${u.sk}/groups`, { cookie: state }));
    await t.call('PATCH', `/api/groups/${groups.items[0].id}`, { cookie: state, body: { memberCount: 17 } });
    await countersMatchRecount();
    expect(figures((await coverage(u.india)).total)).toMatchObject({ shaktiKendras: 3, members: 152 });
    expect((await coverage(u.india)).gaps.map((g: any) => g.unit.id)).toContain((await json(created)).id);
  });

  it('is read inside the turf only: a booth member sees their booth, an outsider gets 404', async () => {
    const member = await t.login(tree.people.boothMember.phone);
    expect((await t.call('GET', `/api/units/${tree.units.booth1}/group-coverage`, { cookie: member })).status).toBe(200);
    expect((await t.call('GET', `/api/units/${tree.units.sambhal}/group-coverage`, { cookie: member })).status).toBe(404);
    const meerut = await t.login(tree.people.meerutConvener.phone);
    expect((await t.call('GET', `/api/units/${tree.units.sambhal}/group-coverage`, { cookie: meerut })).status).toBe(404);
  });
});
