import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, testDatabase, type TestDatabase } from '../../testing/database.ts';
import { openDatabase, type Database } from './index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

/** Resolves with the next `count` messages a subscription receives, or fails after `ms`. */
function collect(count: number, ms = 3000) {
  const got: string[] = [];
  let done: (v: string[]) => void = () => {};
  const all = new Promise<string[]>((resolve, reject) => {
    done = resolve;
    setTimeout(() => reject(new Error(`only ${got.length} of ${count} messages: ${got.join(' | ')}`)), ms).unref();
  });
  return {
    all,
    message(payload: string) {
      got.push(payload);
      if (got.length === count) done(got);
    },
  };
}

describe(`the bus on ${engine}`, () => {
  it('carries a message to every subscriber of its channel, the sender included, and not to other channels', async () => {
    const a = collect(2);
    const b = collect(2);
    const other = collect(1, 500);
    const stopA = await database.bus.subscribe('setu_test_one', a);
    await database.bus.subscribe('setu_test_one', b);
    await database.bus.subscribe('setu_test_other', other);
    await database.bus.publish('setu_test_one', 'first');
    await database.bus.publish('setu_test_one', '7,8,9');
    expect(await a.all).toEqual(['first', '7,8,9']);
    expect(await b.all).toEqual(['first', '7,8,9']);
    await expect(other.all).rejects.toThrow('only 0 of 1');
    stopA();
  });
});

describe.skipIf(engine !== 'postgres')('the bus between processes (PostgreSQL)', () => {
  let second: Database;
  beforeAll(async () => {
    second = await openDatabase({ url: database.url!, dataDir: 'unused', poolSize: 2 });
  });
  afterAll(() => second.close());

  it("carries one process's message to another's subscribers", async () => {
    const there = collect(1);
    await second.bus.subscribe('setu_test_between', there);
    await database.bus.publish('setu_test_between', 'from the first');
    expect(await there.all).toEqual(['from the first']);
  });

  it('listens again when its connection is cut, tells the subscriber it may have missed messages, and then carries them again', async () => {
    let resumed = 0;
    const after = collect(1, 6000);
    await second.bus.subscribe('setu_test_cut', {
      message: (payload) => after.message(payload),
      resumed: () => void resumed++,
    });
    const cut = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'setu-bus' and datname = current_database()`.execute(
      database.db,
    );
    expect(cut.rows[0]!.n).toBeGreaterThanOrEqual(1);
    await expect.poll(() => resumed, { timeout: 5000, interval: 100 }).toBe(1);
    await database.bus.publish('setu_test_cut', 'after the cut');
    expect(await after.all).toEqual(['after the cut']);
  });
});
