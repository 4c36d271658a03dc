import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
/** Sessions: the UP convener (people.manage, reveal, export), Sambhal's convener (outsider to Meerut), booth people. */
let state: string;
let sambhal: string;
let boothMember: string;
let boothConvener: string;
let otherMember: string;
let skInCharge: string;
let skInChargeId: number;
let meerut: string;

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  const db = t.database.db;
  await addPerson(db, { name: 'Mohan Lal', phone: '+919000000021', unitId: tree.units.booth1, role: 'member' });
  skInChargeId = await addPerson(db, { name: 'Kamla Devi', phone: '+919000000022', unitId: tree.units.sk, role: 'in_charge' });
  [state, sambhal, boothMember, boothConvener, otherMember, skInCharge, meerut] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login(tree.people.boothConvener.phone),
    t.login('9000000021'),
    t.login('9000000022'),
    t.login(tree.people.meerutConvener.phone),
  ]);
});
afterAll(() => t.stop());

const json = async (res: Response) => (await res.json()) as any;
const create = (cookie: string, unitId: number, body: Record<string, unknown>) => t.call('POST', `/api/units/${unitId}/groups`, { cookie, body });

describe(`WhatsApp groups: registry and permissions (${engine})`, () => {
  let groupId: number;

  it('registers a group at a booth for someone who manages people above it, with admins from their turf', async () => {
    const res = await create(state, tree.units.booth1, {
      name: 'बूथ 1 कार्यकर्ता',
      purpose: 'workers',
      inviteLink: 'https://chat.whatsapp.com/AbCdEfGhIj12345',
      memberCount: 42,
      adminIds: [tree.people.boothMember.id],
    });
    expect(res.status).toBe(201);
    const g = await json(res);
    groupId = g.id;
    expect(g).toMatchObject({
      unit: { id: tree.units.booth1, level: 'booth' },
      name: 'बूथ 1 कार्यकर्ता',
      purpose: 'workers',
      inviteLink: 'https://chat.whatsapp.com/AbCdEfGhIj12345',
      memberCount: 42,
      admins: [{ id: tree.people.boothMember.id, name: 'Sunita Devi' }],
      archived: false,
      canEdit: true,
    });
    expect(g.lastCheckedAt).not.toBeNull();
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'group.create').execute();
    expect(audit).toEqual([
      {
        actor_id: tree.people.stateConvener.id,
        details: { unitId: tree.units.booth1, purpose: 'workers', adminIds: [tree.people.boothMember.id], memberCount: 42 },
      },
    ]);
  });

  it('lets a booth convener register at their own booth (people.manage at the unit) but not a plain member', async () => {
    const ok = await create(boothConvener, tree.units.booth1, { name: 'Booth 1 public', purpose: 'public' });
    expect(ok.status).toBe(201);
    expect(await json(ok)).toMatchObject({ memberCount: null, lastCheckedAt: null, admins: [], canEdit: true });
    const refused = await create(boothMember, tree.units.booth1, { name: 'Mine', purpose: 'public' });
    expect(refused.status).toBe(403);
    expect((await json(refused)).code).toBe('forbidden');
  });

  it('refuses admins outside the turf (404), children (422) and bad invite links (400), changing nothing', async () => {
    const before = await t.database.db.selectFrom('whatsapp_groups').select('id').execute();
    const outside = await create(sambhal, tree.units.booth1, { name: 'X', purpose: 'public', adminIds: [tree.people.meerutConvener.id] });
    expect(outside.status).toBe(404);
    const child = await addPerson(t.database.db, { name: 'Chhotu', phone: '+919000000031', unitId: tree.units.booth1 });
    await t.database.db.updateTable('people').set({ age_band: 'under_18' }).where('id', '=', child).execute();
    const minor = await create(state, tree.units.booth1, { name: 'X', purpose: 'public', adminIds: [child] });
    expect(minor.status).toBe(422);
    expect((await json(minor)).code).toBe('child_not_allowed');
    const link = await create(state, tree.units.booth1, { name: 'X', purpose: 'public', inviteLink: 'https://evil.example/join' });
    expect(link.status).toBe(400);
    expect(await t.database.db.selectFrom('whatsapp_groups').select('id').execute()).toEqual(before);
  });

  it('shows a booth member their booth’s groups, and nothing of another district (404)', async () => {
    const res = await t.call('GET', `/api/units/${tree.units.booth1}/groups`, { cookie: boothMember });
    expect(res.status).toBe(200);
    const { items } = await json(res);
    expect(items.map((g: any) => [g.purpose, g.canEdit])).toEqual([
      ['workers', true], // an admin may edit
      ['public', false],
    ]);
    expect((await t.call('GET', `/api/units/${tree.units.booth2}/groups`, { cookie: boothMember })).status).toBe(404);
    expect((await t.call('GET', `/api/units/${tree.units.meerutBooth}/groups`, { cookie: sambhal })).status).toBe(404);
  });

  it('lets an admin report the member count (sets lastCheckedAt) but not change the admins', async () => {
    await t.database.db
      .updateTable('whatsapp_groups')
      .set({ last_checked_at: new Date('2020-01-01') })
      .where('id', '=', groupId)
      .execute();
    const res = await t.call('PATCH', `/api/groups/${groupId}`, { cookie: boothMember, body: { memberCount: 57 } });
    expect(res.status).toBe(200);
    const g = await json(res);
    expect(g.memberCount).toBe(57);
    expect(Date.now() - Date.parse(g.lastCheckedAt)).toBeLessThan(60_000);
    const admins = await t.call('PATCH', `/api/groups/${groupId}`, { cookie: boothMember, body: { adminIds: [] } });
    expect(admins.status).toBe(403);
    const other = await t.call('PATCH', `/api/groups/${groupId}`, { cookie: otherMember, body: { memberCount: 1 } });
    expect(other.status).toBe(403);
    const outsider = await t.call('PATCH', `/api/groups/${groupId}`, { cookie: meerut, body: { memberCount: 1 } });
    expect(outsider.status).toBe(404);
    expect((await t.call('GET', `/api/units/${tree.units.booth1}/groups`, { cookie: meerut })).status).toBe(404);
    expect((await t.call('PATCH', `/api/groups/${groupId}`, { cookie: state, body: {} })).status).toBe(400);
  });

  it('lets a manager change admins, rename, clear the link, archive and restore; every change audited', async () => {
    const res = await t.call('PATCH', `/api/groups/${groupId}`, {
      cookie: state,
      body: { adminIds: [tree.people.boothConvener.id, tree.people.boothMember.id], name: 'Booth 1 workers', inviteLink: null },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ name: 'Booth 1 workers', inviteLink: null, admins: [{ name: 'Ramesh Pal' }, { name: 'Sunita Devi' }] });
    const archived = await t.call('PATCH', `/api/groups/${groupId}`, { cookie: boothMember, body: { archived: true } });
    expect((await json(archived)).archived).toBe(true);
    const live = await json(await t.call('GET', `/api/units/${tree.units.booth1}/groups`, { cookie: state }));
    expect(live.items.map((g: any) => g.id)).not.toContain(groupId);
    const all = await json(await t.call('GET', `/api/units/${tree.units.booth1}/groups?includeArchived=true`, { cookie: state }));
    expect(all.items.at(-1)).toMatchObject({ id: groupId, archived: true });
    const restored = await t.call('PATCH', `/api/groups/${groupId}`, { cookie: state, body: { archived: false } });
    expect((await json(restored)).archived).toBe(false);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'group.update')
      .where('target_id', '=', String(groupId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.details.fields)).toEqual([['memberCount'], ['name', 'inviteLink', 'adminIds'], ['archived'], ['archived']]);
    expect(JSON.stringify(audit)).not.toMatch(/Ramesh|Sunita|Booth 1 workers/);
  });

  it('answers 404 for a group that does not exist', async () => {
    expect((await t.call('PATCH', '/api/groups/999999', { cookie: state, body: { name: 'x' } })).status).toBe(404);
    expect((await t.call('GET', '/api/groups/999999/roster', { cookie: state })).status).toBe(404);
  });

  it('lets an in-charge (people.reveal, no people.export) read a roster but not take its vCard', async () => {
    const group = await json(await create(skInCharge, tree.units.sk, { name: 'SK public', purpose: 'public' }));
    expect((await t.call('GET', `/api/groups/${group.id}/roster`, { cookie: skInCharge })).status).toBe(200);
    expect((await t.call('GET', `/api/groups/${group.id}/roster.vcf`, { cookie: skInCharge })).status).toBe(403);
    expect((await t.call('GET', `/api/groups/${group.id}/roster.vcf`, { cookie: state })).status).toBe(200);
    expect((await t.call('GET', `/api/groups/${group.id}/roster`, { cookie: boothMember })).status).toBe(404);
    expect(skInChargeId).toBeGreaterThan(0);
  });

  it('keeps the counters equal to a recount', async () => {
    const counters = async () =>
      (
        await sql<{ r: string }>`select string_agg(s::text, '|' order by unit_id) as r from unit_group_stats s where (s.shakti_kendras, s.booths_workers,
        s.booths_public, s.booths_both, s.kendras_workers, s.kendras_public, s.kendras_both, s.groups, s.members) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)`.execute(
          t.database.db,
        )
      ).rows[0]!.r;
    const kept = await counters();
    await sql`select setu_group_stats_recount()`.execute(t.database.db);
    expect(await counters()).toBe(kept);
  });
});
