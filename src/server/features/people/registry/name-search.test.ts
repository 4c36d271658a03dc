import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { NAME_SPELLINGS, REPORTED } from './name-spellings.fixture.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let cookie: string;
/** The fixture's Devanagari names, each one person at booth 2. */
const idOf = new Map<string, number>();

type Page = { items: { id: number; name: string }[]; nextCursor: string | null };

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  cookie = await t.login(tree.people.sambhalConvener.phone);
  let n = 0;
  for (const hindi of new Set(NAME_SPELLINGS.map(([, h]) => h))) {
    idOf.set(hindi, await addPerson(t.database.db, { name: hindi, phone: `+9198${String(7000000 + n++).padStart(8, '0')}`, unitId: tree.units.booth2 }));
  }
});
afterAll(() => t.stop());

const search = async (q: string, page = '&limit=200') => {
  const res = await t.call('GET', `/api/units/${tree.units.sambhal}/people?q=${encodeURIComponent(q)}${page}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};

describe(`names across Latin spellings (${engine})`, () => {
  it(`finds Hindi names from the Latin spellings people write (${NAME_SPELLINGS.length} pairs; recall printed)`, async () => {
    const missed: string[] = [];
    let first = 0;
    for (const [latin, hindi] of NAME_SPELLINGS) {
      const ids = (await search(latin)).items.map((i) => i.id);
      const at = ids.indexOf(idOf.get(hindi)!);
      if (at < 0) missed.push(`${latin} → ${hindi}`);
      if (at === 0) first++;
    }
    const recall = (NAME_SPELLINGS.length - missed.length) / NAME_SPELLINGS.length;
    console.log(
      `[name search, ${engine}] recall ${(recall * 100).toFixed(1)}% (${NAME_SPELLINGS.length - missed.length}/${NAME_SPELLINGS.length}), ` +
        `found first ${first}; missed: ${missed.join(', ') || 'none'}`,
    );
    expect(NAME_SPELLINGS.length).toBeGreaterThanOrEqual(100);
    for (const latin of REPORTED)
      expect(
        missed.filter((m) => m.startsWith(`${latin} →`)),
        latin,
      ).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('finds a Latin record from Devanagari too', async () => {
    const id = await addPerson(t.database.db, { name: 'Meenu Aggarwal', phone: '+919870000001', unitId: tree.units.booth1 });
    expect((await search('मीनू अग्रवाल')).items.map((i) => i.id)).toEqual([id]);
  });

  it('ranks an exact or near-exact match above fuzzy ones, newer or not', async () => {
    const exact = await addPerson(t.database.db, { name: 'दीपक शर्मा', phone: '+919870000002', unitId: tree.units.booth1 });
    const fuzzy = await addPerson(t.database.db, { name: 'Dipankar Sharma', phone: '+919870000003', unitId: tree.units.booth1 });
    const ids = (await search('Deepak Sharma')).items.map((i) => i.id);
    expect(ids).toContain(fuzzy);
    expect(ids[0]).toBe(exact);
    // The start of a word ranks between the two.
    const started = await addPerson(t.database.db, { name: 'Deepakraj Sharma', phone: '+919870000004', unitId: tree.units.booth1 });
    expect((await search('Dipak Sharma')).items.map((i) => i.id).filter((id) => [exact, fuzzy, started].includes(id))).toEqual([exact, started, fuzzy]);
  });

  it('tells Kamla from Kamal: a final a is kept, so the exact name ranks first', async () => {
    const kamal = await addPerson(t.database.db, { name: 'कमल', phone: '+919870000005', unitId: tree.units.booth1 });
    const ids = (await search('Kamla')).items.map((i) => i.id);
    expect(ids[0]).toBe(idOf.get('कमला'));
    expect(ids.indexOf(kamal)).toBeGreaterThan(0);
  });

  it('pages a ranked search by keyset without gaps or repeats', async () => {
    const all = (await search('sharma')).items.map((i) => i.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search('sharma', `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('writes every key as setu_search_words spells it', async () => {
    const stale = await sql<{ n: number }>`
      select count(*)::int as n from people
      where erased_at is null and search_key <> ' ' || array_to_string(setu_search_words(name), ' ') || ' '`.execute(t.database.db);
    expect(stale.rows[0]!.n).toBe(0);
  });
});
