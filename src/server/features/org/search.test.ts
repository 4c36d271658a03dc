import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';
import { assignPosition, importUnits, loadTurf, searchUnits } from './index.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let district: string; // Sambhal district convener
let state: string; // UP state convener

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  district = await t.login(tree.people.sambhalConvener.phone);
  state = await t.login(tree.people.stateConvener.phone);
});
afterAll(() => t.stop());

interface Hit {
  id: number;
  level: string;
  nameEn: string;
  nameHi: string;
  booths: number;
  score: number;
  ancestors: { id: number; nameEn: string }[];
}
const search = async (cookie: string, query: string) => {
  const res = await t.call('GET', `/api/units/search?${query}`, { cookie });
  return { status: res.status, body: (await res.json()) as { items: Hit[]; truncated: boolean; code?: string } };
};
const names = (hits: Hit[]) => hits.map((h) => h.nameEn);

describe(`unit search on ${engine}`, () => {
  it('finds Sambhal district by its English name, misspelt, and in Devanagari', async () => {
    for (const q of ['Sambhal', 'sambal', 'SAMBHAL', 'संभल', 'sambhl', 'samb', 'Sambhāl']) {
      const { status, body } = await search(state, `q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(body.items[0], q).toMatchObject({ id: tree.units.sambhal, level: 'district', nameHi: 'संभल', booths: 2 });
    }
  });

  it('finds चंदौसी from Latin letters and Chandausi from Devanagari', async () => {
    const latin = await search(district, 'q=Chandausi');
    expect(latin.body.items[0]).toMatchObject({ id: tree.units.chandausi, nameHi: 'चंदौसी' });
    const misspelt = await search(district, 'q=chandosi');
    expect(misspelt.body.items[0]?.id).toBe(tree.units.chandausi);
    const devanagari = await search(district, `q=${encodeURIComponent('चंदौसी')}`);
    expect(devanagari.body.items[0]).toMatchObject({ id: tree.units.chandausi, nameEn: 'Chandausi' });
  });

  it('needs every word of a longer query, each in any spelling', async () => {
    const { body } = await search(district, `q=${encodeURIComponent('bahjoi shakti')}`);
    expect(body.items.map((h) => h.id)).toEqual([tree.units.sk]);
    expect((await search(district, 'q=panchayat%20bahjoi')).body.items.map((h) => h.id)).toEqual([tree.units.booth2]);
    expect((await search(district, 'q=panchayat%20meerut')).body.items).toEqual([]);
  });

  it('reaches a spelling only the Hindi name has, with a Latin query', async () => {
    // "Primary School Bahjoi" is "प्राथमिक विद्यालय बहजोई": only its Hindi name says vidyalay.
    const { body } = await search(district, 'q=vidyalay');
    expect(body.items.map((h) => h.id)).toEqual([tree.units.booth1]);
  });

  it('ranks the best match first, then the shallower unit, and carries breadcrumbs cut at the turf', async () => {
    const { body } = await search(district, 'q=Bahjoi');
    // The mandal and the shakti kendra before the booths whose names only contain the word; each has the word exactly.
    expect(names(body.items).slice(0, 2)).toEqual(['Bahjoi', 'Bahjoi SK 1']);
    expect(body.items.map((h) => h.score)).toEqual([...body.items.map((h) => h.score)].sort((a, b) => b - a));
    const booth = body.items.find((h) => h.id === tree.units.booth1)!;
    expect(booth.ancestors.map((a) => a.nameEn)).toEqual(['Sambhal', 'Chandausi', 'Bahjoi', 'Bahjoi SK 1']);
    const fromState = await search(state, 'q=Bahjoi');
    expect(fromState.body.items[0]!.ancestors.map((a) => a.nameEn)).toEqual(['Uttar Pradesh', 'Paschim', 'Sambhal', 'Chandausi']);
    expect(fromState.body.truncated).toBe(false);
  });

  it('searches only inside the turf, and inside `within` when given', async () => {
    expect((await search(district, 'q=Meerut')).body.items).toEqual([]);
    expect(names((await search(state, 'q=Meerut')).body.items)).toEqual(expect.arrayContaining(['Meerut', 'Meerut City']));
    const within = await search(state, `q=school&within=${tree.units.meerut}`);
    expect(names(within.body.items)).toEqual([]);
    const inside = await search(state, `q=Lalkurti&within=${tree.units.meerut}`);
    expect(inside.body.items.length).toBeGreaterThan(0);
    expect(inside.body.items.every((h) => h.ancestors.some((a) => a.id === tree.units.meerut))).toBe(true);
    const outside = await search(district, `q=Lalkurti&within=${tree.units.meerut}`);
    expect(outside).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('respects the limit and refuses a query too short or too long', async () => {
    expect((await search(state, 'q=Bahjoi&limit=1')).body.items).toHaveLength(1);
    expect((await search(state, 'q=a')).status).toBe(400);
    expect((await search(state, `q=${'x'.repeat(101)}`)).status).toBe(400);
    expect((await search(state, 'q=Bahjoi&limit=0')).status).toBe(400);
    expect(await search(state, 'q=--%20..')).toEqual({ status: 200, body: { items: [], truncated: false } });
    expect((await search(state, 'q=zzqqxx')).body.items).toEqual([]);
  });

  it('keeps the key right through create, rename and archive by the API', async () => {
    const created = await t.call('POST', '/api/units', {
      cookie: district,
      body: { parentId: tree.units.chandausi, level: 'mandal', nameEn: 'Narauli', nameHi: 'नरौली' },
    });
    const id = ((await created.json()) as { id: number }).id;
    expect((await search(district, 'q=Narauli')).body.items[0]?.id).toBe(id);
    await t.call('PATCH', `/api/units/${id}`, { cookie: district, body: { nameEn: 'Rajpura', nameHi: 'राजपुरा' } });
    expect((await search(district, 'q=Narauli')).body.items).toEqual([]);
    expect((await search(district, `q=${encodeURIComponent('राजपुरा')}`)).body.items[0]?.id).toBe(id);
    await t.call('PATCH', `/api/units/${id}`, { cookie: district, body: { archived: true } });
    expect((await search(district, 'q=Rajpura')).body.items).toEqual([]);
  });

  it('keeps the key right for units imported from CSV and for SQL written by hand', async () => {
    const csv = ['code,parent_code,level,name_en,name_hi', 'UP-AC-031-M-9,UP-AC-031,mandal,Pawansa,पवांसा'].join('\n');
    await importUnits(t.database.db, Readable.from([csv]), { report: null });
    expect((await search(district, 'q=pavansa')).body.items.map((h) => h.nameHi)).toEqual(['पवांसा']);
    await importUnits(t.database.db, Readable.from([csv.replace('Pawansa,पवांसा', 'Gunnaur,गुन्नौर')]), { report: null });
    expect((await search(district, 'q=Gunnaur')).body.items.map((h) => h.nameHi)).toEqual(['गुन्नौर']);
    await sql`update units set name_hi = 'बबराला' where code = 'UP-AC-031-M-9'`.execute(t.database.db);
    expect((await search(district, 'q=babrala')).body.items.map((h) => h.nameEn)).toEqual(['Gunnaur']);
    const stale = await sql<{ n: number }>`select count(*)::int as n from units where search_key <> setu_search_key(name_en, name_hi)`.execute(t.database.db);
    expect(stale.rows[0]!.n).toBe(0);
  });

  it('answers the same through the trigram index (large scopes) as through the path index (small ones)', async () => {
    const db = t.database.db;
    for (const person of [tree.people.stateConvener.id, tree.people.sambhalConvener.id]) {
      const actor = { personId: person, sessionId: 'test', turf: await loadTurf(db, person) };
      for (const q of ['Sambhal', 'sambal', 'संभल', 'Bahjoi', 'bahjoi shakti', 'vidyalay', 'school', 'Meerut', 'samb']) {
        const viaPaths = await searchUnits({ db }, actor, { q, limit: 20 }, { smallScopeBooths: Infinity });
        const viaTrigrams = await searchUnits({ db }, actor, { q, limit: 20 }, { smallScopeBooths: -1 });
        expect(viaTrigrams, q).toEqual(viaPaths);
      }
    }
  });

  it('searches a turf of several roots, with breadcrumbs cut at each', async () => {
    const db = t.database.db;
    const person = await addPerson(db, { name: 'Two Places', phone: '+919412000001', unitId: tree.units.sk, role: 'convener', department: 'it' });
    await assignPosition(db, { personId: person, unitId: tree.units.meerutSk, role: 'convener', department: 'it' });
    const actor = { personId: person, sessionId: 'test', turf: await loadTurf(db, person) };
    for (const smallScopeBooths of [Infinity, -1]) {
      const found = async (q: string) =>
        (await searchUnits({ db }, actor, { q, limit: 20 }, { smallScopeBooths })).items.map((h) => [h.nameEn, h.ancestors.map((a) => a.nameEn)]);
      expect(await found('sk')).toEqual([
        ['Bahjoi SK 1', []],
        ['Lalkurti SK', []],
      ]);
      expect(await found('college')).toEqual([['Inter College Lalkurti', ['Lalkurti SK']]]);
      expect(await found('chandausi')).toEqual([]);
    }
  });

  it('transliterates Hindi the way place names are spelt in English', async () => {
    const { rows } = await sql<{ hi: string; key: string }>`
      select hi, setu_search_text(hi) as key
      from unnest(${['संभल', 'चंदौसी', 'बहजोई', 'रामपुर', 'लखनऊ', 'उत्तर प्रदेश', 'अलीगढ़', 'शक्ति केंद्र', 'मुरादाबाद', 'कानपुर', '१२३']}::text[]) hi`.execute(
      t.database.db,
    );
    expect(rows.map((r) => r.key)).toEqual([
      'sambhal',
      'chandausi',
      'bahjoi',
      'rampur',
      'lakhnau',
      'uttar pradesh',
      'aligarh',
      'shakti kendra',
      'muradabad',
      'kanpur',
      '123',
    ]);
    const key = await sql<{ k: string }>`select setu_search_key('Primary School, Bahjoi (Room 2)', 'प्राथमिक विद्यालय, बहजोई (कक्ष २)') as k`.execute(
      t.database.db,
    );
    // The key holds the words folded (0018): one spelling for the ways Latin writes a sound.
    expect(key.rows[0]!.k).toBe(' primri schul bhjoi rum 2 prtmik vidylai bhjoi kksa 2 ');
  });
});
