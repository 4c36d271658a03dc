/** CSV for every feature that reads or writes it: a streamed RFC 4180 reader, the writer of a line, and imports' shared plumbing. */
export { CsvError, CsvParser, readCsv, type CsvRecord } from './reader.ts';
export { csvField, csvLine, neutraliseCell, restoreCell } from './write.ts';
export { openCsvInput } from './input.ts';
export { RejectsReport, defaultRejectsPath, type RejectsFormat } from './rejects.ts';
export { openCsvWithHeader, type OpenedCsv } from './opened.ts';
