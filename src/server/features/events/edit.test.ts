import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';
import { sendDueReminders } from './reminders.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let sambhal: string; // Sambhal's district convener
let meerut: string; // Meerut's district convener
let member: string; // a member at booth 1
let skConvener: string; // Bahjoi SK 1's convener

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
const db = () => t.database.db;
let keys = 0;
const hours = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();
const patch = (cookie: string, id: number, body: Json) => t.call('PATCH', `/api/events/${id}`, { cookie, body });

async function create(body: Json): Promise<Json> {
  const res = await read(
    await t.call('POST', '/api/events', {
      cookie: sambhal,
      body: {
        clientKey: `edit-${++keys}-${Date.now()}`,
        unitId: tree.units.sambhal,
        kind: 'training_camp',
        titleHi: 'प्रशिक्षण वर्ग',
        startsAt: hours(72),
        endsAt: hours(100),
        audience: { levels: ['shakti_kendra', 'booth'] },
        ...body,
      },
    }),
  );
  expect(res.status).toBe(201);
  return res.body;
}
const row = (id: number) => db().selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const audits = (id: number) =>
  db().selectFrom('audit_log').select('details').where('action', '=', 'event.update').where('target_id', '=', String(id)).execute();

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  await addPerson(db(), { name: 'Kavita Singh', phone: '+919000000011', unitId: tree.units.sk, role: 'convener' });
  [sambhal, meerut, member, skConvener] = await Promise.all([
    t.login(tree.people.sambhalConvener.phone),
    t.login(tree.people.meerutConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login('9000000011'),
  ]);
});
afterAll(() => t.stop());

describe(`editing events on ${engine}`, () => {
  it('changes the titles, description and programme (sessions with an end), audited, and stamps updated_at', async () => {
    const camp = await create({ sessions: [{ title: 'Old session' }] });
    const before = await row(camp.id);
    const day2 = hours(96);
    const res = await read(
      await patch(sambhal, camp.id, {
        titleEn: 'District training camp',
        description: 'Two days: the app, then social media.',
        sessions: [
          { title: 'The app', speaker: 'Anil Sharma', startsAt: hours(72), endsAt: hours(74) },
          { title: 'Social media', startsAt: day2, endsAt: hours(98) },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      titleHi: 'प्रशिक्षण वर्ग',
      titleEn: 'District training camp',
      description: 'Two days: the app, then social media.',
      sessions: [
        { title: 'The app', speaker: 'Anil Sharma', endsAt: hours(74) },
        { title: 'Social media', speaker: null, startsAt: day2, endsAt: hours(98) },
      ],
    });
    const after = await row(camp.id);
    expect(after.updated_at).not.toBeNull();
    expect(after.revision).toBe(before.revision + 1);
    // The record names the fields and counts, never the words.
    const [audit] = await audits(camp.id);
    expect(audit!.details).toMatchObject({ fields: ['titleEn', 'description', 'sessions'], sessions: 2 });
    expect(JSON.stringify(audit!.details)).not.toContain('social media');
  });

  it('refuses a session that ends before it starts, no title left, or an end before the start, changing nothing', async () => {
    const camp = await create({ sessions: [{ title: 'Kept' }] });
    const backwards = await read(await patch(sambhal, camp.id, { sessions: [{ title: 'Bad', startsAt: hours(80), endsAt: hours(79) }] }));
    expect([backwards.status, backwards.body.code]).toEqual([400, 'validation']);
    const untitled = await read(await patch(sambhal, camp.id, { titleHi: null }));
    expect([untitled.status, untitled.body.code, untitled.body.issues[0].path]).toEqual([400, 'validation', 'titleHi']);
    expect((await read(await patch(sambhal, camp.id, { endsAt: hours(1) }))).status).toBe(400);
    const after = await read(await t.call('GET', `/api/events/${camp.id}`, { cookie: sambhal }));
    expect(after.body).toMatchObject({ titleHi: 'प्रशिक्षण वर्ग', sessions: [{ title: 'Kept' }], endsAt: hours(100) });
    expect(await audits(camp.id)).toHaveLength(0);
  });

  it('lets only those who run it edit: another district 404, a member 403, a cancelled event 409', async () => {
    const camp = await create({});
    expect((await patch(meerut, camp.id, { titleEn: 'Mine now' })).status).toBe(404);
    expect((await patch(member, camp.id, { titleEn: 'Mine now' })).status).toBe(403);
    expect((await t.call('POST', `/api/events/${camp.id}/cancel`, { cookie: sambhal })).status).toBe(200);
    const late = await read(await patch(sambhal, camp.id, { titleEn: 'Too late' }));
    expect([late.status, late.body.code]).toEqual([409, 'event_cancelled']);
    expect((await row(camp.id)).title_en).toBeNull();
  });

  it('moves the reminder with a new time and tells the audience, as the invitation did', async () => {
    const plain = await create({ startsAt: hours(30), endsAt: hours(32) });
    expect((await row(plain.id)).remind_at?.toISOString()).toBe(hours(6)); // a day before, by default
    // Reminded 31 hours before the start, and it went; then the camp moves a week on: reminded 31 hours before again.
    const camp = await create({ startsAt: hours(30), endsAt: hours(32), remindAt: hours(-1) });
    expect(await sendDueReminders({ db: db() })).toBe(1);
    const moved = await patch(sambhal, camp.id, { startsAt: hours(198), endsAt: hours(200) });
    expect(moved.status).toBe(200);
    const after = await row(camp.id);
    expect(after.reminded_at).toBeNull();
    expect(after.remind_at?.toISOString()).toBe(hours(167));
    const notices = await db().selectFrom('outbox').select(['topic', 'payload']).where('dedupe_key', 'like', `event.changed:${camp.id}:%`).execute();
    expect(notices).toHaveLength(1);
    // A change of words alone is not announced.
    expect((await patch(sambhal, camp.id, { titleEn: 'Camp' })).status).toBe(200);
    expect(await db().selectFrom('outbox').select('id').where('dedupe_key', 'like', `event.changed:${camp.id}:%`).execute()).toHaveLength(1);
    // Due again at its new time, the reminder is sent again (a key of its own).
    await db()
      .updateTable('events')
      .set({ remind_at: new Date(Date.now() - 1000) })
      .where('id', '=', camp.id)
      .execute();
    expect(await sendDueReminders({ db: db() })).toBe(1);
    expect(await db().selectFrom('outbox').select('id').where('dedupe_key', 'like', `event.reminder:${camp.id}:%`).execute()).toHaveLength(2);
  });

  it('carries a fanned-out event’s new titles and times to its linked events, but a linked event keeps its own words', async () => {
    const meeting = await create({ kind: 'meeting', holdAt: 'shakti_kendra', startsAt: hours(48), endsAt: hours(50), sessions: [{ title: 'Agenda' }] });
    const [linked] = await db().selectFrom('events').select('id').where('parent_id', '=', meeting.id).execute();
    const words = await read(await patch(skConvener, linked!.id, { titleEn: 'Our own', sessions: [] }));
    expect([words.status, words.body.code]).toEqual([400, 'validation']);
    expect(words.body.issues.map((i: Json) => i.path)).toEqual(['titleEn', 'sessions']);
    // Its own unit sets its venue and, here, its time.
    expect((await patch(skConvener, linked!.id, { venue: 'Panchayat Bhawan' })).status).toBe(200);

    const res = await read(await patch(sambhal, meeting.id, { titleEn: 'SK meeting', startsAt: hours(52), endsAt: hours(54) }));
    expect(res.status).toBe(200);
    const page = await read(await t.call('GET', `/api/events/${linked!.id}`, { cookie: skConvener }));
    expect(page.body).toMatchObject({
      titleEn: 'SK meeting',
      startsAt: hours(52),
      endsAt: hours(54),
      venue: 'Panchayat Bhawan',
      sessions: [{ title: 'Agenda' }],
    });
    const [audit] = await audits(meeting.id);
    expect(audit!.details).toMatchObject({ linked: 1 });

    // Moved on its own, a linked event stays where its unit put it when the parent moves again.
    expect((await patch(skConvener, linked!.id, { startsAt: hours(60), endsAt: hours(61) })).status).toBe(200);
    expect((await patch(sambhal, meeting.id, { startsAt: hours(70), endsAt: hours(72) })).status).toBe(200);
    expect((await row(linked!.id)).starts_at.toISOString()).toBe(hours(60));
  });
});
