import type { PeopleReject } from './types.ts';

/** A spreadsheet reads a cell that starts with one of these as a formula: a reason quoting a bad row must not run. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a would-be formula is made plain text. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The rejects report the person downloads after an import: one row per rejected line of their file, with the
 * server's code, its reason, and the reason in the reader's language when the code is known. Starts with a byte-order
 * mark so spreadsheet programs read the Hindi as UTF-8; lines end with CRLF as RFC 4180 has it.
 */
export function rejectsCsv(
  rejects: readonly PeopleReject[],
  header: { line: string; code: string; reason: string },
  explain?: (code: string) => string | undefined,
): string {
  const rows: Array<Array<string | number>> = [[header.line, header.code, header.reason]];
  for (const r of rejects) rows.push([r.line, r.code, explain?.(r.code) ?? r.reason]);
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
