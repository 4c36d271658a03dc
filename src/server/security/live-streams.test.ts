import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../testing/database.ts';
import { issuer, read, sampleSignedIn, type SampleTree } from '../testing/directives-kit.ts';
import { createTestSetu, tokenOf, type TestSetu } from '../testing/setu.ts';
import { tokenHashHex } from '../features/auth/index.ts';

/**
 * Live coverage streams held open by one person: they once outlived logout and had no cap (1,000 from one user were
 * accepted). Now each is capped per person, closed with its session (logout and disabling at once, expiry at the next
 * check) and closed after its lifetime. The limits here are the test's: a lifetime of 4 s, the session checked every 100 ms.
 */

const LIFETIME_MS = 4000;
let t: TestSetu;
let tree: SampleTree;
let state: string;
let directive: number;

beforeAll(async () => {
  t = await createTestSetu({}, { streams: { lifetimeMs: LIFETIME_MS, recheckMs: 100 } });
  ({ tree, state } = await sampleSignedIn(t));
  directive = (await read(await issuer(() => t)(state, { unitId: tree.units.up, titleEn: 'Followed live', audience: { levels: ['booth'] } }))).body
    .id as number;
});
afterAll(() => t.stop());

/** Opens the coverage stream; `ended` resolves with the milliseconds it stayed open once the server closes it. */
async function open(cookie: string) {
  const controller = new AbortController();
  const opened = Date.now();
  const res = await t.app.request(`/api/directives/${directive}/coverage/stream`, { headers: { cookie }, signal: controller.signal });
  if (res.status !== 200) return { status: res.status, code: ((await res.json()) as { code: string }).code };
  const reader = res.body!.getReader();
  const ended = (async () => {
    while (!(await reader.read()).done);
    return Date.now() - opened;
  })();
  return {
    status: res.status,
    ended,
    close: async () => {
      controller.abort();
      await reader.cancel().catch(() => {});
    },
  };
}

/** Whether the stream is still open after a while (the server has not closed it). */
const stillOpen = (ended: Promise<number>, ms: number) => Promise.race([ended.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);

describe(`live coverage streams (${engine})`, () => {
  it('lets one person hold 5 open at once: the 6th is refused (429), another person is not', async () => {
    const cookie = await t.login(tree.people.stateConvener.phone);
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await open(cookie));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    // Another session of the same person counts too: the cap is per person.
    expect(await open(state)).toEqual({ status: 429, code: 'rate_limited' });
    const other = await open(await t.login(tree.people.sambhalConvener.phone));
    expect(other.status).toBe(200);
    // One closed by the client frees its place.
    await streams[0]!.close!();
    await new Promise((r) => setTimeout(r, 50));
    const again = await open(cookie);
    expect(again.status).toBe(200);
    for (const s of [...streams.slice(1), again, other]) await s.close!();
  });

  it('closes a stream when its session logs out', async () => {
    const cookie = await t.login(tree.people.sambhalConvener.phone);
    const stream = await open(cookie);
    expect(stream.status).toBe(200);
    expect(await stillOpen(stream.ended!, 300)).toBe(true);
    expect((await t.call('POST', '/api/auth/logout', { cookie })).status).toBe(200);
    expect(await stream.ended!).toBeLessThan(LIFETIME_MS);
    expect((await open(cookie)).status).toBe(401);
  });

  it('closes a stream when its person is disabled', async () => {
    const cookie = await t.login(tree.people.meerutConvener.phone);
    const stream = await open(cookie);
    expect(stream.status).toBe(200);
    expect((await t.call('POST', `/api/people/${tree.people.meerutConvener.id}/disable`, { cookie: state })).status).toBe(200);
    expect(await stream.ended!).toBeLessThan(LIFETIME_MS);
  });

  it('closes a stream when its session expires, or is revoked by another process, at the next check', async () => {
    const cookie = await t.login(tree.people.sambhalConvener.phone);
    const stream = await open(cookie);
    expect(stream.status).toBe(200);
    expect(await stillOpen(stream.ended!, 300)).toBe(true);
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', Buffer.from(tokenHashHex(tokenOf(cookie)), 'hex'))
      .execute();
    expect(await stream.ended!).toBeLessThan(LIFETIME_MS);
  });

  it('closes a stream after its lifetime even while its session lives (EventSource opens a new one)', async () => {
    const cookie = await t.login(tree.people.stateConvener.phone);
    const stream = await open(cookie);
    expect(stream.status).toBe(200);
    const lasted = await stream.ended!;
    expect(lasted).toBeGreaterThanOrEqual(LIFETIME_MS - 100);
    expect(lasted).toBeLessThan(LIFETIME_MS + 3000);
    const next = await open(cookie);
    expect(next.status).toBe(200);
    await next.close!();
  });
});
