import { z } from 'zod';

/**
 * The people CSV (docs/PEOPLE_CSV.md): one person per row, the same columns for `setu import people`, the web
 * upload and `setu export people`.
 */
export const PEOPLE_CSV_COLUMNS = ['name', 'phone', 'unit_code', 'whatsapp', 'age_band', 'languages', 'tags', 'notes', 'consent'] as const;

/** A row that was not imported, and why (a stable code, for the rejects report). */
export const PeopleReject = z.object({ line: z.number().int(), code: z.string(), reason: z.string() });
export type PeopleReject = z.infer<typeof PeopleReject>;

/**
 * POST /api/units/{id}/people/import answers as it goes, one JSON object per line (application/x-ndjson): progress
 * lines while rows are read, then one summary line. Query: `evidence` (required when rows carry consent: where the
 * paper forms are, who collected them; never personal data).
 */
export const ImportProgress = z.object({ type: z.literal('progress'), rows: z.number().int() });
export const ImportSummary = z.object({
  type: z.literal('done'),
  rows: z.number().int(),
  inserted: z.number().int(),
  /** Rows that matched someone already there (same phone and name in that unit): nothing new was written. */
  existing: z.number().int(),
  rejected: z.number().int(),
  /** The first rejects (up to 1,000); the CLI writes them all to a file. */
  rejects: z.array(PeopleReject),
  seconds: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;
/**
 * The import stopped part way (the file turned out not to be readable as CSV, or the database failed): the batches
 * before were written (the audit row has the counts); `rows` were read.
 */
export const ImportFailed = z.object({ type: z.literal('error'), code: z.string(), message: z.string(), rows: z.number().int() });
export const ImportLine = z.discriminatedUnion('type', [ImportProgress, ImportSummary, ImportFailed]);
export type ImportLine = z.infer<typeof ImportLine>;
