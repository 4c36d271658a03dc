/**
 * The people CSV format shared by import and export (docs/PEOPLE_CSV.md): its columns, the reasons a row is
 * refused, and how list fields are written.
 */
import { PEOPLE_CSV_COLUMNS, type PeopleReject } from '../../../../contracts/people-import.ts';
import { CsvError, type RejectsFormat } from '../../../platform/csv/index.ts';

export { PEOPLE_CSV_COLUMNS };
export type PeopleColumn = (typeof PEOPLE_CSV_COLUMNS)[number];

/** Columns a file must carry; the others may be left out (a plain "name,phone,unit_code" sheet imports). */
export const REQUIRED_COLUMNS: readonly PeopleColumn[] = ['name', 'phone', 'unit_code'];

/** Why a row was refused: stable codes that scripts and the web app match on; the English reason says what to fix. */
export type RejectCode =
  | 'bad_csv'
  | 'bad_encoding'
  | 'column_count'
  | 'missing_name'
  | 'bad_name'
  | 'name_too_long'
  | 'bad_phone'
  | 'missing_unit'
  | 'unknown_unit'
  | 'unit_archived'
  | 'unit_outside_turf'
  | 'bad_whatsapp'
  | 'bad_age_band'
  | 'bad_language'
  | 'bad_tags'
  | 'bad_notes'
  | 'notes_too_long'
  | 'unknown_purpose'
  | 'no_evidence'
  | 'minor_consent'
  | 'db_error';

/** One refused row: the physical line it starts on (the header is line 1), a stable code, and the reason in English. */
export interface Reject extends PeopleReject {
  code: RejectCode;
}

/** The file cannot be read as a people CSV at all (no header, missing columns, UTF-16…): nothing was written. */
export class PeopleCsvError extends CsvError {
  override readonly name = 'PeopleCsvError';
}

/** The rejects report (line,code,reason). It names lines, never the people on them: the input file is where they are. */
export const REJECTS_FORMAT: RejectsFormat<Reject> = {
  columns: ['line', 'code', 'reason'],
  fields: (r) => [r.line, r.code, r.reason],
  fail: (message) => new PeopleCsvError(message),
};

/** Lists (languages, tags, consent purposes) are written in one field, separated by semicolons. */
export const LIST_SEPARATOR = ';';

/** Indian digit grouping for people reading counts: 1,23,456. */
export const formatCount = (n: number) => n.toLocaleString('en-IN');
