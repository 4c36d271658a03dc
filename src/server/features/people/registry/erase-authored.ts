import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { Storage } from '../../../platform/storage/folder.ts';

/** What erasure cleared outside the person's own rows, counted for the audit. */
export interface AuthoredErased {
  filesErased: number;
  reportsBlanked: number;
  eventNamesBlanked: number;
}

/**
 * Erases what the person put into other features' tables (directives and events are above people, so this reads their
 * tables by name, as the data export does), decided field by field:
 * - every file they uploaded (report photos, event photos, directive attachments): its links and its row go, so no
 *   name, type or size is left; the bytes are removed after commit (removeBytes). A photo may show them, their home or
 *   their GPS, and a file cannot be read for whether it does.
 * - their directive reports keep the row (the unit stays done, the counters stay right) but lose the text and link
 *   they typed: a worker's own words about their booth.
 * - an event's chair, conductor, chief guest or session speaker that is exactly their name is cleared.
 * Kept: what they issued in a role (directive titles and bodies, event titles, descriptions and minutes, silence
 * reasons) is the organisation's record; it can still name them in running text, which is not searched for.
 * Returns the counts and the addresses of bytes that may now belong to nobody.
 */
export async function eraseAuthored(trx: Kysely<Schema>, ids: readonly number[], names: readonly string[]) {
  const files = await trx
    .selectFrom('files')
    .select(['id', 'sha256'])
    .where('uploaded_by', 'in', [...ids])
    .execute();
  const fileIds = files.map((f) => f.id);
  if (fileIds.length > 0) {
    await trx.deleteFrom('event_photos').where('file_id', 'in', fileIds).execute();
    await trx.deleteFrom('directive_files').where('file_id', 'in', fileIds).execute();
    await trx.updateTable('directive_reports').set({ photo_file_id: null }).where('photo_file_id', 'in', fileIds).execute();
    await trx.deleteFrom('files').where('id', 'in', fileIds).execute();
  }
  const reports = await trx
    .updateTable('directive_reports')
    .set({ text: null, link: null })
    .where('reported_by', 'in', [...ids])
    .where((w) => w.or([w('text', 'is not', null), w('link', 'is not', null)]))
    .executeTakeFirst();
  const spelled = [...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0))];
  let eventNamesBlanked = 0;
  if (spelled.length > 0) {
    const { rows } = await sql<{ n: number }>`
      with e as (
        update events set
          chair = case when lower(btrim(chair)) = any(${spelled}::text[]) then null else chair end,
          conductor = case when lower(btrim(conductor)) = any(${spelled}::text[]) then null else conductor end,
          chief_guest = case when lower(btrim(chief_guest)) = any(${spelled}::text[]) then null else chief_guest end
        where lower(btrim(chair)) = any(${spelled}::text[]) or lower(btrim(conductor)) = any(${spelled}::text[])
          or lower(btrim(chief_guest)) = any(${spelled}::text[])
        returning 1),
      s as (update event_sessions set speaker = null where lower(btrim(speaker)) = any(${spelled}::text[]) returning 1)
      select ((select count(*) from e) + (select count(*) from s))::int as n`.execute(trx);
    eventNamesBlanked = rows[0]!.n;
  }
  const erased: AuthoredErased = { filesErased: fileIds.length, reportsBlanked: Number(reports.numUpdatedRows), eventNamesBlanked };
  return { erased, shas: files.map((f) => f.sha256) };
}

/**
 * Removes stored bytes that no file row points at any more (equal bytes are stored once, so another person's upload
 * may share them). Runs after the erasure commits: a rolled-back erasure must find its files whole. A failure here
 * leaves bytes that nothing names; it is logged (without the address's owner) and the erasure stands.
 */
export async function removeBytes(deps: { db: Kysely<Schema>; storage: Storage; log: Logger }, shas: readonly Uint8Array[]) {
  let removed = 0;
  const distinct = new Map(shas.map((sha) => [Buffer.from(sha).toString('hex'), sha]));
  for (const sha of distinct.values()) {
    const still = await deps.db.selectFrom('files').select('id').where('sha256', '=', sha).limit(1).executeTakeFirst();
    if (still) continue;
    try {
      await deps.storage.remove(sha);
      removed++;
    } catch (error) {
      deps.log.error({ err: error }, 'erasure: stored bytes could not be removed');
    }
  }
  return removed;
}
