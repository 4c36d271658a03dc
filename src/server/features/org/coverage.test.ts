import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../../platform/db/index.ts';
import { engine } from '../../testing/database.ts';
import { addPerson, addUnit, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';
import { applyOrgConfig, defaultOrgConfig } from './config.ts';

let t: TestSetu;
let db: Kysely<Schema>;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let district: string; // Sambhal district convener
let state: string; // UP state convener

beforeAll(async () => {
  t = await createTestSetu();
  db = t.database.db;
  tree = await buildSampleTree(db);
  district = await t.login(tree.people.sambhalConvener.phone);
  state = await t.login(tree.people.stateConvener.phone);
});
afterAll(() => t.stop());

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const coverage = (cookie: string, unitId: number, query = '') => t.call('GET', `/api/units/${unitId}/coverage${query}`, { cookie }).then(json);

/**
 * Every (unit, department) whose counter differs from a count from scratch: booths strictly under the unit (by path)
 * that are live and hold a live position of the head role, in that department or ('*') in any.
 */
async function mismatches() {
  const { rows } = await sql<{ unit_id: number; department: string; truth: number | null; counter: number | null }>`
    with covered as (
      select distinct b.id, b.path, d.department
      from units b join positions p on p.unit_id = b.id
      cross join lateral (values ('*'), (p.department)) d(department)
      where b.level = setu_booth_level() and b.archived_at is null and p.role = setu_head_role() and p.ended_at is null
        and d.department is not null
    ), truth as (
      select u.id as unit_id, c.department, count(*)::int as covered from units u join covered c on c.path <@ u.path and c.id <> u.id group by 1, 2
    )
    select coalesce(t.unit_id, s.unit_id) as unit_id, coalesce(t.department, s.department) as department, t.covered as truth, s.covered as counter
    from truth t full join (select * from unit_coverage where covered <> 0) s on s.unit_id = t.unit_id and s.department = t.department
    where t.covered is distinct from s.covered`.execute(db);
  return rows;
}

describe(`coverage on ${engine}`, () => {
  it('counts, per child, booths and those with a convener; per department too', async () => {
    // The sample tree: booth 1 has a convener (no department) and a member; booth 2 and Meerut's booth have nobody.
    const { status, body } = await coverage(district, tree.units.chandausi);
    expect(status).toBe(200);
    expect(body).toEqual({
      unit: { id: tree.units.chandausi, level: 'assembly', nameEn: 'Chandausi', nameHi: 'चंदौसी', booths: 2, covered: 1, ratio: 0.5 },
      role: 'convener',
      department: null,
      items: [{ id: tree.units.bahjoi, level: 'mandal', nameEn: 'Bahjoi', nameHi: 'बहजोई', booths: 2, covered: 1, ratio: 0.5 }],
    });
    const booths = await coverage(district, tree.units.sk);
    expect(booths.body.items.map((i: { nameEn: string; covered: number }) => [i.nameEn, i.covered])).toEqual([
      ['Panchayat Bhawan Bahjoi', 0],
      ['Primary School Bahjoi', 1],
    ]);
    const it = await coverage(district, tree.units.chandausi, '?department=it');
    expect(it.body).toMatchObject({ department: 'it', unit: { covered: 0, ratio: 0 } });
  });

  it('follows appointments and their ending through the API', async () => {
    const made = await json(
      await t.call('POST', `/api/units/${tree.units.booth2}/positions`, {
        cookie: district,
        body: { role: 'convener', department: 'it', person: { name: 'Pradeep Kumar', phone: '9411122233' } },
      }),
    );
    expect(made.status).toBe(201);
    expect((await coverage(district, tree.units.chandausi)).body.unit).toMatchObject({ covered: 2, ratio: 1 });
    expect((await coverage(district, tree.units.chandausi, '?department=it')).body.unit).toMatchObject({ covered: 1 });
    expect((await coverage(district, tree.units.chandausi, '?department=social_media')).body.unit).toMatchObject({ covered: 0 });
    // A member is no convener.
    await t.call('POST', `/api/units/${tree.units.booth2}/positions`, {
      cookie: district,
      body: { role: 'member', department: 'social_media', person: { name: 'Asha Devi', phone: '9411122244' } },
    });
    expect((await coverage(district, tree.units.chandausi, '?department=social_media')).body.unit).toMatchObject({ covered: 0 });
    await t.call('DELETE', `/api/positions/${made.body.positionId}`, { cookie: district });
    expect((await coverage(district, tree.units.chandausi)).body.unit).toMatchObject({ covered: 1 });
    expect(await mismatches()).toEqual([]);
  });

  it('sorts by ratio, name or booths, either way, worst gaps first on ties', async () => {
    const paschim = tree.units.paschim;
    const names = async (q: string) => (await coverage(state, paschim, q)).body.items.map((i: { nameEn: string }) => i.nameEn);
    expect(await names('')).toEqual(['Meerut', 'Sambhal']); // ratio 0 before 0.5
    expect(await names('?sort=ratio&order=desc')).toEqual(['Sambhal', 'Meerut']);
    expect(await names('?sort=name&order=desc')).toEqual(['Sambhal', 'Meerut']);
    expect(await names('?sort=booths&order=asc')).toEqual(['Meerut', 'Sambhal']);
    expect((await coverage(state, paschim, '?sort=size')).status).toBe(400);
  });

  it('refuses an unknown department and hides units outside the turf', async () => {
    expect(await coverage(district, tree.units.chandausi, '?department=youth')).toMatchObject({ status: 422, body: { code: 'unknown_department' } });
    expect(await coverage(district, tree.units.meerut)).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('keeps the counters equal to a full recount through appointments, endings, moves and archives', async () => {
    // More booths under Sambhal: a second shakti kendra with four booths.
    const sk2 = await addUnit(db, { parentId: tree.units.bahjoi, level: 'shakti_kendra', name: 'Bahjoi SK 2', nameHi: 'बहजोई शक्ति केंद्र 2' });
    const booths = [];
    for (let i = 3; i <= 6; i++) booths.push(await addUnit(db, { parentId: sk2, level: 'booth', name: `Booth ${i}`, nameHi: `बूथ ${i}` }));
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await addPerson(db, { name: `Worker ${i}`, phone: `+9194100000${10 + i}` }));
    const check = async (step: string) => expect(await mismatches(), step).toEqual([]);

    // Several booths in one statement, in different departments, some twice, and a member.
    await sql`insert into positions (person_id, unit_id, role, department)
      values (${people[0]}, ${booths[0]}, 'convener', 'it'), (${people[1]}, ${booths[0]}, 'convener', 'social_media'),
             (${people[2]}, ${booths[1]}, 'convener', null), (${people[3]}, ${booths[2]}, 'member', 'it'),
             (${people[0]}, ${booths[3]}, 'convener', 'it'), (${people[1]}, ${booths[3]}, 'convener', 'it')`.execute(db);
    await check('bulk insert');
    expect((await coverage(state, tree.units.bahjoi)).body.unit).toMatchObject({ booths: 6, covered: 4 });

    // Ending one of two conveners keeps the booth covered; ending the last one uncovers it.
    await sql`update positions set ended_at = now() where unit_id = ${booths[3]} and person_id = ${people[0]}`.execute(db);
    await check('end one of two');
    await sql`update positions set ended_at = now() where unit_id = ${booths[3]}`.execute(db);
    await check('end the last');
    // A member promoted, a department changed, a position moved to another booth, one deleted.
    await sql`update positions set role = 'convener' where unit_id = ${booths[2]}`.execute(db);
    await sql`update positions set department = 'social_media' where unit_id = ${booths[1]}`.execute(db);
    await sql`update positions set unit_id = ${tree.units.booth2} where unit_id = ${booths[0]} and department = 'it'`.execute(db);
    await check('role, department and unit changed');
    await sql`delete from positions where unit_id = ${booths[3]}`.execute(db);
    await check('deleted');

    // Moves through the API: the shakti kendra to Meerut and back, then a single booth.
    expect((await t.call('POST', `/api/units/${sk2}/move`, { cookie: state, body: { newParentId: tree.units.meerutMandal } })).status).toBe(200);
    await check('kendra moved to Meerut');
    expect((await coverage(state, tree.units.meerut)).body.unit.covered).toBeGreaterThan(0);
    await t.call('POST', `/api/units/${sk2}/move`, { cookie: state, body: { newParentId: tree.units.bahjoi } });
    await t.call('POST', `/api/units/${booths[1]}/move`, { cookie: state, body: { newParentId: tree.units.meerutSk } });
    await check('booth moved');
    // Archiving a covered booth takes it out; restoring brings it back.
    expect((await t.call('PATCH', `/api/units/${booths[2]}`, { cookie: state, body: { archived: true } })).status).toBe(200);
    await check('archived');
    await sql`insert into positions (person_id, unit_id, role) values (${people[3]}, ${booths[2]}, 'convener')`.execute(db);
    await check('appointed at an archived booth');
    await t.call('PATCH', `/api/units/${booths[2]}`, { cookie: state, body: { archived: false } });
    await check('restored');
    // A rename changes nothing.
    await t.call('PATCH', `/api/units/${booths[2]}`, { cookie: state, body: { nameEn: 'Booth Five' } });
    await check('renamed');
  });

  it('recounts when the configuration makes another role the head', async () => {
    const inChargeFirst = { ...defaultOrgConfig, roles: defaultOrgConfig.roles.map((r) => (r.code === 'in_charge' ? { ...r, rank: 0 } : r)) };
    await applyOrgConfig(db, inChargeFirst);
    expect((await coverage(state, tree.units.up)).body).toMatchObject({ role: 'in_charge', unit: { covered: 0 } });
    await sql`insert into positions (person_id, unit_id, role) values (${tree.people.boothMember.id}, ${tree.units.booth1}, 'in_charge')`.execute(db);
    expect(await mismatches()).toEqual([]);
    await applyOrgConfig(db, defaultOrgConfig);
    expect((await coverage(state, tree.units.up)).body.role).toBe('convener');
    expect(await mismatches()).toEqual([]);
  });

  it.skipIf(engine !== 'postgres')('counts a booth once when two conveners are appointed to it at the same time', async () => {
    const booth = await addUnit(db, { parentId: tree.units.sk, level: 'booth', name: 'Race Booth', nameHi: 'रेस बूथ' });
    const a = await addPerson(db, { name: 'Racer A', phone: '+919410000091' });
    const b = await addPerson(db, { name: 'Racer B', phone: '+919410000092' });
    // A appoints and holds its transaction open; B appoints meanwhile and must wait for A's booth lock.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = db.transaction().execute(async (trx) => {
      await sql`insert into positions (person_id, unit_id, role) values (${a}, ${booth}, 'convener')`.execute(trx);
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = db.transaction().execute(async (trx) => {
      await sql`insert into positions (person_id, unit_id, role) values (${b}, ${booth}, 'convener')`.execute(trx);
    });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await Promise.all([first, second]);
    expect(await mismatches()).toEqual([]);
    const row = (await coverage(state, tree.units.sk)).body.items.find((i: { id: number }) => i.id === booth);
    expect(row).toMatchObject({ booths: 1, covered: 1 });
  });

  it.skipIf(engine !== 'postgres')('keeps the count right when a booth moves while a convener is being appointed to it', async () => {
    const booth = await addUnit(db, { parentId: tree.units.sk, level: 'booth', name: 'Moving Booth', nameHi: 'चलता बूथ' });
    const a = await addPerson(db, { name: 'Mover A', phone: '+919410000093' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const appointing = db.transaction().execute(async (trx) => {
      await sql`insert into positions (person_id, unit_id, role) values (${a}, ${booth}, 'convener')`.execute(trx);
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    const moving = t.call('POST', `/api/units/${booth}/move`, { cookie: state, body: { newParentId: tree.units.meerutSk } });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await appointing;
    expect((await moving).status).toBe(200);
    expect(await mismatches()).toEqual([]);
  });
});
