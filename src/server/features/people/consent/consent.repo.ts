import { sql, type Expression, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/http/errors.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The notice a person was shown for a purpose at a version, or `unknown_notice`. */
export async function noticeAt(db: Db, purpose: string, version: number) {
  const notice = await db.selectFrom('notices').selectAll().where('purpose', '=', purpose).where('version', '=', version).executeTakeFirst();
  if (!notice) throw new AppError('unknown_notice', `no notice ${purpose} version ${version}`);
  return notice;
}

/** The latest version of every purpose's notice. */
export async function currentNotices(db: Db) {
  return db
    .selectFrom('notices as n')
    .selectAll()
    .where(({ eb, selectFrom }) =>
      eb(
        'n.version',
        '=',
        selectFrom('notices as m')
          .select(sql<number>`max(m.version)`.as('v'))
          .whereRef('m.purpose', '=', 'n.purpose'),
      ),
    )
    .orderBy('n.purpose')
    .execute();
}

export interface ConsentGiven {
  purpose: string;
  noticeVersion: number;
}

/**
 * Records consents for one person. A purpose the person already has live consent for is left as it is (the first
 * record stands; withdrawal is what closes it). Returns the purposes newly recorded.
 */
export async function recordConsents(
  trx: Transaction<Schema>,
  personId: number,
  given: readonly ConsentGiven[],
  how: { method: 'in_person' | 'self_signup' | 'import'; recordedBy: number | null; evidence?: string | null; at?: Date },
): Promise<string[]> {
  const recorded: string[] = [];
  for (const c of given) {
    const notice = await noticeAt(trx, c.purpose, c.noticeVersion);
    const row = await trx
      .insertInto('consents')
      .values({
        person_id: personId,
        purpose: c.purpose,
        notice_id: notice.id,
        method: how.method,
        evidence: how.evidence ?? null,
        recorded_by: how.recordedBy,
        ...(how.at ? { given_at: how.at } : {}),
      })
      .onConflict((oc) => oc.columns(['person_id', 'purpose']).where('withdrawn_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) recorded.push(c.purpose);
  }
  return recorded;
}

/**
 * SQL condition "this person may be reached for this purpose now": live consent, not a child, not erased or merged.
 * Every send and every group roster reads through it, so a withdrawal takes effect for the next one.
 */
export function reachableFor(purpose: string, person: { id: Expression<number>; ageBand: Expression<string | null> }): RawBuilder<boolean> {
  return sql<boolean>`(${person.ageBand} is distinct from 'under_18' and exists (
    select 1 from consents c where c.person_id = ${person.id} and c.purpose = ${purpose} and c.withdrawn_at is null))`;
}

type NoticeRow = Awaited<ReturnType<typeof currentNotices>>[number];

/** A notice as the API shows it: the hash in hex, which is what a consent proves was shown. */
export function presentNotice(n: NoticeRow) {
  return {
    id: n.id,
    purpose: n.purpose,
    version: n.version,
    titleHi: n.title_hi,
    titleEn: n.title_en,
    textHi: n.text_hi,
    textEn: n.text_en,
    hash: Buffer.from(n.hash).toString('hex'),
    publishedAt: n.published_at.toISOString(),
  };
}

/**
 * Closes the live consent of a person for a purpose, now: every later send and roster reads only open records.
 * Returns the closed record's id, or undefined when there was none live.
 */
export async function withdrawConsent(
  trx: Transaction<Schema>,
  personId: number,
  purpose: string,
  how: { by: number | null; method: 'in_person' | 'self' | 'erasure' | 'merge' },
): Promise<number | undefined> {
  const row = await trx
    .updateTable('consents')
    .set({ withdrawn_at: new Date(), withdrawn_by: how.by, withdrawal_method: how.method })
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Closes every live consent of these people at once (erasure, merge); returns how many were closed. */
export async function withdrawAllConsents(
  trx: Transaction<Schema>,
  personIds: readonly number[],
  how: { by: number | null; method: 'erasure' | 'merge' },
): Promise<number> {
  if (personIds.length === 0) return 0;
  const r = await trx
    .updateTable('consents')
    .set({ withdrawn_at: new Date(), withdrawn_by: how.by, withdrawal_method: how.method })
    .where('person_id', 'in', [...personIds])
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Purposes with live consent, per person. */
export async function livePurposes(db: Db, personIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('consents')
    .select(['person_id', 'purpose'])
    .where('person_id', 'in', [...personIds])
    .where('withdrawn_at', 'is', null)
    .orderBy('purpose')
    .execute();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.purpose]);
  return out;
}

/** Every consent record of these people, newest first, with the notice version and hash each points at. */
export async function consentHistory(db: Db, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('consents as c')
    .innerJoin('notices as n', 'n.id', 'c.notice_id')
    .leftJoin('people as r', 'r.id', 'c.recorded_by')
    .select([
      'c.id',
      'c.person_id',
      'c.purpose',
      'n.version',
      'n.hash',
      'c.method',
      'c.evidence',
      'c.recorded_by',
      'r.name as recorder_name',
      'c.given_at',
      'c.withdrawn_at',
      'c.withdrawn_by',
      'c.withdrawal_method',
    ])
    .where('c.person_id', 'in', [...personIds])
    .orderBy('c.given_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    purpose: r.purpose,
    noticeVersion: r.version,
    noticeHash: Buffer.from(r.hash).toString('hex'),
    method: r.method,
    evidence: r.evidence,
    recordedBy: r.recorded_by === null ? null : { id: r.recorded_by, name: r.recorder_name ?? '' },
    givenAt: r.given_at.toISOString(),
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawnBy: r.withdrawn_by,
    withdrawalMethod: r.withdrawal_method,
  }));
}

type ConsentRecord = Awaited<ReturnType<typeof consentHistory>>[number];

/** A consent record as a person's page shows it: without the person's id and who withdrew it how. */
export const presentConsent = ({ personId: _p, withdrawnBy: _b, withdrawalMethod: _m, ...consent }: ConsentRecord) => consent;
