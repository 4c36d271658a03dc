import type { Readable } from 'node:stream';
import { openCsvInput } from './input.ts';
import { CsvError, readCsv, type CsvRecord } from './reader.ts';

/** A CSV whose header has been read: the rest of its records, and how far into the bytes it is. */
export interface OpenedCsv<C> {
  columns: C;
  /** Records after the header, a chunk's worth at a time. */
  records: AsyncIterable<CsvRecord[]>;
  bytes(): number;
  /** Size of the file when importing from a path; null for a stream. */
  totalBytes: number | null;
}

/**
 * Opens an import's CSV and reads its header with `readHeader`, so that a file that is not one of its kind (no header,
 * a missing column, UTF-16) is refused before anything is written or answered. The reader's own refusals are told as
 * the import's error (`fail`), like the rest.
 */
export async function openCsvWithHeader<C>(
  input: string | Readable,
  readHeader: (first: CsvRecord | undefined) => C,
  fail: (message: string) => CsvError,
): Promise<OpenedCsv<C>> {
  const own = (error: unknown) => (error instanceof CsvError && error.constructor === CsvError ? fail(error.message) : error);
  const { stream, totalBytes } = await openCsvInput(input, fail);
  let bytes = 0;
  const source = readCsv(stream, (b) => (bytes = b));
  let first: CsvRecord[] = [];
  try {
    for (let next = await source.next(); !next.done; next = await source.next()) {
      if (next.value.length > 0) {
        first = next.value;
        break;
      }
    }
  } catch (error) {
    throw own(error);
  }
  const columns = readHeader(first[0]);
  const rest = first.slice(1);
  async function* records(): AsyncGenerator<CsvRecord[]> {
    if (rest.length > 0) yield rest;
    try {
      yield* source;
    } catch (error) {
      throw own(error);
    }
  }
  return { columns, records: records(), bytes: () => bytes, totalBytes };
}
