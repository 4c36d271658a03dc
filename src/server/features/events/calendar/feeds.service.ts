import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadTurf } from '../../org/index.ts';
import { myEventRows, unitEventRows } from '../read.service.ts';
import { eventEntry, renderCalendar, type FeedLang } from './ics.ts';
import { sourcedEntries } from './sources.ts';

/** A feed's secret token: derived from its id with the server's key, so it can be shown again but not guessed. */
const tokenOf = (cipher: PiiCipher, id: string) => Buffer.from(cipher.blindIndex(id, 'calendar-feed')).toString('base64url');
const hashOf = (token: string) => new Uint8Array(createHash('sha256').update(token).digest());

const feedUrl = (base: string, token: string) => `${base}/api/calendar/${token}.ics`;

export async function createFeed(db: Kysely<Schema>, cipher: PiiCipher, actor: Actor, unitId: number | undefined, base: string) {
  if (unitId !== undefined) {
    const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!unit || !actor.turf.covers(unit.path)) throw notFound('unit');
  }
  const id = randomUUID();
  const token = tokenOf(cipher, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_feeds')
      .values({ id, token_hash: hashOf(token), person_id: actor.personId, unit_id: unitId ?? null })
      .execute();
    // A new standing key to the caller's calendar: recorded by its id, never its token.
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'calendar_feed.create',
      targetType: 'calendar_feed',
      targetId: id,
      details: { unitId: unitId ?? null },
    });
  });
  return (await listFeeds(db, cipher, actor, base)).find((f) => f.id === id)!;
}

/** The caller's live feeds with their addresses. */
export async function listFeeds(db: Kysely<Schema>, cipher: PiiCipher, actor: Actor, base: string) {
  const rows = await db
    .selectFrom('calendar_feeds as f')
    .leftJoin('units as u', 'u.id', 'f.unit_id')
    .select(['f.id', 'f.created_at', 'u.id as unit_id', 'u.level', 'u.name_en', 'u.name_hi'])
    .where('f.person_id', '=', actor.personId)
    .where('f.revoked_at', 'is', null)
    .orderBy('f.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unit: r.unit_id === null ? null : { id: r.unit_id, level: r.level!, nameEn: r.name_en!, nameHi: r.name_hi! },
    url: feedUrl(base, tokenOf(cipher, r.id)),
    createdAt: r.created_at.toISOString(),
  }));
}

/** Stops a feed: its address answers 404 from now on. */
export async function revokeFeed(db: Kysely<Schema>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('calendar_feeds')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('person_id', '=', actor.personId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('feed');
    await recordAudit(trx, { actorId: actor.personId, action: 'calendar_feed.revoke', targetType: 'calendar_feed', targetId: id });
  });
}

/**
 * The calendar behind a feed's address, read as its owner would read their events now: a person who left the unit,
 * or was disabled, gets nothing (404), like a revoked feed. A unit's feed has the events held at it and below it, a
 * person's the events they are invited to or organise; both have the phases of the campaigns that concern them.
 */
export async function feedCalendar(db: Kysely<Schema>, token: string, lang: FeedLang, base: string): Promise<string> {
  const feed = await db
    .selectFrom('calendar_feeds as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select(['f.person_id', 'f.unit_id'])
    .where('f.token_hash', '=', hashOf(token))
    .where('f.revoked_at', 'is', null)
    .where('p.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!feed) throw notFound('feed');
  const actor: Actor = { personId: feed.person_id, sessionId: 'calendar-feed', turf: await loadTurf(db, feed.person_id) };
  const from = new Date(Date.now() - 30 * 86_400_000);
  const to = new Date(Date.now() + 366 * 86_400_000);
  const window = { from: from.toISOString(), to: to.toISOString(), limit: 500 };
  const events = feed.unit_id === null ? await myEventRows(db, actor, window) : await unitEventRows(db, actor, feed.unit_id, window, true);
  const entries = [
    ...events.map((e) => eventEntry(e, lang, base)),
    ...(await sourcedEntries(db, { actor, unitId: feed.unit_id, from, to, lang, appUrl: base })),
  ];
  const { id: installationId } = await db.selectFrom('installation').select('id').executeTakeFirstOrThrow();
  if (feed.unit_id === null) return renderCalendar(lang === 'en' ? 'My Setu events' : 'मेरे सेतु कार्यक्रम', entries, lang, installationId);
  const unit = await db.selectFrom('units').select(['name_en', 'name_hi']).where('id', '=', feed.unit_id).executeTakeFirstOrThrow();
  return renderCalendar(lang === 'en' ? unit.name_en : unit.name_hi, entries, lang, installationId);
}
