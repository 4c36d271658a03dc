import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let district: string; // Sambhal district convener (IT)
let state: string; // UP state convener (IT)
let member: string; // a booth member: turf, no permissions

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  district = await t.login(tree.people.sambhalConvener.phone);
  state = await t.login(tree.people.stateConvener.phone);
  member = await t.login(tree.people.boothMember.phone);
});
afterAll(() => t.stop());

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const appoint = (cookie: string, unitId: number, body: unknown) => t.call('POST', `/api/units/${unitId}/positions`, { cookie, body }).then(json);
const people = () => t.database.db.selectFrom('people').selectAll().orderBy('id').execute();
const audit = (action: string) => t.database.db.selectFrom('audit_log').select(['actor_id', 'target_id', 'details']).where('action', '=', action).execute();

describe(`positions on ${engine}`, () => {
  it('appoints a new person by name and phone: phone stored encrypted, home at the unit, audited', async () => {
    const before = (await people()).length;
    const { status, body } = await appoint(district, tree.units.bahjoi, {
      role: 'convener',
      department: 'it',
      person: { name: 'Mohit Varshney', phone: '098370-12345' },
    });
    expect(status).toBe(201);
    expect(body).toEqual({ positionId: expect.any(Number), personId: expect.any(Number), name: 'Mohit Varshney', role: 'convener', department: 'it' });
    const added = (await people()).at(-1)!;
    expect((await people()).length).toBe(before + 1);
    expect(added).toMatchObject({ id: body.personId, home_unit_id: tree.units.bahjoi });
    expect(Buffer.from(added.phone_enc!).toString('latin1')).not.toContain('9837012345');
    const unit = await json(await t.call('GET', `/api/units/${tree.units.bahjoi}`, { cookie: district }));
    expect(unit.body.officeBearers).toContainEqual({ ...body });
    expect(await audit('position.create')).toContainEqual(
      expect.objectContaining({ actor_id: tree.people.sambhalConvener.id, target_id: String(body.positionId) }),
    );
    // The appointed person can now sign in, and sees the mandal as their turf.
    const cookie = await t.login('+919837012345');
    const me = await json(await t.call('GET', '/api/me', { cookie }));
    expect(me.body.turfRoots.map((u: { id: number }) => u.id)).toEqual([tree.units.bahjoi]);
  });

  it('finds the same person again by the same phone and name, however typed, and never by phone alone', async () => {
    const first = await appoint(district, tree.units.sk, { role: 'convener', person: { name: 'Seema Rani', phone: '+91 99887 66554' } });
    const again = await appoint(district, tree.units.booth2, { role: 'convener', person: { name: '  seema   RANI ', phone: '919988766554' } });
    expect(again.status).toBe(201);
    expect(again.body.personId).toBe(first.body.personId);
    expect(again.body.name).toBe('Seema Rani');
    // Same phone, another name: a household phone; another person.
    const other = await appoint(district, tree.units.booth2, { role: 'member', person: { name: 'Geeta Rani', phone: '9988766554' } });
    expect(other.status).toBe(201);
    expect(other.body.personId).not.toBe(first.body.personId);
  });

  it('answers the same way for a phone known only outside the turf', async () => {
    // Imran Ansari is Meerut's convener, outside this caller's turf: the answer is a new person, like any unknown phone.
    const res = await appoint(district, tree.units.booth2, { role: 'member', person: { name: 'Someone Else', phone: '9000000003' } });
    expect(res.status).toBe(201);
    expect(res.body.personId).not.toBe(tree.people.meerutConvener.id);
    expect(Object.keys(res.body).sort()).toEqual(['department', 'name', 'personId', 'positionId', 'role']);
  });

  it('appoints someone already in the turf by id, but not someone outside it', async () => {
    const ok = await appoint(district, tree.units.sk, { role: 'member', department: 'social_media', person: { id: tree.people.boothMember.id } });
    expect(ok).toMatchObject({ status: 201, body: { personId: tree.people.boothMember.id, name: 'Sunita Devi', role: 'member' } });
    const outside = await appoint(district, tree.units.sk, { role: 'member', person: { id: tree.people.meerutConvener.id } });
    expect(outside).toMatchObject({ status: 404, body: { code: 'not_found', message: 'person not found' } });
    const missing = await appoint(district, tree.units.sk, { role: 'member', person: { id: 999_999 } });
    expect(missing).toMatchObject({ status: 404, body: { message: 'person not found' } });
  });

  it('refuses the same live position twice with position_exists, changing nothing', async () => {
    const body = { role: 'convener', department: 'it', person: { name: 'Mohit Varshney', phone: '9837012345' } };
    const before = await t.database.db.selectFrom('positions').select('id').execute();
    const twice = await appoint(district, tree.units.bahjoi, body);
    expect(twice).toMatchObject({ status: 409, body: { code: 'position_exists' } });
    expect(await t.database.db.selectFrom('positions').select('id').execute()).toEqual(before);
  });

  it('checks the unit, the role, the department and the phone', async () => {
    const person = { name: 'Test Person', phone: '9123456780' };
    expect(await appoint(district, tree.units.sambhal, { role: 'convener', person })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await appoint(member, tree.units.booth1, { role: 'member', person })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await appoint(district, tree.units.meerutMandal, { role: 'member', person })).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await appoint(district, tree.units.sk, { role: 'president', person })).toMatchObject({ status: 422, body: { code: 'unknown_role' } });
    expect(await appoint(district, tree.units.sk, { role: 'member', department: 'youth', person })).toMatchObject({
      status: 422,
      body: { code: 'unknown_department' },
    });
    const badPhone = await appoint(district, tree.units.sk, { role: 'member', person: { name: 'X', phone: '12345' } });
    expect(badPhone).toMatchObject({ status: 400, body: { code: 'validation' } });
    expect(badPhone.body.issues[0].path).toBe('person.phone');
    const both = await appoint(district, tree.units.sk, { role: 'member', person: { id: 1, name: 'X', phone: '9123456780' } });
    expect(both).toMatchObject({ status: 400, body: { issues: [{ path: 'person.id' }] } });
    const noPhone = await appoint(district, tree.units.sk, { role: 'member', person: { name: 'X' } });
    expect(noPhone).toMatchObject({ status: 400, body: { issues: [{ path: 'person.phone' }] } });
  });

  it('ends a position: gone from the office-bearers, audited, and only once', async () => {
    const made = await appoint(district, tree.units.sk, { role: 'in_charge', department: 'it', person: { name: 'Vikas Gupta', phone: '9012345678' } });
    const ended = await json(await t.call('DELETE', `/api/positions/${made.body.positionId}`, { cookie: district }));
    expect(ended).toMatchObject({ status: 200, body: { positionId: made.body.positionId, unitId: tree.units.sk, name: 'Vikas Gupta', role: 'in_charge' } });
    expect(new Date(ended.body.endedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const unit = await json(await t.call('GET', `/api/units/${tree.units.sk}`, { cookie: district }));
    expect(unit.body.officeBearers.map((b: { positionId: number }) => b.positionId)).not.toContain(made.body.positionId);
    expect((await audit('position.end')).map((a) => a.target_id)).toContain(String(made.body.positionId));
    const again = await json(await t.call('DELETE', `/api/positions/${made.body.positionId}`, { cookie: district }));
    expect(again).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });

  it('lets only those above end a position, and hides positions outside the turf', async () => {
    const own = await t.database.db.selectFrom('positions').select('id').where('person_id', '=', tree.people.sambhalConvener.id).executeTakeFirstOrThrow();
    expect((await t.call('DELETE', `/api/positions/${own.id}`, { cookie: district })).status).toBe(403);
    const meerut = await t.database.db.selectFrom('positions').select('id').where('person_id', '=', tree.people.meerutConvener.id).executeTakeFirstOrThrow();
    expect(await json(await t.call('DELETE', `/api/positions/${meerut.id}`, { cookie: district }))).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect((await t.call('DELETE', '/api/positions/999999', { cookie: district })).status).toBe(404);
    // The state convener is above the district: they may end it, and the district convener's turf is gone with it.
    expect((await t.call('DELETE', `/api/positions/${own.id}`, { cookie: state })).status).toBe(200);
    expect((await t.call('GET', `/api/units/${tree.units.sambhal}`, { cookie: district })).status).toBe(404);
  });
});
