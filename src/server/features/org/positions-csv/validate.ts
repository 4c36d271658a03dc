import { nameProblem, normaliseName, trimSpaces } from '../../../../contracts/text.ts';
import { restoreCell, type CsvRecord } from '../../../platform/csv/index.ts';
import { normaliseImportedPhone } from '../../people/index.ts';
import {
  POSITIONS_CSV_COLUMNS,
  PositionsCsvError,
  REQUIRED_POSITION_COLUMNS,
  type PositionReject,
  type PositionRejectCode,
  type PositionsColumn,
} from './format.ts';

/** A row that passed every check that needs no database. */
export interface PositionRow {
  line: number;
  unitCode: string;
  role: string;
  /** null: no department. */
  department: string | null;
  /** Under the API's rule for names, normalised as the API stores it. */
  name: string;
  /** E.164. */
  phone: string;
}

/** Where each column sits in this file's header (-1: absent); other columns are allowed and ignored. */
export type PositionColumns = { readonly [K in PositionsColumn]: number } & { readonly width: number };

/** Reads the header; a file without the required columns is not a positions file, and nothing is written. */
export function readPositionsHeader(record: CsvRecord | undefined): PositionColumns {
  const expected = POSITIONS_CSV_COLUMNS.join(',');
  if (!record) throw new PositionsCsvError(`the file is empty; the first line must be the header: ${expected}`);
  const names = record.fields.map((f) =>
    f
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase(),
  );
  const index: Record<string, number> = { width: names.length };
  for (const column of POSITIONS_CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at === -1 && REQUIRED_POSITION_COLUMNS.includes(column))
      throw new PositionsCsvError(
        `the header has no ${column} column; the first line must name at least ${REQUIRED_POSITION_COLUMNS.join(',')} (all columns: ${expected})`,
      );
    if (at !== -1 && names.indexOf(column, at + 1) !== -1) throw new PositionsCsvError(`the header names ${column} twice`);
    index[column] = at;
  }
  return index as PositionColumns;
}

/** A record with nothing on it: skipped, not counted. */
export const isBlankRecord = (r: CsvRecord) => r.fields.length === 1 && r.fields[0]!.trim() === '' && !r.error;

/** The checks a row can fail on its own: the first problem, or the row ready for its unit, role and person. */
export function validatePositionRow(record: CsvRecord, columns: PositionColumns): PositionRow | PositionReject {
  const { line, fields } = record;
  const reject = (code: PositionRejectCode, reason: string): PositionReject => ({ line, code, reason });
  const cell = (c: PositionsColumn) => (columns[c] === -1 ? '' : (fields[columns[c]] ?? ''));
  // A cell the export escaped against formulas (neutraliseCell) taken back to what was meant.
  const get = (c: PositionsColumn) => restoreCell(cell(c).trim());

  if (record.error) return reject('bad_csv', `not valid CSV: ${record.error}`);
  if (fields.length !== columns.width) return reject('column_count', `expected ${columns.width} fields as in the header, found ${fields.length}`);
  if (fields.some((f) => f.includes('\uFFFD'))) return reject('bad_encoding', 'the row has bytes that are not UTF-8; save the file as "CSV UTF-8"');

  const unitCode = get('unit_code');
  if (unitCode === '') return reject('missing_unit', 'unit_code is empty');
  const role = get('role').toLowerCase();
  if (role === '') return reject('missing_role', 'role is empty');
  const department = get('department').toLowerCase() || null;

  // The API's rule for names, on the name as written (a tab at its edge is refused, not trimmed away).
  const written = restoreCell(trimSpaces(cell('name')));
  const refused = nameProblem(written);
  if (refused) return reject('bad_name', `name ${refused}`);
  const name = normaliseName(written);
  if (name === '') return reject('missing_name', 'name is empty');
  if ([...name].length > 200) return reject('name_too_long', `name has ${[...name].length} characters; at most 200 are allowed`);

  const phoneText = get('phone');
  if (phoneText === '') return reject('missing_phone', 'phone is empty: an office-bearer signs in with it');
  const phone = normaliseImportedPhone(phoneText);
  if (phone === null) return reject('bad_phone', 'phone is not a valid number (an Indian mobile: 10 digits, or +91 and 10 digits)');
  return { line, unitCode, role, department, name, phone };
}
