import { sql, type Kysely } from 'kysely';
import type { ChannelName } from '../../platform/channels/channel.ts';
import type { Schema } from '../../platform/db/index.ts';
import { personRefs, reachableNow, silenced, silentPaths } from './reach.ts';

/** A delivery a sender holds (status `sending`) until `lease_until`; `attempts` counts this try. */
export interface Claimed {
  id: number;
  outboxId: number;
  personId: number;
  contactPointId: number;
  attempts: number;
  topic: string;
  payload: unknown;
  purpose: string;
  addressEnc: Uint8Array | null;
  revoked: boolean;
  /** The person's first language, as written (`en`, `hi`, …), or null. */
  language: string | null;
}

/**
 * Takes up to `limit` due deliveries of a channel, oldest first, in one statement: they become `sending`, leased
 * for `leaseMs`, with one more attempt counted. `for update skip locked`, so processes never take the same row.
 */
export async function claim(db: Kysely<Schema>, channel: ChannelName, limit: number, leaseMs: number): Promise<Claimed[]> {
  const { rows } = await sql<{
    id: number;
    outbox_id: number;
    person_id: number;
    contact_point_id: number;
    attempts: number;
    topic: string;
    payload: unknown;
    purpose: string;
    address_enc: Uint8Array | null;
    revoked: boolean;
    language: string | null;
  }>`
    with c as (
      update deliveries d
      set status = 'sending', attempts = d.attempts + 1, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
      where d.id = any(array(
        select q.id from deliveries q
        where q.status = 'queued' and q.channel = ${channel} and q.next_at <= now()
        order by q.next_at limit ${limit}
        for update skip locked))
      returning d.id, d.outbox_id, d.person_id, d.contact_point_id, d.attempts, d.next_at
    )
    select c.id, c.outbox_id, c.person_id, c.contact_point_id, c.attempts, o.topic, o.payload, o.purpose, cp.address_enc,
      cp.revoked_at is not null as revoked, p.languages[1] as language
    from c
    join outbox o on o.id = c.outbox_id
    join contact_points cp on cp.id = c.contact_point_id
    join people p on p.id = c.person_id
    order by c.next_at, c.id`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    outboxId: r.outbox_id,
    personId: r.person_id,
    contactPointId: r.contact_point_id,
    attempts: r.attempts,
    topic: r.topic,
    payload: r.payload,
    purpose: r.purpose,
    addressEnc: r.address_enc,
    revoked: r.revoked,
    language: r.language,
  }));
}

/** Why a claimed delivery must not be sent after all, by person id: the same rules as at dispatch, read now. */
export async function stoppedSince(db: Kysely<Schema>, purpose: string, personIds: readonly number[]): Promise<Map<number, 'not_reachable' | 'silence'>> {
  const out = new Map<number, 'not_reachable' | 'silence'>();
  if (personIds.length === 0) return out;
  const { rows } = await sql<{ id: number; reachable: boolean; silenced: boolean }>`
    select p.id, ${reachableNow(purpose, personRefs('p'))} as reachable, ${silenced(sql.ref('silent.paths'), personRefs('p'))} as silenced
    from people p cross join (select ${silentPaths} as paths) silent
    where p.id in (${sql.join(personIds)})`.execute(db);
  for (const r of rows) {
    if (!r.reachable) out.set(r.id, 'not_reachable');
    else if (r.silenced) out.set(r.id, 'silence');
  }
  return out;
}

/**
 * The settlements of a claimed delivery. Each touches the row only while this attempt still holds it (`sending` with
 * the same `attempts`), so a sender whose lease ran out cannot overwrite the outcome of the one that took it over.
 * Each is its own short statement, run right after the send: the in-flight window is the sends under way, not a batch.
 */
const held = (id: number, attempts: number) => sql<boolean>`id = ${id}::bigint and status = 'sending' and attempts = ${attempts}`;

export async function markSent(db: Kysely<Schema>, d: Pick<Claimed, 'id' | 'attempts'>, providerId: string | undefined): Promise<boolean> {
  const r = await db
    .updateTable('deliveries')
    .set({ status: 'sent', sent_at: sql`now()`, lease_until: null, last_error: null, provider_id: providerId?.slice(0, 200) ?? null })
    .where(held(d.id, d.attempts))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function retryLater(db: Kysely<Schema>, d: Pick<Claimed, 'id' | 'attempts'>, delayMs: number, reason: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'queued', lease_until: null, next_at: sql`now() + make_interval(secs => ${delayMs / 1000})`, last_error: reason.slice(0, 500) })
    .where(held(d.id, d.attempts))
    .execute();
}

export async function markDead(db: Kysely<Schema>, d: Pick<Claimed, 'id' | 'attempts'>, reason: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'dead', lease_until: null, last_error: reason.slice(0, 500) })
    .where(held(d.id, d.attempts))
    .execute();
}

export async function cancel(db: Kysely<Schema>, ds: readonly Pick<Claimed, 'id' | 'attempts'>[], reason: string): Promise<void> {
  if (ds.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({ status: 'cancelled', lease_until: null, last_error: reason })
    .where((eb) => eb.or(ds.map((d) => eb.and([eb('id', '=', d.id), eb('attempts', '=', d.attempts)]))))
    .where('status', '=', 'sending')
    .execute();
}

/** Gives claimed deliveries back untried (the worker is stopping): queued again at once, this attempt not counted. */
export async function release(db: Kysely<Schema>, ds: readonly Pick<Claimed, 'id' | 'attempts'>[]): Promise<void> {
  if (ds.length === 0) return;
  await db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'queued', lease_until: null, attempts: eb('attempts', '-', 1) }))
    .where((eb) => eb.or(ds.map((d) => eb.and([eb('id', '=', d.id), eb('attempts', '=', d.attempts)]))))
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Takes back deliveries whose lease ran out (the process sending them died, or `everything`: at the start of the only
 * process that can open this database). They are queued again to be sent with the same message id, or given up as
 * dead when they have used every attempt (a message that crashes the sender must not crash it forever).
 */
export async function recoverLeases(db: Kysely<Schema>, maxAttempts: number, everything = false): Promise<number> {
  const r = await db
    .updateTable('deliveries')
    .set({
      status: sql`case when attempts >= ${maxAttempts} then 'dead' else 'queued' end`,
      last_error: sql`case when attempts >= ${maxAttempts} then 'lease expired on the last attempt' else last_error end`,
      lease_until: null,
      next_at: sql`now()`,
    })
    .where('status', '=', 'sending')
    .$if(!everything, (q) => q.where('lease_until', '<', sql<Date>`now()`))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Whether work remains: an outbox row of these topics due for dispatch, or a delivery on these channels queued (now
 * or for a retry later) or being sent. A row whose dispatch failed and waits is not counted.
 */
export async function workPending(db: Kysely<Schema>, topics: readonly string[], channels: readonly ChannelName[]): Promise<boolean> {
  const t = topics.length ? sql.join(topics) : sql`null`;
  const c = channels.length ? sql.join(channels) : sql`null`;
  const { rows } = await sql<{ pending: boolean }>`select (
    exists (select 1 from outbox where dispatched_at is null and next_at <= now() and topic in (${t}))
    or exists (select 1 from deliveries where status in ('queued', 'sending') and channel in (${c}))) as pending`.execute(db);
  return rows[0]!.pending;
}

/** Forgets an address its channel says will never work again (a push subscription the service dropped). */
export async function forgetAddress(db: Kysely<Schema>, contactPointId: number): Promise<void> {
  await db.updateTable('contact_points').set({ revoked_at: new Date() }).where('id', '=', contactPointId).where('revoked_at', 'is', null).execute();
}
