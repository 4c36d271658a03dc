import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { PositionsImportLine } from '../../../../contracts/positions-import.ts';
import type { Actor } from '../../../platform/http/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { ndjsonStream } from '../../../platform/http/ndjson.ts';
import type { PositionDeps } from '../positions.service.ts';
import { unitInTurf } from '../turf.ts';
import { PositionsCsvError } from './format.ts';
import { importPositions, KEEP_POSITION_REJECTS, openPositionsCsv } from './import.ts';

/**
 * POST /api/units/{id}/positions/import: checks the unit (404 outside the turf, 403 without positions.manage at or
 * above it) and the header (400 csv_invalid), then answers NDJSON lines while the rows are appointed: progress after
 * each chunk, then the summary. Each row is checked as one appointment is (see importPositions).
 */
export async function importPositionsUpload(
  deps: PositionDeps,
  actor: Actor,
  unitId: number,
  body: ReadableStream<Uint8Array> | null,
  ip: string,
): Promise<ReadableStream<Uint8Array>> {
  const unit = await unitInTurf(deps.db, actor.turf, unitId);
  if (!actor.turf.can('positions.manage', unit.path)) throw new AppError('forbidden', 'importing office-bearers needs positions.manage at this unit or above');
  let opened;
  try {
    opened = await openPositionsCsv(body ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>) : Readable.from([]));
  } catch (error) {
    if (error instanceof PositionsCsvError) throw new AppError('csv_invalid', error.message);
    throw error;
  }
  // A caller who goes away does not stop the import: the rows keep being appointed (and audited).
  return ndjsonStream<PositionsImportLine>(async (send) => {
    let rows = 0;
    await importPositions(deps.db, deps.cipher, opened, {
      ip,
      scope: { unitId: unit.id, path: unit.path, actor },
      onProgress: (p) => {
        rows = p.rows;
        send({ type: 'progress', rows: p.rows });
      },
    }).then(
      (r) => {
        const { appointed, existing, peopleAdded, rejected } = r;
        send({
          type: 'done',
          rows: r.rows,
          appointed,
          existing,
          peopleAdded,
          rejected,
          rejects: r.rejects.slice(0, KEEP_POSITION_REJECTS),
          seconds: Math.round(r.seconds * 100) / 100,
        });
      },
      (error: unknown) => {
        if (error instanceof PositionsCsvError) send({ type: 'error', code: 'csv_invalid', message: error.message, rows });
        else {
          deps.log?.error({ err: error, unitId }, 'positions import failed');
          send({ type: 'error', code: 'internal', message: 'the import stopped: something went wrong on the server', rows });
        }
      },
    );
  });
}
