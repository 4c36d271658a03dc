import { nameProblem, normaliseName, trimSpaces } from '../../../../contracts/text.ts';
import { restoreCell, type CsvRecord } from '../../../platform/csv/index.ts';
import { CODE_PATTERN, MAX_NAME_LENGTH, UNIT_COLUMNS, UnitsCsvError, charLength, type Reject, type UnitColumn } from './format.ts';

/** A row that passed every check that needs no database: what is left is where it sits in the tree. */
export interface Candidate {
  line: number;
  code: string;
  /** Empty for a root. */
  parentCode: string;
  level: string;
  depth: number;
  nameEn: string;
  nameHi: string;
}

/** The configured levels: code → depth, and the shallowest, the only level that may be a root. */
export interface Levels {
  depths: ReadonlyMap<string, number>;
  top: { code: string; depth: number };
}

/** Where each column sits in this file's header; other columns are allowed and ignored. */
export type ColumnIndex = { readonly [K in UnitColumn]: number } & { readonly width: number };

/** Reads the header; a file without the five columns is not a units file, and nothing is written. */
export function readHeader(record: CsvRecord | undefined): ColumnIndex {
  if (!record) throw new UnitsCsvError('the file is empty; the first line must be the header: ' + UNIT_COLUMNS.join(','));
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const index: Record<string, number> = { width: names.length };
  for (const column of UNIT_COLUMNS) {
    const at = names.indexOf(column);
    if (at === -1) {
      throw new UnitsCsvError(
        `the header has no ${column} column; the first line must be: ${UNIT_COLUMNS.join(',')} (found: ${record.fields.join(',').slice(0, 200)})`,
      );
    }
    if (names.indexOf(column, at + 1) !== -1) throw new UnitsCsvError(`the header names ${column} twice`);
    index[column] = at;
  }
  return index as ColumnIndex;
}

/** A record with nothing on it: skipped, not counted. */
export const isBlank = (r: CsvRecord) => r.fields.length === 1 && r.fields[0]!.trim() === '' && !r.error;

/** The checks a row can fail on its own. Returns the first problem, or the row ready for placing in the tree. */
export function validateRow(record: CsvRecord, columns: ColumnIndex, levels: Levels): Candidate | Reject {
  const { line, fields } = record;
  // Trimmed, then a cell the export escaped against formulas (neutraliseCell) taken back to what was stored.
  const get = (c: UnitColumn) => restoreCell((fields[columns[c]] ?? '').trim());
  const code = get('code');
  const reject = (reason: Reject['reason'], message: string): Reject => ({ line, code, reason, message });

  if (record.error) return reject('bad_csv', `not valid CSV: ${record.error}`);
  if (fields.some((f) => f.includes('\uFFFD'))) return reject('bad_encoding', 'the row has bytes that are not UTF-8; save the file as "CSV UTF-8"');
  if (fields.length !== columns.width) return reject('column_count', `expected ${columns.width} fields as in the header, found ${fields.length}`);
  if (code === '') return reject('missing_field', 'code is empty');
  if (!CODE_PATTERN.test(code)) return reject('bad_code', `code "${code}" is not valid: 1–64 letters, digits or _ . / -, starting with a letter or digit`);

  const level = get('level');
  if (level === '') return reject('missing_field', 'level is empty');
  const depth = levels.depths.get(level);
  if (depth === undefined) return reject('unknown_level', `no level "${level}"; the levels are ${[...levels.depths.keys()].join(', ')}`);

  // The API's rule for names (contracts/text.ts), on the names as written (a tab at an edge is refused, not trimmed).
  const written = (c: UnitColumn) => restoreCell(trimSpaces(fields[columns[c]] ?? ''));
  const names = { nameEn: normaliseName(written('name_en')), nameHi: normaliseName(written('name_hi')) };
  for (const [column, value] of [
    ['name_en', names.nameEn],
    ['name_hi', names.nameHi],
  ] as const) {
    const refused = nameProblem(written(column));
    if (refused) return reject('bad_name', `${column} ${refused}`);
    if (value === '') return reject('missing_field', `${column} is empty`);
    if (value.length > MAX_NAME_LENGTH && charLength(value) > MAX_NAME_LENGTH) {
      return reject('name_too_long', `${column} has ${charLength(value)} characters; at most ${MAX_NAME_LENGTH} are allowed`);
    }
  }

  const parentCode = get('parent_code');
  if (parentCode === '' && depth !== levels.top.depth) {
    return reject('missing_parent', `parent_code is empty, but only a ${levels.top.code} (the top level) can stand without a parent`);
  }
  return { line, code, parentCode, level, depth, ...names };
}
