import { AGE_BANDS } from '../../../../contracts/people.ts';
import { nameProblem, normaliseName, textProblem, trimSpaces } from '../../../../contracts/text.ts';
import { restoreCell, type CsvRecord } from '../../../platform/csv/index.ts';
import { LIST_SEPARATOR, PEOPLE_CSV_COLUMNS, PeopleCsvError, REQUIRED_COLUMNS, type PeopleColumn, type Reject, type RejectCode } from './format.ts';
import { normaliseImportedPhone } from './phone.ts';

/** A row that passed every check that needs no database; what is left is finding its unit. */
export interface Candidate {
  line: number;
  /** Under the API's rule for names (contracts/text.ts), normalised as the API stores it. */
  name: string;
  /** E.164, or null when the row has no number. */
  phone: string | null;
  unitCode: string;
  whatsapp: boolean;
  ageBand: string | null;
  languages: readonly string[];
  tags: readonly string[];
  notes: string | null;
  /** Purposes the person consented to (on paper; the import's evidence says where the forms are). */
  consent: readonly string[];
}

/** Where each column sits in this file's header (-1: absent); other columns are allowed and ignored. */
export type ColumnIndex = { readonly [K in PeopleColumn]: number } & { readonly width: number };

/** Reads the header; a file without the required columns is not a people file, and nothing is written. */
export function readHeader(record: CsvRecord | undefined): ColumnIndex {
  const expected = PEOPLE_CSV_COLUMNS.join(',');
  if (!record) throw new PeopleCsvError(`the file is empty; the first line must be the header: ${expected}`);
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const index: Record<string, number> = { width: names.length };
  for (const column of PEOPLE_CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at === -1 && REQUIRED_COLUMNS.includes(column)) {
      throw new PeopleCsvError(
        `the header has no ${column} column; the first line must name at least ${REQUIRED_COLUMNS.join(',')} (all columns: ${expected}; found: ${record.fields.join(',').slice(0, 200)})`,
      );
    }
    if (at !== -1 && names.indexOf(column, at + 1) !== -1) throw new PeopleCsvError(`the header names ${column} twice`);
    index[column] = at;
  }
  return index as ColumnIndex;
}

/** A record with nothing on it: skipped, not counted. */
export const isBlank = (r: CsvRecord) => r.fields.length === 1 && r.fields[0]!.trim() === '' && !r.error;

const LANGUAGE = /^[a-z]{2,3}$/;
const AGE = new Set<string>(AGE_BANDS);
const YES = new Set(['yes', 'y', 'true', '1', 'हाँ', 'हां']);
const NO = new Set(['', 'no', 'n', 'false', '0', 'नहीं']);

/** Characters as PostgreSQL's length() counts them (code points), not UTF-16 units. */
function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

const NONE: readonly string[] = Object.freeze([]);

const list = (s: string): readonly string[] =>
  s === '' ? NONE : s.includes(LIST_SEPARATOR) ? [...new Set(s.split(LIST_SEPARATOR).map((x) => x.trim()))].filter((x) => x !== '') : [s];

/** What the rows are checked against: the purposes that have a notice, and whether the import carries evidence. */
export interface RowRules {
  purposes: ReadonlySet<string>;
  hasEvidence: boolean;
}

/** The checks a row can fail on its own. Returns the first problem, or the row ready for its unit to be found. */
export function validateRow(record: CsvRecord, columns: ColumnIndex, rules: RowRules): Candidate | Reject {
  const { line, fields } = record;
  const cell = (c: PeopleColumn) => {
    const at = columns[c];
    return at === -1 ? '' : (fields[at] ?? '');
  };
  // Trimmed, then a cell the export escaped against formulas (neutraliseCell) taken back to what was stored.
  const get = (c: PeopleColumn) => restoreCell(cell(c).trim());
  const reject = (code: RejectCode, reason: string): Reject => ({ line, code, reason });

  if (record.error) return reject('bad_csv', `not valid CSV: ${record.error}`);
  if (fields.length !== columns.width) return reject('column_count', `expected ${columns.width} fields as in the header, found ${fields.length}`);
  if (fields.some((f) => f.includes('\uFFFD'))) return reject('bad_encoding', 'the row has bytes that are not UTF-8; save the file as "CSV UTF-8"');

  // The API's rule for names (contracts/text.ts), on the name as written: a tab or BOM at its edge is refused, as the
  // API refuses it, not trimmed away.
  const written = restoreCell(trimSpaces(cell('name')));
  const nameRefused = nameProblem(written);
  if (nameRefused) return reject('bad_name', `name ${nameRefused}`);
  const name = normaliseName(written);
  if (name === '') return reject('missing_name', 'name is empty');
  if (name.length > 200 && charLength(name) > 200) return reject('name_too_long', `name has ${charLength(name)} characters; at most 200 are allowed`);

  const phoneText = get('phone');
  const phone = phoneText === '' ? null : normaliseImportedPhone(phoneText);
  if (phoneText !== '' && phone === null) return reject('bad_phone', 'phone is not a valid number (an Indian mobile: 10 digits, or +91 and 10 digits)');

  const unitCode = get('unit_code');
  if (unitCode === '') return reject('missing_unit', 'unit_code is empty: name the home unit (usually a booth) by its code');

  const whatsappText = get('whatsapp').toLowerCase();
  const whatsapp = YES.has(whatsappText) ? true : NO.has(whatsappText) ? false : null;
  if (whatsapp === null) return reject('bad_whatsapp', 'whatsapp must be yes or no (or empty for no)');

  const ageText = get('age_band').toLowerCase().replace('-', '_');
  if (ageText !== '' && !AGE.has(ageText)) return reject('bad_age_band', `age_band must be one of ${AGE_BANDS.join(', ')} (or empty)`);
  const ageBand = ageText === '' ? null : ageText;

  const languages = list(get('languages').toLowerCase());
  if (languages.length > 10 || languages.some((l) => !LANGUAGE.test(l))) {
    return reject('bad_language', 'languages must be up to 10 codes such as hi;en;ur (two or three letters, separated by ;)');
  }

  const tags = list(get('tags').normalize('NFC'));
  if (tags.length > 20 || tags.some((t) => t.length > 40 || textProblem(t, false))) {
    return reject('bad_tags', 'tags must be up to 20 words or phrases of at most 40 characters each, separated by ;');
  }

  const notesText = get('notes').normalize('NFC');
  const notesRefused = textProblem(notesText, true);
  if (notesRefused) return reject('bad_notes', `notes ${notesRefused}`);
  if (notesText.length > 2000 && charLength(notesText) > 2000) return reject('notes_too_long', 'notes are longer than 2,000 characters');

  const consent = list(get('consent').toLowerCase());
  const unknown = consent.find((p) => !rules.purposes.has(p));
  if (unknown !== undefined) return reject('unknown_purpose', `no notice for the purpose "${unknown}"; the purposes are ${[...rules.purposes].join(', ')}`);
  if (consent.length > 0 && ageBand === 'under_18')
    return reject('minor_consent', 'a child (age_band under_18) cannot consent; import the row without consent');
  if (consent.length > 0 && !rules.hasEvidence) {
    return reject('no_evidence', 'the row records consent but the import has no evidence: say where the signed forms are (--evidence on the CLI)');
  }

  return { line, name, phone, unitCode, whatsapp, ageBand, languages, tags, notes: notesText === '' ? null : notesText, consent };
}
