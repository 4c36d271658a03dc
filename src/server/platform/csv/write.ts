const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

// A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one), behind any
// number of apostrophes: those are escaped too, so that taking one apostrophe off on import is exact.
const FORMULA = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/**
 * Text as a spreadsheet cell: a leading apostrophe before anything Excel, LibreOffice or Sheets would read as a
 * formula (or, for a phone number such as +919876543210, as a number), so the cell opens as the text it is.
 */
export function neutraliseCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** neutraliseCell undone: what an import reads from a cell Setu (or a careful person) escaped. */
export function restoreCell(value: string): string {
  return ESCAPED.test(value) ? value.slice(1) : value;
}

/**
 * One RFC 4180 field: quoted only when it has to be, so plain files stay readable. Text is neutralised against
 * formulas (neutraliseCell); numbers are Setu's own and written as they are.
 */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : neutraliseCell(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line, CRLF-free: LF is what spreadsheets and `wc -l` both accept. */
export function csvLine(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',') + '\n';
}
