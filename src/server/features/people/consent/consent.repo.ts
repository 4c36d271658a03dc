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
