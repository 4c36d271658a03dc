import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../platform/db/index.ts';
import { migrate } from '../../../platform/db/index.ts';
import { createPiiCipher } from '../../../platform/crypto.ts';
import { engine, testDatabase } from '../../../testing/database.ts';
import { TEST_SECRET } from '../../../testing/setu.ts';
import { applyOrgConfig, defaultOrgConfig } from '../config.ts';
import { addDemoPeople } from './people.ts';
import { buildDemoTree } from './build.ts';
import { planUpperTree, split } from './plan.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  await migrate(database);
  await applyOrgConfig(database.db, defaultOrgConfig);
});
afterAll(() => database.close());

describe('the demo plan', () => {
  it('has every state, Uttar Pradesh’s 6 regions and 75 districts at every scale', () => {
    for (const scale of ['small', 'state', 'nation'] as const) {
      const plan = planUpperTree(scale);
      expect(plan.filter((u) => u.level === 'state')).toHaveLength(36);
      expect(plan.filter((u) => u.level === 'region' && u.parentCode === 'UP')).toHaveLength(6);
      expect(plan.filter((u) => u.level === 'district' && u.code.startsWith('UP-'))).toHaveLength(75);
      expect(new Set(plan.map((u) => u.code)).size).toBe(plan.length);
    }
  });

  it('sizes the state scale to UP’s 403 assemblies and ≈ 1.6 lakh booths, and the nation to ≈ 10.5 lakh', () => {
    const booths = (scale: 'state' | 'nation') => planUpperTree(scale).reduce((n, u) => n + (u.booths ?? 0), 0);
    expect(planUpperTree('state').filter((u) => u.level === 'assembly')).toHaveLength(403);
    expect(booths('state')).toBeGreaterThan(155_000);
    expect(booths('state')).toBeLessThan(170_000);
    expect(booths('nation')).toBeGreaterThan(1_000_000);
    expect(booths('nation')).toBeLessThan(1_100_000);
  });

  it('splits evenly', () => expect(split(10, 3)).toEqual([4, 3, 3]));
});

describe(`the small demo on ${engine}`, () => {
  it('builds a tree whose every child is deeper than its parent, with Hindi names and unique codes', async () => {
    const report = await buildDemoTree(database.db, 'small');
    expect(report.booths).toBeGreaterThan(2000);
    const bad = await sql<{ n: number }>`
      select count(*)::int as n from units c join units p on p.id = c.parent_id
      join levels lc on lc.code = c.level join levels lp on lp.code = p.level
      where lc.depth <= lp.depth or c.path <> (p.path::text || '.' || c.id)::ltree or c.state_id is distinct from coalesce(p.state_id, c.id)`.execute(
      database.db,
    );
    expect(bad.rows[0]!.n).toBe(0);
    const noHindi = await sql<{ n: number }>`select count(*)::int as n from units where name_hi !~ '[\u0900-\u097F]'`.execute(database.db);
    expect(noHindi.rows[0]!.n).toBe(0);
    const sambhal = await database.db
      .selectFrom('units')
      .select(['name_hi'])
      .where('name_en', '=', 'Sambhal')
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow();
    expect(sambhal.name_hi).toBe('संभल');
  });

  it('keeps booth counters equal to a full recount for every unit', async () => {
    const mismatches = await sql<{ n: number }>`
      with truth as (
        select a.id, count(*)::int as booths from units b, unnest(string_to_array(b.path::text, '.')::int[]) a(id)
        where b.level = 'booth' and b.archived_at is null and a.id <> b.id group by a.id
      )
      select count(*)::int as n from truth full join unit_stats s on s.unit_id = truth.id
      where coalesce(truth.booths, 0) <> coalesce(s.booths, 0)`.execute(database.db);
    expect(mismatches.rows[0]!.n).toBe(0);
  });

  it('writes for every unit the search key the trigger would, fills the dictionary and rebuilds the search index', async () => {
    const wrong = await sql<{ n: number }>`select count(*)::int as n from units where search_key <> setu_search_key(name_en, name_hi)`.execute(database.db);
    expect(wrong.rows[0]!.n).toBe(0);
    const missing = await sql<{ n: number }>`
      select count(*)::int as n from (select distinct w from units, unnest(string_to_array(btrim(search_key), ' ')) w) x
      where not exists (select 1 from search_words s where s.word = x.w)`.execute(database.db);
    expect(missing.rows[0]!.n).toBe(0);
    const indexes = await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'units' order by 1`.execute(database.db);
    expect(indexes.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['units_code_key', 'units_parent', 'units_path_gist', 'units_search_trgm']));
    const triggers = await sql<{ name: string; enabled: string }>`
      select tgname as name, tgenabled as enabled from pg_trigger where tgrelid = 'units'::regclass and not tgisinternal`.execute(database.db);
    expect(triggers.rows.filter((t) => t.enabled !== 'O')).toEqual([]);
  });

  it('adds people at every level, each able to sign in by phone', async () => {
    const logins = await addDemoPeople(database.db, createPiiCipher(TEST_SECRET));
    expect(logins.map((l) => l.unit)).toContain('Sambhal');
    const positions = await database.db.selectFrom('positions').select('unit_id').execute();
    expect(positions).toHaveLength(logins.length);
    const levels = await database.db.selectFrom('positions as p').innerJoin('units as u', 'u.id', 'p.unit_id').select('u.level').distinct().execute();
    expect(levels.map((l) => l.level).sort()).toEqual(['assembly', 'booth', 'district', 'mandal', 'national', 'region', 'shakti_kendra', 'state']);
  });
});
