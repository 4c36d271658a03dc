import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARE } from './prepared.ts';
import { PGliteDialect, READ_ONLY } from './pglite-dialect.ts';

interface Db {
  notes: { id: number; text: string };
}

let pg: PGlite;
let db: Kysely<Db>;
let syncs = 0;

beforeAll(async () => {
  pg = await PGlite.create('memory://');
  db = new Kysely<Db>({ dialect: new PGliteDialect(pg, () => void syncs++) });
  await sql`create table notes (id int primary key, text text not null)`.execute(db);
});
afterAll(() => pg.close());

/** How many WAL syncs the driver ran for `work`. */
async function syncsFor(work: () => Promise<unknown>) {
  const before = syncs;
  await work();
  return syncs - before;
}

describe('the PGlite driver syncs the WAL after what may have written, and only then', () => {
  it('after a raw statement, a write through the builder, and a commit, once each; not after a rollback', async () => {
    expect(await syncsFor(() => sql`insert into notes values (1, 'a')`.execute(db))).toBe(1);
    expect(await syncsFor(() => db.insertInto('notes').values({ id: 2, text: 'b' }).execute())).toBe(1);
    expect(await syncsFor(() => db.transaction().execute((trx) => trx.updateTable('notes').set({ text: 'c' }).where('id', '=', 2).execute()))).toBe(1);
    expect(
      await syncsFor(() =>
        db
          .transaction()
          .execute(() => Promise.reject(new Error('no')))
          .catch(() => {}),
      ),
    ).toBe(0);
    // A raw select is not trusted to only read: `select f()` may write.
    expect(await syncsFor(() => sql`select text from notes`.execute(db))).toBe(1);
  });

  it('not after a select built by Kysely, nor after a raw statement marked read-only (alone or after PREPARE)', async () => {
    expect(await syncsFor(() => db.selectFrom('notes').selectAll().execute())).toBe(0);
    expect(await syncsFor(() => sql`${sql.raw(READ_ONLY)} select text from notes`.execute(db))).toBe(0);
    const rows = await sql<{ text: string }>`${sql.raw(`${PREPARE} ${READ_ONLY}`)} select text from notes where id = ${1}`.execute(db);
    expect(rows.rows).toEqual([{ text: 'a' }]);
    expect(await syncsFor(() => sql`${sql.raw(`${PREPARE} ${READ_ONLY}`)} select 1`.execute(db))).toBe(0);
    // The mark counts only among the comments a statement starts with.
    expect(await syncsFor(() => sql`insert into notes values (3, ${READ_ONLY})`.execute(db))).toBe(1);
  });
});
