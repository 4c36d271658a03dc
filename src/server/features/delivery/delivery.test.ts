import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Channel, ChannelName, OutgoingMessage, SendOutcome } from '../../platform/channels/channel.ts';
import { createPiiCipher } from '../../platform/crypto.ts';
import { engine } from '../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, TEST_SECRET, type TestSetu } from '../../testing/setu.ts';
import { dispatchNext } from './dispatch.ts';
import { deadDeliveries, deliveryStats, enqueue, registerTopic, saveContactPoint, startDeliveryWorker, type DeliveryTuning } from './index.ts';
import { claim } from './queue.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
const cipher = createPiiCipher(TEST_SECRET);
const db = () => t.database.db;

// A topic addressed to a list of people, so each test reaches only its own.
registerTopic({
  name: 'test.hello',
  purpose: 'org_updates',
  payload: z.object({ ids: z.array(z.number().int()), text: z.string().default('hello') }),
  recipients: (p) => sql<{ person_id: number }>`select v.person_id from (values ${sql.join(p.ids.map((id) => sql`(${id}::int)`))}) v(person_id)`,
  render: (p, lang) => ({ title: lang === 'en' ? 'Hello' : 'नमस्ते', body: `${p.text} (${lang})`, url: '/inbox' }),
});
// A topic whose render throws: every delivery of it is dead with the reason.
registerTopic({
  name: 'test.broken',
  purpose: 'org_updates',
  recipients: (p: { ids: number[] }) => sql<{ person_id: number }>`select unnest(array[${sql.join(p.ids)}]::int[]) as person_id`,
  render: () => {
    throw new Error('no template');
  },
});

/** A channel in the test: records each message with the time it was sent; `answer` decides the outcome. */
function fakeChannel(name: ChannelName, answer: (address: string, m: OutgoingMessage, n: number) => SendOutcome = () => ({ ok: true }), ratePerSecond = 1000) {
  const sent: { address: string; message: OutgoingMessage; at: number }[] = [];
  const channel: Channel = {
    name,
    ratePerSecond,
    async send(address, message) {
      sent.push({ address, message, at: performance.now() });
      return answer(address, message, sent.filter((s) => s.message.id === message.id).length);
    },
  };
  return { channel, sent };
}

const fast: Partial<DeliveryTuning> = { idleMs: 10, retryBaseMs: 20, retryMaxMs: 200 };

/** Runs a worker on these channels until nothing is due, then stops it. */
async function runWorker(channels: Channel[], tuning: Partial<DeliveryTuning> = {}) {
  const worker = startDeliveryWorker({ db: db(), cipher, channels, log: t.log, publicUrl: 'https://setu.example.org', ...fast, ...tuning });
  try {
    await worker.drain(30_000);
  } finally {
    await worker.stop();
  }
}

let phones = 0;
/** A person at a unit, with (by default) live consent to org updates and an SMS contact point. */
async function person(o: { unitId?: number; consent?: boolean; sms?: boolean; push?: boolean; ageBand?: '18_25' | 'under_18'; languages?: string[] } = {}) {
  const phone = `+9193${String(++phones).padStart(8, '0')}`;
  const id = await addPerson(db(), { name: `Person ${phones}`, phone, unitId: o.unitId ?? tree.units.booth1 });
  await db()
    .updateTable('people')
    .set({ age_band: o.ageBand ?? '26_35', languages: o.languages ?? ['hi'] })
    .where('id', '=', id)
    .execute();
  if (o.consent ?? true) await giveConsent(id);
  await db()
    .transaction()
    .execute(async (trx) => {
      if (o.sms ?? true) await saveContactPoint(trx, cipher, { personId: id, channel: 'sms', address: phone });
      if (o.push) {
        const address = JSON.stringify({ endpoint: `https://push.example.org/${id}`, keys: { p256dh: 'k', auth: 'a' } });
        await saveContactPoint(trx, cipher, { personId: id, channel: 'push', address });
      }
    });
  return { id, phone };
}

async function giveConsent(personId: number) {
  const notice = await db().selectFrom('notices').select('id').where('purpose', '=', 'org_updates').executeTakeFirstOrThrow();
  await db().insertInto('consents').values({ person_id: personId, purpose: 'org_updates', notice_id: notice.id, method: 'in_person' }).execute();
}

const deliveriesOf = (outboxId: number) =>
  db().selectFrom('deliveries').selectAll().where('outbox_id', '=', outboxId).orderBy('person_id').orderBy('channel').execute();

const dispatchOpts = { channels: ['sms', 'push'] as ChannelName[], maxAgeMs: 86_400_000, retryBaseMs: 1000 };

/** Dispatches until the queue holds no due outbox row. */
async function dispatchAll() {
  while ((await dispatchNext(db(), dispatchOpts)) !== null);
}

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(db());
});
afterAll(() => t.stop());

describe(`dispatch (${engine})`, () => {
  it('expands an outbox row into one delivery per live contact point, once however often it is dispatched', async () => {
    const a = await person({ push: true });
    const b = await person();
    const outboxId = await db()
      .transaction()
      .execute((trx) => enqueue(trx, { topic: 'test.hello', payload: { ids: [a.id, b.id, a.id] }, dedupeKey: 'hello-1' }));
    expect(await enqueue(db(), { topic: 'test.hello', payload: { ids: [] }, dedupeKey: 'hello-1' })).toBe(outboxId);

    await dispatchAll();
    const first = await deliveriesOf(outboxId);
    expect(first.map((d) => [d.person_id, d.channel, d.status])).toEqual([
      [a.id, 'push', 'queued'],
      [a.id, 'sms', 'queued'],
      [b.id, 'sms', 'queued'],
    ]);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ recipients: 2, silenced: 0, deliveries: 3, queued: 3, sent: 0 });

    // As if the commit had been lost and the row came round again: the unique key makes no second set.
    await db().updateTable('outbox').set({ dispatched_at: null }).where('id', '=', outboxId).execute();
    await dispatchAll();
    expect((await deliveriesOf(outboxId)).map((d) => d.id)).toEqual(first.map((d) => d.id));
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ recipients: 2, deliveries: 0, queued: 3 });
    await db().updateTable('deliveries').set({ status: 'cancelled' }).where('outbox_id', '=', outboxId).execute();
  });

  it('reaches only live adults with live consent to the purpose and a live contact point', async () => {
    const ok = await person();
    const noConsent = await person({ consent: false });
    const withdrawn = await person();
    await db().updateTable('consents').set({ withdrawn_at: new Date(), withdrawal_method: 'self' }).where('person_id', '=', withdrawn.id).execute();
    const child = await person({ ageBand: 'under_18' });
    const erased = await person();
    await db().updateTable('people').set({ erased_at: new Date(), name: '', phone_enc: null, phone_hash: null }).where('id', '=', erased.id).execute();
    const merged = await person();
    await db().updateTable('people').set({ merged_into: ok.id }).where('id', '=', merged.id).execute();
    const disabled = await person();
    await db().updateTable('people').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    const noAddress = await person({ sms: false });
    const revoked = await person();
    await db().updateTable('contact_points').set({ revoked_at: new Date() }).where('person_id', '=', revoked.id).execute();

    const everyone = [ok, noConsent, withdrawn, child, erased, merged, disabled, noAddress, revoked].map((p) => p.id);
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: everyone } });
    await dispatchAll();
    // The merged record's address moved to the record that stays (one person, two records), so `ok` has two.
    expect((await deliveriesOf(outboxId)).map((d) => d.person_id)).toEqual([ok.id, ok.id]);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ recipients: everyone.length, deliveries: 2 });
    // Erasure took the address with it.
    expect(await db().selectFrom('contact_points').select(['address_enc', 'revoked_at']).where('person_id', '=', erased.id).execute()).toEqual([
      { address_enc: null, revoked_at: expect.any(Date) },
    ]);
    await db().updateTable('deliveries').set({ status: 'cancelled' }).where('outbox_id', '=', outboxId).execute();
  });

  it('leaves out people whose home or live position is inside a unit under an active election silence, and counts them', async () => {
    const inBooth = await person({ unitId: tree.units.booth2 }); // Chandausi › … › booth 2
    const worker = await person({ unitId: tree.units.meerutBooth });
    await db().insertInto('positions').values({ person_id: worker.id, unit_id: tree.units.bahjoi, role: 'member', department: null }).execute();
    const outside = await person({ unitId: tree.units.meerutBooth });
    const hour = 3_600_000;
    const silence = (unitId: number, from: number, to: number, cancelled = false) =>
      db()
        .insertInto('silence_periods')
        .values({
          unit_id: unitId,
          starts_at: new Date(Date.now() + from),
          ends_at: new Date(Date.now() + to),
          reason: 'poll',
          cancelled_at: cancelled ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const active = await silence(tree.units.chandausi, -hour, hour);
    await silence(tree.units.meerutCity, -hour, hour, true); // cancelled
    await silence(tree.units.meerutCity, hour, 2 * hour); // not yet
    await silence(tree.units.meerutCity, -2 * hour, -hour); // over

    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: [inBooth.id, worker.id, outside.id] } });
    await dispatchAll();
    expect((await deliveriesOf(outboxId)).map((d) => d.person_id)).toEqual([outside.id]);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ recipients: 3, silenced: 2, deliveries: 1 });
    await db().deleteFrom('silence_periods').execute();
    await db().updateTable('deliveries').set({ status: 'cancelled' }).where('outbox_id', '=', outboxId).execute();
    expect(active.id).toBeGreaterThan(0);
  });

  it('keeps a row whose topic query fails, with the error, and goes on with the next', async () => {
    const p = await person();
    const bad = await enqueue(db(), { topic: 'test.hello', payload: { ids: 'not a list' } });
    const good = await enqueue(db(), { topic: 'test.hello', payload: { ids: [p.id] } });
    expect(await dispatchNext(db(), dispatchOpts)).toBe('failed');
    await dispatchAll();
    expect(await deliveryStats(db(), bad)).toMatchObject({ dispatchedAt: null, error: expect.stringMatching(/^dispatch failed/) });
    expect(await deliveryStats(db(), good)).toMatchObject({ deliveries: 1 });
    await db().updateTable('outbox').set({ dispatched_at: new Date() }).where('id', '=', bad).execute();
    await db().updateTable('deliveries').set({ status: 'cancelled' }).where('outbox_id', '=', good).execute();
  });

  it('closes a row that waited longer than a day without sending it', async () => {
    const p = await person();
    const old = await db()
      .insertInto('outbox')
      .values({ topic: 'test.hello', payload: JSON.stringify({ ids: [p.id] }), created_at: new Date(Date.now() - 2 * 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await dispatchAll();
    expect(await deliveryStats(db(), old.id)).toMatchObject({ dispatchedAt: expect.any(Date), deliveries: 0, error: 'expired before dispatch' });
  });
});

describe(`sending (${engine})`, () => {
  it('sends each delivery in the person’s language with a stable id and an absolute link, and records it sent', async () => {
    const hindi = await person();
    const english = await person({ languages: ['en', 'hi'], push: true });
    const sms = fakeChannel('sms');
    const push = fakeChannel('push');
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: [hindi.id, english.id], text: 'Meeting at 5' } });
    await runWorker([sms.channel, push.channel]);

    const rows = await deliveriesOf(outboxId);
    expect(rows.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    expect(sms.sent.map((s) => [s.address, s.message.title, s.message.body, s.message.lang, s.message.url]).sort()).toEqual(
      [
        [hindi.phone, 'नमस्ते', 'Meeting at 5 (hi)', 'hi', 'https://setu.example.org/inbox'],
        [english.phone, 'Hello', 'Meeting at 5 (en)', 'en', 'https://setu.example.org/inbox'],
      ].sort(),
    );
    expect(JSON.parse(push.sent[0]!.address)).toMatchObject({ endpoint: `https://push.example.org/${english.id}` });
    const ids = rows.map((d) => `setu-${d.id}`).sort();
    expect([...sms.sent, ...push.sent].map((s) => s.message.id).sort()).toEqual(ids);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ queued: 0, sending: 0, sent: 3, dead: 0 });
  });

  it('retries a failing send with growing waits, honouring Retry-After, then records it sent', async () => {
    const p = await person();
    const sms = fakeChannel('sms', (_a, _m, n) =>
      n === 1
        ? { ok: false, permanent: false, reason: 'gateway answered 429', retryAfterMs: 300 }
        : n === 2
          ? { ok: false, permanent: false, reason: 'gateway answered 503' }
          : { ok: true, providerId: 'gw-1' },
    );
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: [p.id] } });
    await runWorker([sms.channel]);

    const [d] = await deliveriesOf(outboxId);
    expect(d).toMatchObject({ status: 'sent', attempts: 3, provider_id: 'gw-1', last_error: null, lease_until: null });
    const at = sms.sent.map((s) => s.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(290); // Retry-After, not the 10–20 ms backoff
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(15); // the second wait: 20 ms × 2, with jitter no less than half
    expect(new Set(sms.sent.map((s) => s.message.id)).size).toBe(1);
  });

  it('gives up at once on a permanent failure, and after the last attempt on a retryable one, keeping the reason', async () => {
    const bad = await person();
    const flaky = await person();
    const sms = fakeChannel('sms', (address) =>
      address === bad.phone ? { ok: false, permanent: true, reason: 'not an E.164 number' } : { ok: false, permanent: false, reason: 'network: ECONNREFUSED' },
    );
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: [bad.id, flaky.id] } });
    await runWorker([sms.channel], { maxAttempts: 3 });

    const rows = await deliveriesOf(outboxId);
    expect(rows.map((d) => [d.person_id, d.status, d.attempts, d.last_error])).toEqual([
      [bad.id, 'dead', 1, 'not an E.164 number'],
      [flaky.id, 'dead', 3, 'gave up after 3 attempts: network: ECONNREFUSED'],
    ]);
    expect((await deadDeliveries(db(), [outboxId])).sort((a, b) => a.person.id - b.person.id)).toMatchObject([
      { person: { id: bad.id }, channel: 'sms', attempts: 1, reason: 'not an E.164 number' },
      { person: { id: flaky.id }, channel: 'sms', attempts: 3 },
    ]);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ dead: 2, sent: 0 });
  });

  it('forgets an address its channel says is gone for good, so later messages do not fail on it again', async () => {
    const gone = await person();
    const stays = await person();
    const sms = fakeChannel('sms', (address) =>
      address === gone.phone ? { ok: false, permanent: true, reason: 'subscription gone', addressGone: true } : { ok: true },
    );
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: [gone.id, stays.id] } });
    await runWorker([sms.channel]);
    expect((await deliveriesOf(outboxId)).map((d) => [d.person_id, d.status])).toEqual([
      [gone.id, 'dead'],
      [stays.id, 'sent'],
    ]);
    const live = await db()
      .selectFrom('contact_points')
      .select('person_id')
      .where('person_id', 'in', [gone.id, stays.id])
      .where('revoked_at', 'is', null)
      .execute();
    expect(live.map((r) => r.person_id)).toEqual([stays.id]);
  });

  it('records a message that cannot be rendered as dead, with the reason', async () => {
    const p = await person();
    const outboxId = await enqueue(db(), { topic: 'test.broken', payload: { ids: [p.id] } });
    const sms = fakeChannel('sms');
    await runWorker([sms.channel]);
    expect((await deliveriesOf(outboxId)).map((d) => [d.status, d.last_error])).toEqual([['dead', 'render failed: no template']]);
    expect(sms.sent).toHaveLength(0);
  });

  it('sends no faster than the channel’s rate: 20 messages at 10 a second take about two seconds', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => person()));
    const sms = fakeChannel('sms', () => ({ ok: true }), 10);
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: people.map((p) => p.id) } });
    await runWorker([sms.channel]);
    expect(sms.sent).toHaveLength(20);
    const span = sms.sent.at(-1)!.at - sms.sent[0]!.at;
    expect(span).toBeGreaterThanOrEqual(1800);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ sent: 20 });
  });

  it('does not send what became unreachable while queued: consent withdrawn, address revoked, silence begun', async () => {
    const stays = await person({ unitId: tree.units.meerutBooth });
    const withdraws = await person({ unitId: tree.units.meerutBooth });
    const revokes = await person({ unitId: tree.units.meerutBooth });
    const silenced = await person({ unitId: tree.units.booth2 }); // Chandausi
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: [stays.id, withdraws.id, revokes.id, silenced.id] } });
    await dispatchAll();
    await db().updateTable('consents').set({ withdrawn_at: new Date(), withdrawal_method: 'self' }).where('person_id', '=', withdraws.id).execute();
    await db().updateTable('contact_points').set({ revoked_at: new Date() }).where('person_id', '=', revokes.id).execute();
    await db()
      .insertInto('silence_periods')
      .values({ unit_id: tree.units.chandausi, starts_at: new Date(Date.now() - 1000), ends_at: new Date(Date.now() + 3_600_000), reason: 'poll' })
      .execute();
    const sms = fakeChannel('sms');
    try {
      await runWorker([sms.channel]);
    } finally {
      await db().deleteFrom('silence_periods').execute();
    }
    expect(sms.sent.map((s) => s.address)).toEqual([stays.phone]);
    expect((await deliveriesOf(outboxId)).map((d) => [d.person_id, d.status, d.last_error])).toEqual([
      [stays.id, 'sent', null],
      [withdraws.id, 'cancelled', 'no longer reachable: consent withdrawn, a child, erased or merged'],
      [revokes.id, 'cancelled', 'contact point revoked'],
      [silenced.id, 'cancelled', 'election silence began'],
    ]);
  });
});

describe(`leases (${engine})`, () => {
  it('takes back deliveries whose sender died once the lease runs out, and sends them with the same id', async () => {
    const people = await Promise.all(Array.from({ length: 3 }, () => person()));
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: people.map((p) => p.id) } });
    await dispatchAll();
    // A sender claims them and dies: they stay `sending` until the lease runs out.
    const held = await claim(db(), 'sms', 10, 300);
    expect(held.map((d) => d.outboxId)).toEqual([outboxId, outboxId, outboxId]);

    const sms = fakeChannel('sms');
    const started = performance.now();
    await runWorker([sms.channel], { leaseMs: 300 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(sms.sent.map((s) => s.message.id).sort()).toEqual(held.map((d) => `setu-${d.id}`).sort());
    expect((await deliveriesOf(outboxId)).map((d) => [d.status, d.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
      ['sent', 2],
    ]);
  });

  it('takes back every unfinished send at once when started as the only process (PGlite), and gives up on one that used every attempt', async () => {
    const [a, b] = [await person(), await person()];
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: [a.id, b.id] } });
    await dispatchAll();
    await claim(db(), 'sms', 10, 3_600_000);
    await db().updateTable('deliveries').set({ attempts: 8 }).where('outbox_id', '=', outboxId).where('person_id', '=', b.id).execute();
    const sms = fakeChannel('sms');
    const worker = startDeliveryWorker({ db: db(), cipher, channels: [sms.channel], log: t.log, recoverOnStart: true, ...fast });
    await worker.drain(5000);
    await worker.stop();
    expect((await deliveriesOf(outboxId)).map((d) => [d.person_id, d.status, d.last_error])).toEqual([
      [a.id, 'sent', null],
      [b.id, 'dead', 'lease expired on the last attempt'],
    ]);
  });

  it('lets two workers share one queue without sending anything twice', async () => {
    const people = await Promise.all(Array.from({ length: 40 }, () => person()));
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: people.map((p) => p.id) } });
    const sms = fakeChannel('sms', () => ({ ok: true }), 200);
    const workers = [1, 2].map(() => startDeliveryWorker({ db: db(), cipher, channels: [sms.channel], log: t.log, ...fast }));
    try {
      await Promise.all(workers.map((w) => w.drain(30_000)));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(sms.sent).toHaveLength(40);
    expect(new Set(sms.sent.map((s) => s.message.id)).size).toBe(40);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ sent: 40 });
  });

  it('gives back what it claimed but did not send when stopped', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, () => person()));
    const outboxId = await enqueue(db(), { topic: 'test.hello', payload: { ids: people.map((p) => p.id) } });
    const sms = fakeChannel('sms', () => ({ ok: true }), 5); // one every 200 ms
    const worker = startDeliveryWorker({ db: db(), cipher, channels: [sms.channel], log: t.log, ...fast });
    while (sms.sent.length < 2) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    const rows = await deliveriesOf(outboxId);
    expect(rows.filter((d) => d.status === 'sent')).toHaveLength(sms.sent.length);
    expect(rows.filter((d) => d.status === 'queued').every((d) => d.attempts === 0 && d.lease_until === null)).toBe(true);
    expect(rows.filter((d) => d.status === 'sending')).toEqual([]);
    await runWorker([fakeChannel('sms').channel]);
    expect(await deliveryStats(db(), outboxId)).toMatchObject({ sent: 5 });
  });
});
