import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

/**
 * The QR code as a pass: a valid code checks in anyone signed in, from anywhere. Someone outside the event's audience
 * and turf is counted as a guest (the organiser sees it) and still reads nothing of the event; nobody checks in long
 * before the start; and an event is not held before it starts, however early people checked in.
 */
let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string; // UP's convener
let sambhal: string; // Sambhal's district convener, who runs the events
let member: string; // a member at booth 1 of Sambhal: in the audience
let outsider: string; // a member at Meerut's booth: another district
let outsiderId: number;

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
let keys = 0;
const minutes = (m: number) => new Date(Math.floor((Date.now() + m * 60_000) / 60_000) * 60_000).toISOString();
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const create = async (body: Json) => {
  const res = await read(
    await t.call('POST', '/api/events', {
      cookie: sambhal,
      body: {
        clientKey: `guest-${++keys}-${Date.now()}`,
        unitId: tree.units.sambhal,
        kind: 'meeting',
        titleHi: 'बैठक',
        audience: { levels: ['booth'] },
        ...body,
      },
    }),
  );
  expect(res.status).toBe(201);
  return res.body.id as number;
};
const codeOf = async (id: number, cookie = sambhal) => (await read(await t.call('GET', `/api/events/${id}/checkin-code`, { cookie }))).body.token as string;
const checkin = (cookie: string, id: number, token: string) => t.call('POST', `/api/events/${id}/checkin`, { cookie, body: { token } });
const attendance = (id: number) =>
  t.database.db.selectFrom('event_attendance').select(['person_id', 'guest']).where('event_id', '=', id).orderBy('person_id').execute();

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  outsiderId = await addPerson(t.database.db, { name: 'Salma Khan', phone: '+919000000021', unitId: tree.units.meerutBooth, role: 'member' });
  [state, sambhal, member, outsider] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login('9000000021'),
  ]);
});
afterAll(() => t.stop());

describe(`check-in by QR on ${engine}`, () => {
  it('counts an outsider with a valid code as a guest, shown to the organiser, who still gets 404 on the event, its minutes and photos', async () => {
    const id = await create({ startsAt: minutes(-10), endsAt: minutes(60) });
    // The record: minutes and a photo, which only those who may see the event read.
    const upload = await read(await t.call('POST', '/api/files?name=meeting.png', { cookie: sambhal, body: PNG, headers: { 'content-type': 'image/png' } }));
    expect(upload.status).toBe(201);
    const photo = upload.body.id as number;
    const recorded = await t.call('PUT', `/api/events/${id}/record`, { cookie: sambhal, body: { minutes: 'बैठक में 12 लोग आए।', photoFileIds: [photo] } });
    expect(recorded.status).toBe(200);
    expect((await t.call('GET', `/api/events/${id}`, { cookie: outsider })).status).toBe(404);

    const token = await codeOf(id);
    const guest = await read(await checkin(outsider, id, token));
    expect([guest.status, guest.body]).toEqual([200, { eventId: id, present: true, already: false, guest: true }]);
    const invited = await read(await checkin(member, id, token));
    expect(invited.body).toEqual({ eventId: id, present: true, already: false, guest: false });
    expect(await attendance(id)).toEqual(
      [
        { person_id: tree.people.boothMember.id, guest: false },
        { person_id: outsiderId, guest: true },
      ].sort((a, b) => a.person_id - b.person_id),
    );

    // The guest reads nothing: not the event (with its minutes), not its photo, not their own attendance of it.
    expect((await t.call('GET', `/api/events/${id}`, { cookie: outsider })).status).toBe(404);
    expect((await t.call('GET', `/api/files/${photo}`, { cookie: outsider })).status).toBe(404);
    expect((await t.call('POST', `/api/events/${id}/rsvp`, { cookie: outsider, body: { answer: 'yes' } })).status).toBe(404);
    const own = await read(await t.call('GET', `/api/people/${outsiderId}/events`, { cookie: outsider }));
    expect(own.body.items).toEqual([]);
    // A stale code from a guest is not found, as for any outsider.
    expect((await checkin(outsider, id, `${token.split('.')[0]}.${Buffer.alloc(16, 1).toString('base64url')}`)).status).toBe(404);
    // The audience still reads it; the organiser sees the guest on the roll, marked.
    expect((await read(await t.call('GET', `/api/events/${id}`, { cookie: member }))).body).toMatchObject({ minutes: 'बैठक में 12 लोग आए।', present: true });
    const roll = await read(await t.call('GET', `/api/events/${id}/roll`, { cookie: sambhal }));
    expect(roll.body.attendees).toBe(2);
    const line = (personId: number) => roll.body.items.find((i: Json) => i.person.id === personId);
    expect(line(outsiderId)).toMatchObject({ present: true, method: 'qr', guest: true });
    expect(line(tree.people.boothMember.id)).toMatchObject({ present: true, guest: false });
    // UP's convener, whose turf holds both the guest and the event, sees the guest's attendance.
    const leader = await read(await t.call('GET', `/api/people/${outsiderId}/events`, { cookie: state }));
    expect(leader.body.items.map((i: Json) => i.event.id)).toEqual([id]);
  });

  it('keeps a guest of a linked event out of it, its parent and the parent’s roll-up', async () => {
    const parent = await create({ holdAt: 'shakti_kendra', audience: { levels: ['shakti_kendra', 'booth'] }, startsAt: minutes(-5), endsAt: minutes(60) });
    const linked = await t.database.db.selectFrom('events').select('id').where('parent_id', '=', parent).executeTakeFirstOrThrow();
    const guest = await read(await checkin(outsider, linked.id, await codeOf(linked.id)));
    expect(guest.body.guest).toBe(true);
    expect((await t.call('GET', `/api/events/${linked.id}`, { cookie: outsider })).status).toBe(404);
    expect((await t.call('GET', `/api/events/${parent}`, { cookie: outsider })).status).toBe(404);
    expect((await t.call('GET', `/api/events/${parent}/rollup`, { cookie: outsider })).status).toBe(404);
  });

  it('refuses a valid code long before the start with checkin_too_early, and marks nobody', async () => {
    const id = await create({ startsAt: minutes(120), endsAt: minutes(180) });
    const token = await codeOf(id);
    for (const cookie of [member, outsider]) {
      const early = await read(await checkin(cookie, id, token));
      expect([early.status, early.body.code]).toEqual([422, 'checkin_too_early']);
    }
    expect(await attendance(id)).toEqual([]);
    expect((await read(await t.call('GET', `/api/events/${id}`, { cookie: sambhal }))).body).toMatchObject({ attendees: 0, heldAt: null });
  });

  it('takes check-ins half an hour before the start, but the event is held only once it has started', async () => {
    const parent = await create({ holdAt: 'shakti_kendra', audience: { levels: ['shakti_kendra', 'booth'] }, startsAt: minutes(20), endsAt: minutes(90) });
    const linked = await t.database.db.selectFrom('events').select('id').where('parent_id', '=', parent).executeTakeFirstOrThrow();
    const early = await read(await checkin(member, linked.id, await codeOf(linked.id)));
    expect([early.status, early.body.guest]).toEqual([200, false]);
    // The organiser's roll call before the start, and a "held" ticked early, do not make it held either.
    await t.call('PUT', `/api/events/${linked.id}/record`, { cookie: sambhal, body: { held: true } });
    const before = await read(await t.call('GET', `/api/events/${linked.id}`, { cookie: sambhal }));
    expect(before.body).toMatchObject({ attendees: 1, heldAt: null });
    const rollup = await read(await t.call('GET', `/api/events/${parent}/rollup`, { cookie: sambhal }));
    expect(rollup.body.totals).toEqual({ events: 1, held: 0, attendees: 1 });
    expect(rollup.body.notHeld.map((e: Json) => e.id)).toEqual([linked.id]);

    // Once it has started (moved to a minute ago here), the early attendance makes it held, never before its start.
    const startsAt = minutes(-1);
    await t.database.db.updateTable('events').set({ starts_at: startsAt }).where('id', 'in', [parent, linked.id]).execute();
    const after = await read(await t.call('GET', `/api/events/${linked.id}`, { cookie: sambhal }));
    expect(Date.parse(after.body.heldAt)).toBeGreaterThanOrEqual(Date.parse(startsAt));
    expect((await read(await t.call('GET', `/api/events/${parent}/rollup`, { cookie: sambhal }))).body.totals).toEqual({ events: 1, held: 1, attendees: 1 });
  });
});
