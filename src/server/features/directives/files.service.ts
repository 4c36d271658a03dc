import type { FileRef } from '../../../contracts/directives.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { cleanUpload, nameFor } from '../../platform/media/clean.ts';
import { recordAudit } from '../audit/index.ts';
import { follows } from './access.ts';
import type { DirectivesDeps } from './deps.ts';
import { myTargetUnits } from './directives.repo.ts';

export const FILE_MAX_BYTES = 10 * 2 ** 20;

/**
 * Stores an upload; it can then be attached to a directive or a report by the person who uploaded it. Neither the
 * declared type nor the name decides what it is: cleanUpload reads the bytes, refuses what is not a photo or a PDF,
 * and re-encodes photos without their metadata. Only the cleaned bytes are stored: the original is never kept.
 */
export async function uploadFile(deps: DirectivesDeps, actor: Actor, name: string, bytes: Uint8Array): Promise<FileRef> {
  if (bytes.byteLength === 0) throw new AppError('validation', 'the file is empty', [{ path: 'body', message: 'not empty' }]);
  if (bytes.byteLength > FILE_MAX_BYTES) throw new AppError('payload_too_large', 'files are at most 10 MB');
  const clean = await cleanUpload(bytes);
  const sha256 = await deps.storage.put(clean.bytes);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('files')
      .values({ sha256, name: nameFor(name.slice(0, 200) || 'file', clean.mime), mime: clean.mime, size: clean.bytes.byteLength, uploaded_by: actor.personId })
      .returning(['id', 'name', 'mime', 'size'])
      .executeTakeFirstOrThrow();
    // The content's hash and type, not its name (which people write, sometimes with someone's name in it).
    await recordAudit(trx, {
      actorId: actor.personId,
      action: 'file.upload',
      targetType: 'file',
      targetId: row.id,
      details: { sha256: Buffer.from(sha256).toString('hex'), mime: clean.mime, size: clean.bytes.byteLength },
    });
    return row;
  });
}

/** Another feature's answer to "may this caller open this file?" (an event's photos, say). */
export type FileReader = (db: DirectivesDeps['db'], actor: Actor, fileId: number) => Promise<boolean>;
const readers: FileReader[] = [];

/** Lets a feature that shows files (uploaded here) say who may open them. */
export function registerFileReader(reader: FileReader): void {
  if (!readers.includes(reader)) readers.push(reader);
}

/**
 * A file the caller may open: one they uploaded, one attached to a directive they receive or follow, the photo of a
 * report from a unit in their turf, or one another feature shows them (registerFileReader).
 */
export async function openFile(deps: DirectivesDeps, actor: Actor, id: number) {
  const file = await deps.db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!file) throw notFound('file');
  if (
    file.uploaded_by !== actor.personId &&
    !(await attachedVisibly(deps, actor, id)) &&
    !(await reportedVisibly(deps, actor, id)) &&
    !(await shownElsewhere(deps, actor, id))
  )
    throw notFound('file');
  return { file, bytes: await deps.storage.get(file.sha256) };
}

async function shownElsewhere(deps: DirectivesDeps, actor: Actor, fileId: number) {
  for (const reader of readers) if (await reader(deps.db, actor, fileId)) return true;
  return false;
}

async function attachedVisibly(deps: DirectivesDeps, actor: Actor, fileId: number) {
  const rows = await deps.db
    .selectFrom('directive_files as df')
    .innerJoin('directives as d', 'd.id', 'df.directive_id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'u.path'])
    .where('df.file_id', '=', fileId)
    .execute();
  for (const d of rows) if ((await follows(deps.db, actor.turf, d.id, d.path)) || (await myTargetUnits(deps.db, d.id, actor.personId)).length > 0) return true;
  return false;
}

async function reportedVisibly(deps: DirectivesDeps, actor: Actor, fileId: number) {
  const rows = await deps.db
    .selectFrom('directive_reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select('u.path')
    .where('r.photo_file_id', '=', fileId)
    .execute();
  return rows.some((r) => actor.turf.covers(r.path));
}
