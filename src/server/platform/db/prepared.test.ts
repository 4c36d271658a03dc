import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, testDatabase } from '../../testing/database.ts';
import { PREPARE, type Database } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe(`prepared statements (${engine})`, () => {
  it('answers a marked statement like any other, on either engine', async () => {
    const run = (n: number) => sql<{ twice: number }>`${sql.raw(PREPARE)} select ${n}::int * 2 as twice`.execute(database.db);
    expect((await run(21)).rows).toEqual([{ twice: 42 }]);
    expect((await run(5)).rows).toEqual([{ twice: 10 }]);
  });

  it.runIf(engine === 'postgres')('prepares a marked statement once per connection and leaves others unnamed', async () => {
    await database.db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) await sql`${sql.raw(PREPARE)} select ${i}::int + 1 as n`.execute(conn);
      await sql`select 7 as unmarked`.execute(conn);
      const named = await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'setu_%'`.execute(conn);
      const statements = named.rows.map((r) => r.statement);
      // Three runs, one prepared statement; the unmarked one is not kept.
      expect(statements.filter((s) => s === `${PREPARE} select $1::int + 1 as n`)).toHaveLength(1);
      expect(statements.some((s) => s.includes('unmarked'))).toBe(false);
    });
  });

  it.runIf(engine === 'postgres')('opens connections without JIT, which cost short statements more than it saves', async () => {
    const { rows } = await sql<{ jit: string }>`show jit`.execute(database.db);
    expect(rows).toEqual([{ jit: 'off' }]);
  });
});
