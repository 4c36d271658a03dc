import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

/**
 * A district workshop's roll as a real one is: 300 booth workers, read a page at a time with no cut, searched by name
 * in Hindi or English, narrowed by unit, marked many at once; and those present who have no phone, added by name one
 * at a time or as a pasted list that adds nobody the roll already has.
 */
let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let sambhal: string; // Sambhal's district convener, who runs the workshop
let workshop: number;

type Json = Record<string, any>;
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
const db = () => t.database.db;
const hours = (h: number) => new Date(Math.floor((Date.now() + h * 3_600_000) / 60_000) * 60_000).toISOString();
const roll = async (query = '') => read(await t.call('GET', `/api/events/${workshop}/roll${query}`, { cookie: sambhal }));
const walkIn = (body: Json) => t.call('POST', `/api/events/${workshop}/walk-ins`, { cookie: sambhal, body });
const pasted = (names: string[]) => t.call('POST', `/api/events/${workshop}/walk-ins/names`, { cookie: sambhal, body: { names } });
const peopleCount = async () =>
  (
    await db()
      .selectFrom('people')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const snapshot = async () =>
  JSON.stringify([
    await db().selectFrom('people').select(['id', 'name']).orderBy('id').execute(),
    await db().selectFrom('event_attendance').select(['person_id', 'method']).orderBy('person_id').execute(),
    await db().selectFrom('events').select(['attendees']).where('id', '=', workshop).execute(),
  ]);

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  sambhal = await t.login(tree.people.sambhalConvener.phone);
  // 150 workers at each of the two booths (member of booth), in one statement each: a roll of 300 besides the sample's own.
  for (const [booth, prefix] of [
    [tree.units.booth1, 'Karyakarta A'],
    [tree.units.booth2, 'Karyakarta B'],
  ] as const) {
    await sql`
      with made as (
        insert into people (name, home_unit_id) select ${prefix} || ' ' || lpad(n::text, 3, '0'), ${booth} from generate_series(1, 150) n returning id
      )
      insert into positions (person_id, unit_id, role) select id, ${booth}, 'member' from made`.execute(db());
  }
  await addPerson(db(), { name: 'रमेश कुमार', phone: '+919000000041', unitId: tree.units.booth2, role: 'member' });
  // Two on the roll with one name: a name alone cannot tell them apart.
  await addPerson(db(), { name: 'Suresh Yadav', phone: '+919000000042', unitId: tree.units.booth1, role: 'member' });
  await addPerson(db(), { name: 'Suresh Yadav', phone: '+919000000043', unitId: tree.units.booth2, role: 'member' });
  const created = await read(
    await t.call('POST', '/api/events', {
      cookie: sambhal,
      body: {
        clientKey: `roll-${Date.now()}`,
        unitId: tree.units.sambhal,
        kind: 'workshop',
        titleHi: 'जिला कार्यशाला',
        startsAt: hours(-1),
        endsAt: hours(3),
        audience: { levels: ['booth'] },
      },
    }),
  );
  expect(created.status).toBe(201);
  workshop = created.body.id;
});
afterAll(() => t.stop());

describe(`a workshop's roll on ${engine}`, () => {
  it('reads a roll of 300+ a page at a time, to the last one, with no cut', async () => {
    const seen: number[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page = await roll(`?offset=${offset}&limit=100`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(305); // 300, Ramesh Kumar, two Suresh Yadavs, and the sample's member and convener
      seen.push(...page.body.items.map((i: Json) => i.person.id));
      offset = page.body.nextOffset;
      pages++;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(305);
    // Each booth is a group of the unit filter (the level below the district, here the assembly), with who is present.
    const first = await roll();
    expect(first.body.items).toHaveLength(100);
    expect(first.body.groups).toEqual([{ unit: expect.objectContaining({ id: tree.units.chandausi }), people: 305, present: 0 }]);
  });

  it('finds names in either script, a typo allowed, and narrows to a unit', async () => {
    const hindi = await roll(`?q=${encodeURIComponent('ramesh')}`);
    expect(hindi.body.items.map((i: Json) => i.person.name)).toEqual(['Ramesh Pal', 'रमेश कुमार']);
    const typo = await roll(`?q=${encodeURIComponent('karyakarta b 07')}`);
    expect(typo.body.items.map((i: Json) => i.person.name)).toEqual(['Karyakarta B 070', 'Karyakarta B 071', ...Array(8).fill(expect.any(String))]);
    const latin = await roll(`?q=${encodeURIComponent('रमेश')}`);
    expect(latin.body.items.map((i: Json) => i.person.name)).toEqual(['Ramesh Pal', 'रमेश कुमार']);
    const booth2 = await roll(`?unit=${tree.units.booth2}&limit=500`);
    expect(booth2.body.total).toBe(152);
    expect(booth2.body.items.every((i: Json) => i.unit.id === tree.units.booth2)).toBe(true);
    expect((await roll(`?unit=${tree.units.booth2}&q=${encodeURIComponent('suresh')}`)).body.items).toHaveLength(1);
    expect((await roll('?unit=other')).body.total).toBe(0);
    // A unit outside the event's subtree narrows to nobody; it reveals nothing.
    expect((await roll(`?unit=${tree.units.meerutBooth}`)).body).toMatchObject({ total: 0, items: [] });
  });

  it('marks many at once: a whole booth in one request', async () => {
    const booth1 = await roll(`?unit=${tree.units.booth1}&limit=500`);
    const marks = booth1.body.items.map((i: Json) => ({ personId: i.person.id }));
    expect(marks.length).toBe(153);
    const after = await read(await t.call('POST', `/api/events/${workshop}/attendance`, { cookie: sambhal, body: { marks } }));
    expect(after.status).toBe(200);
    expect(after.body.attendees).toBe(153);
    expect(after.body.groups[0]).toMatchObject({ people: 305, present: 153 });
  });

  it('adds a walk-in with no phone, by name, as a person of the event’s unit, audited; the same name again is the same person', async () => {
    const before = await peopleCount();
    const first = await read(await walkIn({ name: 'Kallu Ram' }));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ person: { name: 'Kallu Ram' }, created: true });
    const row = await db().selectFrom('people').selectAll().where('id', '=', first.body.person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ home_unit_id: tree.units.sambhal, phone_enc: null, phone_hash: null, source: 'capture' });
    const again = await read(await walkIn({ name: 'kallu  ram' }));
    expect(again.body).toMatchObject({ person: { id: first.body.person.id }, created: false });
    expect(await peopleCount()).toBe(before + 1);
    const other = await roll('?unit=other');
    expect(other.body.items).toEqual([expect.objectContaining({ person: { id: first.body.person.id, name: 'Kallu Ram' }, present: true, method: 'walk_in' })]);
    const audit = await db().selectFrom('audit_log').select(['details']).where('action', '=', 'event.walk_in').orderBy('id').execute();
    expect(audit.at(-1)!.details).toEqual({ personId: first.body.person.id, created: false, phone: false });
    expect(JSON.stringify(audit)).not.toContain('Kallu');
  });

  it('refuses a name-only walk-in that several on the roll bear (walk_in_ambiguous), changing nothing', async () => {
    const before = await snapshot();
    const refused = await read(await walkIn({ name: 'Suresh Yadav' }));
    expect([refused.status, refused.body.code]).toEqual([409, 'walk_in_ambiguous']);
    expect(await snapshot()).toBe(before);
  });

  it('takes a pasted list: matches the roll in either script, adds the rest without a phone, and says which', async () => {
    const before = await peopleCount();
    const res = await read(
      await pasted(['रमेश पाल', 'Karyakarta A 001', 'Karyakarta B 001', 'Kallu Ram', 'Lalli Devi', 'लल्ली देवी', 'Suresh Yadav', 'Bhura Singh']),
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: Json) => [i.name, i.outcome, i.already])).toEqual([
      ['रमेश पाल', 'matched', true], // Ramesh Pal, booth 1's convener, on the roll in Latin letters (marked with booth 1)
      ['Karyakarta A 001', 'matched', true], // marked with booth 1 above
      ['Karyakarta B 001', 'matched', false], // on the roll, not yet present
      ['Kallu Ram', 'matched', true], // the walk-in above
      ['Lalli Devi', 'added', false],
      ['लल्ली देवी', 'repeated', false], // the line above in the other script
      ['Suresh Yadav', 'ambiguous', false],
      ['Bhura Singh', 'added', false],
    ]);
    expect(res.body).toMatchObject({ matched: 4, added: 2, ambiguous: 1, repeated: 1 });
    expect(res.body.items[0].person.id).toBe(tree.people.boothConvener.id);
    expect(await peopleCount()).toBe(before + 2);
    const added = await db()
      .selectFrom('people')
      .select(['name', 'home_unit_id', 'phone_hash', 'source'])
      .where('name', 'in', ['Lalli Devi', 'Bhura Singh'])
      .orderBy('id')
      .execute();
    expect(added).toEqual([
      { name: 'Lalli Devi', home_unit_id: tree.units.sambhal, phone_hash: null, source: 'capture' },
      { name: 'Bhura Singh', home_unit_id: tree.units.sambhal, phone_hash: null, source: 'capture' },
    ]);
    // Those it added came from outside the roll; one the roll lists is marked as by roll call.
    const methods = await db().selectFrom('event_attendance').select(['person_id', 'method']).where('event_id', '=', workshop).execute();
    expect(methods.find((m) => m.person_id === res.body.items[2].person.id)?.method).toBe('roll_call');
    for (const p of res.body.items.filter((i: Json) => i.outcome === 'added')) expect(methods.find((m) => m.person_id === p.person.id)?.method).toBe('walk_in');
    expect((await roll()).body.attendees).toBe(153 + 1 + 1 + 2);
    const audit = await db().selectFrom('audit_log').select(['details']).where('action', '=', 'event.walk_in_names').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ ambiguous: 1, repeated: 1 });
    expect(JSON.stringify(audit.details)).not.toMatch(/Lalli|Bhura/);

    // The same list again adds nobody: everyone is someone now.
    const again = await read(await pasted(['Lalli Devi', 'Bhura Singh']));
    expect(again.body).toMatchObject({ matched: 2, added: 0 });
    expect(await peopleCount()).toBe(before + 2);
  });

  it('refuses a list with a name the name rules refuse, saying which line, and changes nothing', async () => {
    const before = await snapshot();
    const bad = await read(await pasted(['Gopal Das', 'Ram\u200BKumar']));
    expect([bad.status, bad.body.code]).toEqual([400, 'validation']);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'names.1' })]);
    expect((await read(await pasted([]))).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});
