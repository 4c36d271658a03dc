/**
 * The units CSV format shared by import and export (docs/UNITS_CSV.md): its columns, what a valid code and name
 * are, the reasons a row is refused, and how a field is written.
 */
import { CsvError, type RejectsFormat } from '../../../platform/csv/index.ts';

export { csvField, csvLine } from '../../../platform/csv/index.ts';

/** The header every file must carry, in the order export writes it. */
export const UNIT_COLUMNS = ['code', 'parent_code', 'level', 'name_en', 'name_hi'] as const;
export type UnitColumn = (typeof UNIT_COLUMNS)[number];

/** The same rule as the `units.code` check constraint, so a code that passes here is never refused by the database. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$/;

/** The `units.name_*` check: 1–200 characters. */
export const MAX_NAME_LENGTH = 200;

/** Why a row was refused: stable codes that scripts may match on; the English message says what to fix. */
export type RejectReason =
  | 'bad_csv'
  | 'bad_encoding'
  | 'column_count'
  | 'missing_field'
  | 'bad_code'
  | 'bad_name'
  | 'name_too_long'
  | 'unknown_level'
  | 'missing_parent'
  | 'unknown_parent'
  | 'parent_rejected'
  | 'parent_archived'
  | 'level_order'
  | 'duplicate_in_file'
  | 'parent_changed'
  | 'level_changed'
  | 'db_error';

/** One refused row, as the rejects report lists it. */
export interface Reject {
  /** Physical line in the file where the row starts; the header is line 1. */
  line: number;
  code: string;
  reason: RejectReason;
  message: string;
}

/** The file cannot be read as a units CSV at all (missing header columns, not UTF-8, …): nothing was written. */
export class UnitsCsvError extends CsvError {
  override readonly name = 'UnitsCsvError';
}

/** The rejects report (line,code,reason,message). */
export const REJECTS_FORMAT: RejectsFormat<Reject> = {
  columns: ['line', 'code', 'reason', 'message'],
  fields: (r) => [r.line, r.code, r.reason, r.message],
  fail: (message) => new UnitsCsvError(message),
};

/** Characters as PostgreSQL's length() counts them (code points), not UTF-16 units. */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--; // the second half of a surrogate pair
  }
  return n;
}

/** Indian digit grouping for people reading counts: 1,23,456. */
export const formatCount = (n: number) => n.toLocaleString('en-IN');
