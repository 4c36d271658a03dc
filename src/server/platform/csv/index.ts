/** CSV for every feature that reads or writes it: a streamed RFC 4180 reader and the writer of a line. */
export { CsvError, CsvParser, readCsv, type CsvRecord } from './reader.ts';
export { csvField, csvLine } from './write.ts';
