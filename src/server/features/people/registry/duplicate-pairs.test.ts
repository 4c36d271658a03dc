import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';
import { PAIRS_PER_PERSON, pairDueFor } from './duplicate-pairs.ts';

/**
 * Duplicate pairs are kept as records are written (0015's triggers put each written person in line; a turn compares
 * them through indexes), so the read at any level is a lookup. These tests drive the turn themselves; the server's
 * own background turn may take some of the line first, which changes nothing they check.
 */
let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let sambhal: string;

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  sambhal = await t.login(tree.people.sambhalConvener.phone);
});
afterAll(() => t.stop());

const capture = async (unitId: number, name: string, phone?: string) => {
  const res = await t.call('POST', `/api/units/${unitId}/people`, { cookie: sambhal, body: { name, ...(phone ? { phone } : {}) } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { person: { id: number } }).person.id;
};
const kept = async () => {
  await pairDueFor(t.database.db, 60_000);
  return (await t.database.db.selectFrom('person_duplicates').select(['a', 'b', 'reason']).orderBy('a').orderBy('b').execute()).map(
    (p) => `${p.a}+${p.b}:${p.reason}`,
  );
};

describe(`duplicate pairs kept as records are written (${engine})`, () => {
  it('pairs a capture with its namesake at the booth without any read, and unpairs and re-pairs on a rename', async () => {
    const a = await capture(tree.units.booth2, 'Gurpreet Sandhu');
    const b = await capture(tree.units.booth2, 'Gurpreet Sandhoo');
    expect(await kept()).toContain(`${a}+${b}:similar_name_same_booth`);

    const rename = (name: string) => t.call('PATCH', `/api/people/${b}`, { cookie: sambhal, body: { name } });
    expect((await rename('Tarsem Gill')).status).toBe(200);
    expect(await kept()).not.toContain(`${a}+${b}:similar_name_same_booth`);
    expect((await rename('Gurpreet Sandhoo')).status).toBe(200);
    expect(await kept()).toContain(`${a}+${b}:similar_name_same_booth`);
  });

  it('forgets the pairs of an erased record at once', async () => {
    const a = await capture(tree.units.booth2, 'Nasreen Qureshi', '9876700001');
    const b = await capture(tree.units.booth2, 'Nasreen Kureshi', '9876700001');
    expect(await kept()).toContain(`${a}+${b}:same_phone_similar_name`);
    const erased = await t.call('POST', `/api/people/${b}/erase`, { cookie: sambhal, body: { reason: 'Asked in person at the booth' } });
    expect(erased.status).toBe(200);
    const left = await t.database.db
      .selectFrom('person_duplicates')
      .select('a')
      .where((w) => w.or([w('a', '=', b), w('b', '=', b)]))
      .execute();
    expect(left).toEqual([]);
  });

  it(`keeps a person's best ${PAIRS_PER_PERSON} matches, not every pair of a booth full of near-identical names`, async () => {
    const n = 40;
    const ids = (
      await t.database.db
        .insertInto('people')
        .values(Array.from({ length: n }, (_, i) => ({ name: `Bulk Person ${1000 + i}`, home_unit_id: tree.units.meerutBooth, source: 'import' as const })))
        .returning('id')
        .execute()
    ).map((r) => r.id);
    await kept();
    const { rows } = await sql<{ a: number; b: number }>`select a, b from person_duplicates where a = any(${ids}) or b = any(${ids})`.execute(t.database.db);
    const named = new Set(rows.flatMap((r) => [r.a, r.b]));
    expect(ids.every((id) => named.has(id))).toBe(true); // everyone has their matches
    expect(rows.length).toBeLessThanOrEqual(n * PAIRS_PER_PERSON);
    expect(rows.length).toBeLessThan((n * (n - 1)) / 2); // and not all 780 pairs
    // The read at the district sees them, best first.
    const res = await t.call('GET', `/api/units/${tree.units.meerut}/duplicates`, { cookie: await t.login(tree.people.meerutConvener.phone) });
    expect(await res.json()).toMatchObject({ pending: 0, items: expect.arrayContaining([expect.objectContaining({ reason: 'similar_name_same_booth' })]) });
  });
});
