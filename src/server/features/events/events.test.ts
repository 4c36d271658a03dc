import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';
import { createPiiCipher } from '../../platform/crypto.ts';
import { checkinKey, signCheckin } from './checkin-token.ts';
import { sendDueReminders } from './reminders.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string; // UP's convener
let sambhal: string; // Sambhal's district convener
let meerut: string; // Meerut's district convener
let member: string; // a member at booth 1 (under Bahjoi SK 1)
let skConvener: string; // Bahjoi SK 1's convener
let meerutSkConvener: string; // Lalkurti SK's convener
let skConvenerId: number;

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
const db = () => t.database.db;
let keys = 0;
const key = () => `event-key-${++keys}-${Date.now()}`;
/** A time h hours from now, to the minute (as people set them; iCalendar keeps seconds, not milliseconds). */
const hours = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();

const create = (cookie: string, body: Json) =>
  t.call('POST', '/api/events', {
    cookie,
    body: { clientKey: key(), kind: 'meeting', startsAt: hours(2), endsAt: hours(4), audience: { levels: ['shakti_kendra', 'booth'] }, ...body },
  });

beforeAll(async () => {
  t = await createTestSetu({ JITSI_BASE_URL: 'https://meet.example.org/' });
  tree = await buildSampleTree(t.database.db);
  skConvenerId = await addPerson(db(), { name: 'Kavita Singh', phone: '+919000000011', unitId: tree.units.sk, role: 'convener' });
  await addPerson(db(), { name: 'Vikas Tyagi', phone: '+919000000012', unitId: tree.units.meerutSk, role: 'convener' });
  [state, sambhal, meerut, member, skConvener, meerutSkConvener] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.meerutConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login('9000000011'),
    t.login('9000000012'),
  ]);
});
afterAll(() => t.stop());

describe(`events on ${engine}`, () => {
  it('holds a virtual meeting at every shakti kendra: one linked event each, with its own Jitsi room, once per client key', async () => {
    const clientKey = key();
    const body = {
      clientKey,
      unitId: tree.units.up,
      kind: 'virtual_meeting',
      titleHi: 'शक्ति केंद्र बैठक',
      titleEn: 'Shakti kendra meeting',
      holdAt: 'shakti_kendra',
      sessions: [{ title: 'App campaign', speaker: 'Anil Sharma' }],
      chair: 'Anil Sharma',
    };
    const first = await read(await create(state, body));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ children: 2, holdAt: 'shakti_kendra', sessions: [{ title: 'App campaign' }], canManage: true });
    const again = await read(await create(state, body));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    const linked = await db()
      .selectFrom('events')
      .select(['id', 'unit_id', 'video_url', 'title_hi'])
      .where('parent_id', '=', first.body.id)
      .orderBy('unit_id')
      .execute();
    expect(linked.map((e) => e.unit_id)).toEqual([tree.units.sk, tree.units.meerutSk]);
    for (const e of linked) expect(e.video_url).toMatch(new RegExp(`^https://meet\\.example\\.org/Setu-${first.body.id}-${e.unit_id}-[0-9a-f]{12}$`));
    expect(new Set(linked.map((e) => e.video_url)).size).toBe(2);
    // The invitation left through the outbox with the event.
    const outbox = await db().selectFrom('outbox').select('topic').where('dedupe_key', '=', `event.invited:${first.body.id}`).execute();
    expect(outbox).toEqual([{ topic: 'event.invited' }]);

    // A booth worker sees their own shakti kendra's meeting (not the parent, not Meerut's), with the parent's sessions.
    const mine = await read(await t.call('GET', '/api/events', { cookie: member }));
    const own = linked.find((e) => e.unit_id === tree.units.sk)!;
    expect(mine.body.items.map((i: Json) => i.id)).toContain(own.id);
    expect(mine.body.items.map((i: Json) => i.id)).not.toContain(first.body.id);
    expect(mine.body.items.map((i: Json) => i.id)).not.toContain(linked[1]!.id);
    const page = await read(await t.call('GET', `/api/events/${own.id}`, { cookie: member }));
    expect(page.body).toMatchObject({ parentId: first.body.id, titleHi: 'शक्ति केंद्र बैठक', sessions: [{ title: 'App campaign' }], canManage: false });
    expect((await t.call('GET', `/api/events/${linked[1]!.id}`, { cookie: member })).status).toBe(404);
    expect((await t.call('GET', `/api/events/${first.body.id}`, { cookie: member })).status).toBe(404);
  });

  it('keeps events to the turf: outside 404, without events.manage 403, audience levels above the held level 422', async () => {
    expect((await create(meerut, { unitId: tree.units.sambhal, titleHi: 'बैठक' })).status).toBe(404);
    expect((await create(member, { unitId: tree.units.booth1, titleHi: 'बैठक', audience: { levels: ['booth'] } })).status).toBe(403);
    const bad = await read(await create(sambhal, { unitId: tree.units.sambhal, titleHi: 'बैठक', holdAt: 'shakti_kendra', audience: { levels: ['mandal'] } }));
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('level_order');
    const sambhalOnly = await read(
      await create(sambhal, { unitId: tree.units.sambhal, titleHi: 'जिला कार्यशाला', kind: 'workshop', audience: { levels: ['district', 'booth'] } }),
    );
    expect(sambhalOnly.status).toBe(201);
    expect(sambhalOnly.body.videoUrl).toBeNull(); // a workshop is not virtual: no room unless asked
    expect((await t.call('GET', `/api/events/${sambhalOnly.body.id}`, { cookie: meerut })).status).toBe(404);
    // A member in the audience sees it but may not run it.
    expect((await t.call('GET', `/api/events/${sambhalOnly.body.id}`, { cookie: member })).status).toBe(200);
    expect((await t.call('GET', `/api/events/${sambhalOnly.body.id}/checkin-code`, { cookie: member })).status).toBe(403);
    expect((await t.call('GET', `/api/events/${sambhalOnly.body.id}/roll`, { cookie: member })).status).toBe(403);
    expect((await t.call('GET', `/api/events?view=unit&unitId=${tree.units.sambhal}`, { cookie: meerut })).status).toBe(404);
  });

  it('checks in by QR: a fresh code counts once, a replay changes nothing, an expired or forged code is refused', async () => {
    const sent = await read(
      await create(sambhal, {
        unitId: tree.units.sambhal,
        titleHi: 'प्रशिक्षण वर्ग',
        kind: 'training_camp',
        startsAt: hours(-1),
        audience: { levels: ['booth'] },
      }),
    );
    const id = sent.body.id as number;
    const code = await read(await t.call('GET', `/api/events/${id}/checkin-code`, { cookie: sambhal }));
    expect(code.status).toBe(200);
    expect(code.body.url).toBe(`http://127.0.0.1:3000/events/${id}/checkin#t=${code.body.token}`);
    // A forged Host header does not become the address people are sent to.
    const hostForged = await t.app.request(`/api/events/${id}/checkin-code`, { headers: { cookie: sambhal, host: 'evil.example' } });
    expect(((await hostForged.json()) as Json).url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/events\//);

    const checkin = (cookie: string, token: string, eventId = id) => t.call('POST', `/api/events/${eventId}/checkin`, { cookie, body: { token } });
    const first = await read(await checkin(member, code.body.token));
    expect(first.body).toEqual({ eventId: id, present: true, already: false, guest: false });
    const replay = await read(await checkin(member, code.body.token));
    expect(replay.body).toEqual({ eventId: id, present: true, already: true, guest: false });
    // A guest from another district with the fresh code is present too (the code proves they were in the room), as a guest.
    expect((await read(await checkin(meerut, code.body.token))).body).toMatchObject({ already: false, guest: true });

    const stale = signCheckin(checkinKey(createPiiCipher(TEST_SECRET), id), id, Date.now() - 10 * 60_000).token;
    const expired = await read(await checkin(member, stale));
    expect([expired.status, expired.body.code]).toEqual([422, 'checkin_expired']);
    const forged = `${code.body.token.split('.')[0]}.${Buffer.alloc(16, 1).toString('base64url')}`;
    expect((await read(await checkin(member, forged))).body.code).toBe('checkin_invalid');
    // Another event's code does not open this one.
    const other = await read(await create(sambhal, { unitId: tree.units.sambhal, titleHi: 'दूसरी बैठक', audience: { levels: ['booth'] } }));
    const otherCode = await read(await t.call('GET', `/api/events/${other.body.id}/checkin-code`, { cookie: sambhal }));
    expect((await read(await checkin(member, otherCode.body.token))).body.code).toBe('checkin_invalid');
    // Someone who cannot see the event learns nothing from a bad code.
    expect((await checkin(meerutSkConvener, forged)).status).toBe(404);

    const after = await read(await t.call('GET', `/api/events/${id}`, { cookie: sambhal }));
    expect(after.body).toMatchObject({ attendees: 2 });
    expect(after.body.heldAt).not.toBeNull();
    expect((await read(await t.call('GET', `/api/events/${id}`, { cookie: member }))).body.present).toBe(true);
  });

  it('takes an offline roll call once however often it syncs, refuses people not on the roll, and adds walk-ins by phone', async () => {
    const sent = await read(await create(sambhal, { unitId: tree.units.sambhal, titleHi: 'मंडल बैठक', holdAt: 'shakti_kendra' }));
    const linked = await db()
      .selectFrom('events')
      .select('id')
      .where('parent_id', '=', sent.body.id)
      .where('unit_id', '=', tree.units.sk)
      .executeTakeFirstOrThrow();
    const roll = await read(await t.call('GET', `/api/events/${linked.id}/roll`, { cookie: skConvener }));
    expect(roll.status).toBe(200);
    const names = roll.body.items.map((i: Json) => i.person.name).sort();
    expect(names).toEqual(['Kavita Singh', 'Ramesh Pal', 'Sunita Devi']);
    expect(roll.body.items.every((i: Json) => i.present === false)).toBe(true);
    expect(roll.body.items.find((i: Json) => i.person.name === 'Ramesh Pal')).toMatchObject({
      role: 'convener',
      department: null,
      unit: { id: tree.units.booth1 },
    });

    const at = new Date(Date.now() - 60_000).toISOString();
    const marks = {
      marks: [
        { personId: tree.people.boothMember.id, at },
        { personId: skConvenerId, at },
      ],
    };
    for (let sync = 0; sync < 2; sync++) {
      const synced = await read(await t.call('POST', `/api/events/${linked.id}/attendance`, { cookie: skConvener, body: marks }));
      expect(synced.status).toBe(200);
      expect(synced.body.attendees).toBe(2);
    }
    const marked = await db()
      .selectFrom('event_attendance')
      .select(['person_id', 'method', 'marked_at'])
      .where('event_id', '=', linked.id)
      .orderBy('person_id')
      .execute();
    expect(marked).toHaveLength(2);
    expect(marked.every((m) => m.method === 'roll_call' && m.marked_at.toISOString() === at)).toBe(true);

    // Meerut's convener is not on this roll: refused, and nobody else in that sync is marked either.
    const refused = await t.call('POST', `/api/events/${linked.id}/attendance`, {
      cookie: skConvener,
      body: { marks: [{ personId: tree.people.boothConvener.id }, { personId: tree.people.meerutConvener.id }] },
    });
    expect(refused.status).toBe(404);
    expect((await read(await t.call('GET', `/api/events/${linked.id}`, { cookie: skConvener }))).body.attendees).toBe(2);

    // A walk-in: added by phone, then found again by phone and name.
    const walkIn = await read(
      await t.call('POST', `/api/events/${linked.id}/walk-ins`, { cookie: skConvener, body: { phone: '98765 43210', name: 'Pooja Kumari' } }),
    );
    expect(walkIn.body).toMatchObject({ person: { name: 'Pooja Kumari' }, created: true });
    const again = await read(
      await t.call('POST', `/api/events/${linked.id}/walk-ins`, { cookie: skConvener, body: { phone: '+91 9876543210', name: 'pooja kumari' } }),
    );
    expect(again.body).toMatchObject({ person: { id: walkIn.body.person.id }, created: false });
    const person = await db().selectFrom('people').select(['home_unit_id', 'source']).where('id', '=', walkIn.body.person.id).executeTakeFirstOrThrow();
    expect(person).toEqual({ home_unit_id: tree.units.sk, source: 'capture' });
    expect((await read(await t.call('GET', `/api/events/${linked.id}`, { cookie: skConvener }))).body.attendees).toBe(3);
    // Attendance is on each person's record, for their leaders and for themselves; not for another district.
    const record = await read(await t.call('GET', `/api/people/${tree.people.boothMember.id}/events`, { cookie: sambhal }));
    expect(record.body.items.map((i: Json) => [i.event.id, i.method])).toContainEqual([linked.id, 'roll_call']);
    expect((await read(await t.call('GET', `/api/people/${tree.people.boothMember.id}/events`, { cookie: member }))).body.items.length).toBeGreaterThan(0);
    expect((await t.call('GET', `/api/people/${tree.people.boothMember.id}/events`, { cookie: meerut })).status).toBe(404);
    // Another shakti kendra's convener does not run this one.
    expect((await t.call('GET', `/api/events/${linked.id}/roll`, { cookie: meerutSkConvener })).status).toBe(404);
  });

  it('rolls a fanned-out event up the tree: held and attendance per child unit, the ones not held listed', async () => {
    const sent = await read(await create(state, { unitId: tree.units.up, titleHi: 'प्रदेश व्यापी बैठक', holdAt: 'shakti_kendra', startsAt: hours(-1) }));
    const id = sent.body.id as number;
    const [bahjoiSk, lalkurtiSk] = await db().selectFrom('events').select('id').where('parent_id', '=', id).orderBy('unit_id').execute();
    await t.call('POST', `/api/events/${bahjoiSk!.id}/attendance`, { cookie: skConvener, body: { marks: [{ personId: tree.people.boothMember.id }] } });
    await t.call('PUT', `/api/events/${bahjoiSk!.id}/record`, { cookie: skConvener, body: { minutes: 'बैठक में 12 लोग आए।' } });

    const up = await read(await t.call('GET', `/api/events/${id}/rollup`, { cookie: state }));
    expect(up.status).toBe(200);
    expect(up.body.totals).toEqual({ events: 2, held: 1, attendees: 1 });
    expect(up.body.children).toEqual([
      expect.objectContaining({ unit: expect.objectContaining({ id: tree.units.paschim }), events: 2, held: 1, attendees: 1 }),
    ]);
    expect(up.body.notHeld.map((e: Json) => e.id)).toEqual([lalkurtiSk!.id]);
    const district = await read(await t.call('GET', `/api/events/${id}/rollup?unitId=${tree.units.sambhal}`, { cookie: state }));
    expect(district.body.children).toEqual([expect.objectContaining({ unit: expect.objectContaining({ id: tree.units.chandausi }), held: 1 })]);
    // The state's event is outside Meerut's convener's turf: its roll-up answers 404 as the event does (they follow
    // their own district's linked events).
    expect((await t.call('GET', `/api/events/${id}`, { cookie: meerut })).status).toBe(404);
    for (const query of ['', `?unitId=${tree.units.meerut}`, `?unitId=${tree.units.sambhal}`])
      expect((await t.call('GET', `/api/events/${id}/rollup${query}`, { cookie: meerut })).status, query).toBe(404);
    // At the level above the kendras, each row opens that kendra's own event.
    const mandal = await read(await t.call('GET', `/api/events/${id}/rollup?unitId=${tree.units.bahjoi}`, { cookie: state }));
    expect(mandal.body.children).toEqual([expect.objectContaining({ unit: expect.objectContaining({ id: tree.units.sk }), eventId: bahjoiSk!.id, held: 1 })]);
    // The minutes and the photos are published up the tree; people were present, so it cannot be marked not held.
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const upload = await read(await t.call('POST', '/api/files?name=meeting.png', { cookie: skConvener, body: PNG, headers: { 'content-type': 'image/png' } }));
    expect(upload.status).toBe(201);
    const recorded = await read(await t.call('PUT', `/api/events/${bahjoiSk!.id}/record`, { cookie: skConvener, body: { photoFileIds: [upload.body.id] } }));
    expect(recorded.body.photos.map((p: Json) => p.id)).toEqual([upload.body.id]);
    const notHeld = await read(await t.call('PUT', `/api/events/${bahjoiSk!.id}/record`, { cookie: skConvener, body: { held: false } }));
    expect([notHeld.status, notHeld.body.code]).toEqual([400, 'validation']);
    const leader = await read(await t.call('GET', `/api/events/${bahjoiSk!.id}`, { cookie: state }));
    expect(leader.body).toMatchObject({ minutes: 'बैठक में 12 लोग आए।', photos: [{ id: upload.body.id }] });
    expect(leader.body.heldAt).not.toBeNull();
    expect((await t.call('GET', `/api/files/${upload.body.id}`, { cookie: state })).status).toBe(200);
    expect((await t.call('GET', `/api/files/${upload.body.id}`, { cookie: meerut })).status).toBe(404);
  });

  it('serves private iCalendar feeds that ical.js reads: a person’s own events and a unit’s; a stopped feed is gone', async () => {
    const sent = await read(
      await create(sambhal, {
        unitId: tree.units.sambhal,
        titleHi: 'जिला कार्यशाला',
        titleEn: 'District workshop',
        kind: 'workshop',
        venue: 'Town hall, Sambhal',
        audience: { levels: ['booth'] },
      }),
    );
    const feed = await read(await t.call('POST', '/api/calendar-feeds', { cookie: member, body: {} }));
    expect(feed.status).toBe(201);
    const path = new URL(feed.body.url).pathname;
    const res = await t.call('GET', `${path}?lang=en`);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const { id: installation } = await db().selectFrom('installation').select('id').executeTakeFirstOrThrow();
    const workshop = events.find((e) => e.uid === `event-${sent.body.id}.${installation}@setu`)!;
    expect(workshop.summary).toBe('District workshop (Workshop)');
    expect(workshop.location).toBe('Town hall, Sambhal');
    expect(workshop.startDate.toJSDate().toISOString()).toBe(sent.body.startsAt);
    expect(workshop.endDate.toJSDate().toISOString()).toBe(sent.body.endsAt);

    const unitFeed = await read(await t.call('POST', '/api/calendar-feeds', { cookie: sambhal, body: { unitId: tree.units.sambhal } }));
    const unitCal = new ICAL.Component(ICAL.parse(await (await t.call('GET', new URL(unitFeed.body.url).pathname)).text()));
    expect(unitCal.getFirstPropertyValue('x-wr-calname')).toBe('संभल');
    expect(unitCal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))).toContain(`event-${sent.body.id}.${installation}@setu`);
    expect((await t.call('POST', '/api/calendar-feeds', { cookie: meerut, body: { unitId: tree.units.sambhal } })).status).toBe(404);

    expect((await read(await t.call('GET', '/api/calendar-feeds', { cookie: member }))).body.items.map((f: Json) => f.url)).toEqual([feed.body.url]);
    expect((await t.call('DELETE', `/api/calendar-feeds/${feed.body.id}`, { cookie: member })).status).toBe(204);
    expect((await t.call('GET', path)).status).toBe(404);
    expect((await t.call('GET', '/api/calendar/not-a-real-token-at-all-x.ics')).status).toBe(404);
  });

  it('takes the record of an event only from its start: a camp five days away is not held, and nothing says it is', async () => {
    const camp = await read(
      await create(sambhal, { unitId: tree.units.sambhal, kind: 'training_camp', titleHi: 'प्रशिक्षण वर्ग', startsAt: hours(120), endsAt: hours(126) }),
    );
    expect(camp.status).toBe(201);
    const path = `/api/events/${camp.body.id}/record`;
    for (const body of [{ held: true }, { minutes: 'वर्ग में 40 लोग आए।' }, { held: true, minutes: 'x' }]) {
      const early = await read(await t.call('PUT', path, { cookie: sambhal, body }));
      expect([early.status, early.body.code], JSON.stringify(body)).toEqual([422, 'event_not_started']);
    }
    const row = await db().selectFrom('events').select(['held_at', 'minutes']).where('id', '=', camp.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ held_at: null, minutes: null });
    // Saying it was not held, before it starts, is harmless and taken.
    expect((await t.call('PUT', path, { cookie: sambhal, body: { held: false } })).status).toBe(200);
    // Marked held early all the same (people checking in half an hour before the start do that): every reader still
    // says not held until the start — the event's page, the lists, a fanned-out event's roll-up.
    await db().updateTable('events').set({ held_at: new Date() }).where('id', '=', camp.body.id).execute();
    expect((await read(await t.call('GET', `/api/events/${camp.body.id}`, { cookie: sambhal }))).body.heldAt).toBeNull();
    const listed = await read(await t.call('GET', `/api/events?view=unit&unitId=${tree.units.sambhal}&to=${hours(200)}`, { cookie: sambhal }));
    expect(listed.body.items.find((i: Json) => i.id === camp.body.id)).toMatchObject({ heldAt: null });
    const fanned = await read(
      await create(sambhal, { unitId: tree.units.sambhal, titleHi: 'बाद की बैठक', holdAt: 'shakti_kendra', startsAt: hours(120), endsAt: hours(121) }),
    );
    await db().updateTable('events').set({ held_at: new Date() }).where('parent_id', '=', fanned.body.id).execute();
    expect((await read(await t.call('GET', `/api/events/${fanned.body.id}/rollup`, { cookie: sambhal }))).body.totals).toMatchObject({ held: 0 });
  });

  it('answers RSVPs, reminds the audience once before the start, and cancels with the linked events', async () => {
    const sent = await read(
      await create(sambhal, { unitId: tree.units.sambhal, titleHi: 'सम्मेलन', kind: 'conference', holdAt: 'shakti_kendra', remindAt: hours(-1) }),
    );
    const [linked] = await db().selectFrom('events').select('id').where('parent_id', '=', sent.body.id).execute();
    const rsvp = await read(await t.call('PUT', `/api/events/${linked!.id}/rsvp`, { cookie: member, body: { answer: 'yes' } }));
    expect(rsvp.body).toMatchObject({ myRsvp: 'yes', rsvps: { yes: 1, no: 0, maybe: 0 } });
    expect((await read(await t.call('PUT', `/api/events/${linked!.id}/rsvp`, { cookie: member, body: { answer: 'no' } }))).body.rsvps).toEqual({
      yes: 0,
      no: 1,
      maybe: 0,
    });

    expect(await sendDueReminders({ db: db() })).toBeGreaterThanOrEqual(1);
    expect(await sendDueReminders({ db: db() })).toBe(0);
    const reminders = await db().selectFrom('outbox').select('id').where('dedupe_key', 'like', `event.reminder:${sent.body.id}:%`).execute();
    expect(reminders).toHaveLength(1);

    expect((await t.call('POST', `/api/events/${sent.body.id}/cancel`, { cookie: meerut })).status).toBe(404);
    expect((await t.call('POST', `/api/events/${linked!.id}/cancel`, { cookie: member })).status).toBe(403);
    const cancelled = await read(await t.call('POST', `/api/events/${sent.body.id}/cancel`, { cookie: sambhal }));
    expect(cancelled.body.cancelled).toBe(true);
    const linkedAfter = await read(await t.call('GET', `/api/events/${linked!.id}`, { cookie: skConvener }));
    expect(linkedAfter.body.cancelled).toBe(true);
    // Still in the invitee's list, marked, so nobody goes to a meeting that was called off.
    const mine = await read(await t.call('GET', '/api/events', { cookie: member }));
    expect(mine.body.items.find((i: Json) => i.id === linked!.id)).toMatchObject({ cancelled: true });
    const late = await read(
      await t.call('POST', `/api/events/${linked!.id}/attendance`, { cookie: skConvener, body: { marks: [{ personId: skConvenerId }] } }),
    );
    expect([late.status, late.body.code]).toEqual([409, 'event_cancelled']);
  });
});
