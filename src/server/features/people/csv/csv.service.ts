import { PassThrough, Readable } from 'node:stream';
import type { ImportLine } from '../../../../contracts/people-import.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { ndjsonStream } from '../../../platform/http/ndjson.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { unitInTurf } from '../../org/index.ts';
import type { PeopleDeps } from '../deps.ts';
import { PeopleCsvError } from './format.ts';
import { KEEP_REJECTS, importPeople, openPeopleCsv } from './import.ts';
import { auditExport, writePeopleCsv } from './export.ts';

/** The web upload may be this large; it is read as it arrives, never held whole. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * POST /api/units/{id}/people/import: checks the unit (404 outside the turf, 403 without people.manage at or above
 * it) and the header (400 csv_invalid), then answers a stream of NDJSON lines while the import runs: progress after
 * each batch, then the summary. Rows whose unit is not under this unit are refused one by one.
 */
export async function importForUnit(
  deps: PeopleDeps,
  actor: Actor,
  unitId: number,
  body: ReadableStream<Uint8Array> | null,
  query: { evidence?: string | undefined },
  ip: string,
): Promise<ReadableStream> {
  const unit = await unitInTurf(deps.db, actor.turf, unitId);
  if (!actor.turf.can('people.manage', unit.path)) throw new AppError('forbidden', 'importing people needs people.manage at this unit or above');
  let opened;
  try {
    opened = await openPeopleCsv(body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]));
  } catch (error) {
    if (error instanceof PeopleCsvError) throw new AppError('csv_invalid', error.message);
    throw error;
  }
  // A caller who goes away does not stop the import: the rows keep being written (and audited).
  return ndjsonStream<ImportLine>(async (send) => {
    let rows = 0;
    await importPeople(deps.db, deps.cipher, opened, {
      actorId: actor.personId,
      ip,
      evidence: query.evidence ?? null,
      scope: { unitId: unit.id, path: unit.path, turf: actor.turf },
      onProgress: (p) => {
        rows = p.rows;
        send({ type: 'progress', rows: p.rows });
      },
    }).then(
      (r) => {
        const { inserted, existing, rejected } = r;
        send({
          type: 'done',
          rows: r.rows,
          inserted,
          existing,
          rejected,
          rejects: r.rejects.slice(0, KEEP_REJECTS),
          seconds: Math.round(r.seconds * 100) / 100,
        });
      },
      (error: unknown) => {
        if (error instanceof PeopleCsvError) send({ type: 'error', code: 'csv_invalid', message: error.message, rows });
        else {
          deps.log.error({ err: error, unitId }, 'people import failed');
          send({ type: 'error', code: 'internal', message: 'the import stopped: something went wrong on the server', rows });
        }
      },
    );
  });
}

/**
 * GET /api/units/{id}/people/export: people whose home unit is in the subtree, with whole numbers, as CSV. Needs
 * people.export at or above the unit, and leaves out those the caller has no power over (positions at or above their
 * own rank); audited with the count before the first byte is sent.
 */
export async function exportForUnit(deps: PeopleDeps, actor: Actor, unitId: number, ip: string): Promise<{ body: ReadableStream; fileName: string }> {
  const unit = await unitInTurf(deps.db, actor.turf, unitId);
  if (!actor.turf.can('people.export', unit.path)) throw new AppError('forbidden', 'exporting people needs people.export at this unit or above');
  const options = { root: { id: unit.id, path: unit.path }, actorId: actor.personId, grants: actor.turf.grants('people.export'), ip, bom: true };
  await auditExport(deps.db, options);
  const out = new PassThrough();
  writePeopleCsv(deps.db, deps.cipher, out, options).then(
    () => out.end(),
    (error: unknown) => {
      deps.log.error({ err: error, unitId }, 'people export failed');
      out.destroy(error as Error);
    },
  );
  return { body: Readable.toWeb(out) as ReadableStream, fileName: `setu-people-${unit.code ?? unit.id}.csv` };
}
