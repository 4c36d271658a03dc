import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

/**
 * "Will you come?" is asked only of those an event invites, and only until it ends: refused on the server with a
 * stable code and nothing written, and not offered by the event's page (`canRsvp`).
 */
let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let sambhal: string; // Sambhal's district convener: runs the meetings, is not their audience
let member: string; // a member at booth 1: the audience

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
const hours = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();
let keys = 0;

/** A booth meeting at Sambhal from `from` to `to` hours from now. */
async function meeting(from: number, to: number): Promise<number> {
  const res = await read(
    await t.call('POST', '/api/events', {
      cookie: sambhal,
      body: {
        clientKey: `rsvp-${++keys}-${Date.now()}`,
        unitId: tree.units.sambhal,
        kind: 'meeting',
        titleHi: 'बूथ बैठक',
        startsAt: hours(from),
        endsAt: hours(to),
        audience: { levels: ['booth'] },
      },
    }),
  );
  expect(res.status).toBe(201);
  return res.body.id as number;
}
const rsvp = (cookie: string, id: number) => t.call('PUT', `/api/events/${id}/rsvp`, { cookie, body: { answer: 'yes' } });
const answers = () => t.database.db.selectFrom('event_rsvps').select(['event_id', 'person_id']).execute();

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  [sambhal, member] = await Promise.all([t.login(tree.people.sambhalConvener.phone), t.login(tree.people.boothMember.phone)]);
});
afterAll(() => t.stop());

describe(`RSVP on ${engine}`, () => {
  it('asks the invited while the event is ahead or on', async () => {
    for (const id of [await meeting(2, 4), await meeting(-1, 1)]) {
      expect((await read(await t.call('GET', `/api/events/${id}`, { cookie: member }))).body.canRsvp).toBe(true);
      const answered = await read(await rsvp(member, id));
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ myRsvp: 'yes', canRsvp: true });
    }
  });

  it('refuses an answer to an event already over (event_over), and its page does not offer one', async () => {
    const id = await meeting(-4, -2);
    const before = await answers();
    expect((await read(await t.call('GET', `/api/events/${id}`, { cookie: member }))).body.canRsvp).toBe(false);
    const refused = await read(await rsvp(member, id));
    expect([refused.status, refused.body.code]).toEqual([409, 'event_over']);
    expect(await answers()).toEqual(before);
  });

  it('refuses an answer from someone the event does not invite (not_invited), though they see and run it', async () => {
    const id = await meeting(2, 4);
    const before = await answers();
    const page = await read(await t.call('GET', `/api/events/${id}`, { cookie: sambhal }));
    expect(page.body).toMatchObject({ canManage: true, canRsvp: false });
    const refused = await read(await rsvp(sambhal, id));
    expect([refused.status, refused.body.code]).toEqual([403, 'not_invited']);
    expect(await answers()).toEqual(before);
  });

  it('refuses an answer to an event held at every shakti kendra itself: each place’s own event asks', async () => {
    const res = await read(
      await t.call('POST', '/api/events', {
        cookie: sambhal,
        body: {
          clientKey: `rsvp-fanned-${Date.now()}`,
          unitId: tree.units.sambhal,
          kind: 'meeting',
          titleHi: 'शक्ति केंद्र बैठक',
          startsAt: hours(2),
          endsAt: hours(4),
          holdAt: 'shakti_kendra',
          audience: { levels: ['shakti_kendra', 'booth'] },
        },
      }),
    );
    const parent = res.body.id as number;
    const [linked] = await t.database.db.selectFrom('events').select('id').where('parent_id', '=', parent).execute();
    expect((await read(await rsvp(sambhal, parent))).body.code).toBe('not_invited');
    expect((await rsvp(member, linked!.id)).status).toBe(200);
  });
});
