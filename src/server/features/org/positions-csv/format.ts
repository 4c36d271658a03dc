/**
 * The positions CSV (docs/POSITIONS_CSV.md): one appointment per row, for `setu import positions` and the web upload.
 * A row names the unit by code, the role and department by their codes, and the person by name and phone.
 */
import { CsvError, type RejectsFormat } from '../../../platform/csv/index.ts';

export const POSITIONS_CSV_COLUMNS = ['unit_code', 'role', 'department', 'name', 'phone'] as const;
export type PositionsColumn = (typeof POSITIONS_CSV_COLUMNS)[number];

/** Columns a file must carry; department may be left out (no department). */
export const REQUIRED_POSITION_COLUMNS: readonly PositionsColumn[] = ['unit_code', 'role', 'name', 'phone'];

/** Why a row was refused: stable codes that scripts and the web app match on; the English reason says what to fix. */
export type PositionRejectCode =
  | 'bad_csv'
  | 'bad_encoding'
  | 'column_count'
  | 'missing_unit'
  | 'unknown_unit'
  | 'unit_archived'
  | 'not_allowed'
  | 'missing_role'
  | 'unknown_role'
  | 'unknown_department'
  | 'missing_name'
  | 'bad_name'
  | 'name_too_long'
  | 'missing_phone'
  | 'bad_phone'
  | 'db_error';

/** One refused row: the physical line it starts on (the header is line 1), a stable code, and the reason in English. */
export interface PositionReject {
  line: number;
  code: PositionRejectCode;
  reason: string;
}

/** The file cannot be read as a positions CSV at all (no header, missing columns, UTF-16…): nothing was written. */
export class PositionsCsvError extends CsvError {
  override readonly name = 'PositionsCsvError';
}

/** The rejects report (line,code,reason): it names lines, never the people on them. */
export const POSITION_REJECTS_FORMAT: RejectsFormat<PositionReject> = {
  columns: ['line', 'code', 'reason'],
  fields: (r) => [r.line, r.code, r.reason],
  fail: (message) => new PositionsCsvError(message),
};
