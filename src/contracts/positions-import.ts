import { z } from 'zod';

/** The positions CSV (docs/POSITIONS_CSV.md): one appointment per row, for `setu import positions` and the web upload. */
export const POSITIONS_CSV_HEADER = 'unit_code,role,department,name,phone';

/** A row that was not imported, and why (a stable code, for the rejects report). */
export const PositionsImportReject = z.object({ line: z.number().int(), code: z.string(), reason: z.string() });

/**
 * POST /api/units/{id}/positions/import answers as it goes, one JSON object per line (application/x-ndjson): progress
 * lines while rows are read, then one summary line (or an error line if it stopped part way).
 */
export const PositionsImportLine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), rows: z.number().int() }),
  z.object({
    type: z.literal('done'),
    rows: z.number().int(),
    /** Positions written. */
    appointed: z.number().int(),
    /** Rows whose person already held the position: nothing written (importing a file again appoints no one). */
    existing: z.number().int(),
    /** People added because nobody with that phone and name was known. */
    peopleAdded: z.number().int(),
    rejected: z.number().int(),
    /** The first rejects (up to 1,000). */
    rejects: z.array(PositionsImportReject),
    seconds: z.number(),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), rows: z.number().int() }),
]);
export type PositionsImportLine = z.infer<typeof PositionsImportLine>;
