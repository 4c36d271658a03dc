import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';

import { createTestSetu, tokenOf, type TestSetu } from '../../testing/setu.ts';
import { countersOf, issuer, read, sampleSignedIn, type SampleTree } from '../../testing/directives-kit.ts';
import { foldProgress } from './rollup.ts';
import { acknowledgeMany, acknowledger } from './act.service.ts';
import type { DirectivesDeps } from './deps.ts';
import { checksOwnSession } from './directives.routes.ts';

let t: TestSetu;
let tree: SampleTree;
let sambhal: string, meerut: string, member: string, boothConvener: string;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestSetu();
  ({ tree, sambhal, meerut, member, boothConvener } = await sampleSignedIn(t));
});
afterAll(() => t.stop());

const issue = issuer(() => t);
const counters = countersOf(() => t);

describe(`acknowledging on ${engine}`, () => {
  it('acknowledges a batch in one statement, sessions checked in it: the same unit twice counts once, each request answered as its own', async () => {
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleHi: 'एक साथ पावती', audience: { levels: ['booth'] } }));
    const id = sent.body.id as number;
    await sql`update directives set created_at = now() - interval '1 hour' where id = ${id}`.execute(db()); // issued before the phone went offline
    const offline = new Date(Date.now() - 60_000).toISOString();
    const [byMember, byConvener, noHolder, outsider, noSession] = await acknowledgeMany(db(), [
      { token: tokenOf(member), directiveId: id, unitId: tree.units.booth1, at: offline },
      { token: tokenOf(boothConvener), directiveId: id, unitId: tree.units.booth1, at: undefined },
      { token: tokenOf(member), directiveId: id, unitId: tree.units.booth2, at: undefined },
      { token: tokenOf(meerut), directiveId: id, unitId: tree.units.meerutBooth, at: undefined },
      { token: 'not-a-session', directiveId: id, unitId: tree.units.booth1, at: undefined },
    ]);
    // The first request in the batch is the acknowledgement, at the time the offline phone recorded.
    expect(byMember!.unit).toMatchObject({ unit: { id: tree.units.booth1 }, ackedAt: offline, ackedBy: { id: tree.people.boothMember.id } });
    expect(byMember!.session).toMatchObject({ personId: tree.people.boothMember.id, lastSeenAt: expect.any(Date) });
    expect(byConvener!.unit).toEqual(byMember!.unit);
    expect(byConvener!.session?.personId).toBe(tree.people.boothConvener.id);
    expect(noHolder).toEqual({ session: expect.objectContaining({ personId: tree.people.boothMember.id }), unit: undefined });
    expect(outsider).toEqual({ session: expect.objectContaining({ personId: tree.people.meerutConvener.id }), unit: undefined });
    expect(noSession).toEqual({ session: undefined, unit: undefined });
    const queued = await db().selectFrom('directive_progress').select(['unit_id', 'acked']).where('directive_id', '=', id).execute();
    expect(queued).toEqual([{ unit_id: tree.units.booth1, acked: 1 }]);
  });

  it('batches acknowledgements arriving together over HTTP and answers each: 200 for holders, 404 for the rest', async () => {
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleHi: 'भीड़ में पावती', audience: { levels: ['booth'] } }));
    const id = sent.body.id as number;
    const ack = (cookie: string, unitId: number) => t.call('POST', `/api/directives/${id}/units/${unitId}/ack`, { cookie, body: {} });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? ack(meerut, tree.units.booth1) : ack(i % 2 ? member : boothConvener, tree.units.booth1))),
    );
    const bodies = await Promise.all(answers.map(read));
    expect(bodies.map((b) => b.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? 404 : 200)));
    const acks = bodies.filter((b) => b.status === 200).map((b) => b.body);
    expect(new Set(acks.map((b) => b.ackedAt)).size).toBe(1);
    await foldProgress(db());
    expect((await counters(id))[tree.units.booth1]).toMatchObject({ acked: 1 });
    expect((await counters(id))[tree.units.sambhal]).toMatchObject({ targets: 2, acked: 1 });
  });

  it('checks the session in the acknowledgement itself: none, revoked, expired or disabled is 401, a stale one is marked used, a refusal is audited as the caller', async () => {
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleHi: 'सत्र की जाँच', audience: { levels: ['booth'] } }));
    const ack = (cookie: string | undefined, unitId = tree.units.booth1) =>
      t.call('POST', `/api/directives/${sent.body.id}/units/${unitId}/ack`, { ...(cookie ? { cookie } : {}), body: {} });
    // The middleware leaves exactly this route to its own statement (a second lookup would only cost a round trip).
    expect(checksOwnSession('POST', `/api/directives/${sent.body.id}/units/${tree.units.booth1}/ack`)).toBe(true);
    expect(checksOwnSession('POST', `/api/directives/${sent.body.id}/units/${tree.units.booth1}/done`)).toBe(false);
    const sessionOf = async (cookie: string) =>
      (await sql<{ id: string }>`select id from sessions where token_hash = sha256(convert_to(${tokenOf(cookie)}, 'UTF8'))`.execute(db())).rows[0]!.id;
    // One after another: a new code for the same phone replaces the one before.
    const revoked = await t.login(tree.people.boothMember.phone);
    const expired = await t.login(tree.people.boothMember.phone);
    const stale = await t.login(tree.people.boothMember.phone);
    const disabled = await t.login(tree.people.boothConvener.phone);
    await db()
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('id', '=', await sessionOf(revoked))
      .execute();
    await db()
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', await sessionOf(expired))
      .execute();
    const staleId = await sessionOf(stale);
    const longAgo = new Date(Date.now() - 3_600_000);
    await db().updateTable('sessions').set({ last_seen_at: longAgo }).where('id', '=', staleId).execute();
    await db().updateTable('people').set({ disabled_at: new Date() }).where('id', '=', tree.people.boothConvener.id).execute();
    try {
      const refused = await Promise.all(
        [ack(undefined), ack('setu_session=nobody'), ack(revoked), ack(expired), ack(disabled)].map(async (r) => read(await r)),
      );
      expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 5 }, () => [401, 'unauthenticated']));
      expect((await counters(sent.body.id))[tree.units.booth1]).toMatchObject({ acked: 0 });
    } finally {
      await db().updateTable('people').set({ disabled_at: null }).where('id', '=', tree.people.boothConvener.id).execute();
    }
    expect((await ack(stale)).status).toBe(200);
    const touched = await db().selectFrom('sessions').select('last_seen_at').where('id', '=', staleId).executeTakeFirstOrThrow();
    expect(touched.last_seen_at.getTime()).toBeGreaterThan(longAgo.getTime());
    // Meerut's convener holds nothing at Sambhal's booth: 404, recorded as their denial.
    expect((await ack(meerut)).status).toBe(404);
    const denial = await db().selectFrom('audit_log').selectAll().where('action', '=', 'http.denied').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(denial).toMatchObject({ actor_id: tree.people.meerutConvener.id, outcome: 'denied' });
    expect(JSON.stringify(denial.details)).toContain(`/units/${tree.units.booth1}/ack`);
  });

  it("keeps one request's failure its own: out-of-range input is 400 at the door, and a batch that fails is run again request by request", async () => {
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleHi: 'अलग-अलग', audience: { levels: ['booth'] } }));
    const path = (unitId: number | string) => `/api/directives/${sent.body.id}/units/${unitId}/ack`;
    const huge = await read(await t.call('POST', path(3_000_000_000), { cookie: member, body: {} }));
    expect([huge.status, huge.body.code]).toEqual([400, 'validation']);
    const ancient = await read(await t.call('POST', path(tree.units.booth1), { cookie: member, body: { at: '0000-01-01T00:00:00Z' } }));
    expect([ancient.status, ancient.body.issues[0].path]).toEqual([400, 'at']);
    // Past the contract (a caller inside the server): the statement fails for the whole batch, then each runs alone.
    const acknowledge = acknowledger({ db: db() } as DirectivesDeps);
    const caller = { token: tokenOf(member), found: async () => {}, refused: async () => {} };
    const [bad, good] = await Promise.allSettled([
      acknowledge(caller, sent.body.id, 3_000_000_000, undefined),
      acknowledge(caller, sent.body.id, tree.units.booth1, undefined),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good).toMatchObject({ status: 'fulfilled', value: { unit: { id: tree.units.booth1 }, ackedBy: { id: tree.people.boothMember.id } } });
  });

  it.skipIf(engine !== 'postgres')('answers the winner when another statement acknowledges the unit while this one waits for its lock', async () => {
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleHi: 'दौड़', audience: { levels: ['booth'] } }));
    const id = sent.body.id as number;
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let locked = () => {};
    const holding = new Promise<void>((r) => (locked = r));
    // Another process's acknowledgement, holding the row lock until released.
    const other = db()
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('directive_units')
          .set({ acked_at: new Date(), acked_by: tree.people.boothConvener.id, acked: sql`acked + 1` })
          .where('directive_id', '=', id)
          .where('unit_id', '=', tree.units.booth1)
          .execute();
        locked();
        await gate;
      });
    await holding;
    const mine = acknowledgeMany(db(), [{ token: tokenOf(member), directiveId: id, unitId: tree.units.booth1, at: undefined }]);
    await new Promise((r) => setTimeout(r, 300)); // the statement is now waiting on the lock
    release();
    await other;
    const [answer] = await mine;
    expect(answer!.unit).toMatchObject({ unit: { id: tree.units.booth1 }, ackedBy: { id: tree.people.boothConvener.id } });
    expect((await counters(id))[tree.units.booth1]).toMatchObject({ acked: 1 });
  });
});
