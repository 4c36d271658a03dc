import type { Readable } from 'node:stream';

/** The input cannot be read as CSV at all (UTF-16, a runaway quoted field): the reading stops. */
export class CsvError extends Error {
  override readonly name: string = 'CsvError';
}

/** One CSV record and the physical line it starts on (the first line is 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record is not well-formed RFC 4180; its fields are a best guess. */
  error?: string;
}

// A runaway quoted field (an unclosed quote) would otherwise pull the rest of a large file into one string.
const MAX_FIELD = 100_000;

const START = 0; // at the start of a field
const BARE = 1; // inside an unquoted field
const QUOTED = 2; // inside a quoted field
const QUOTE = 3; // saw `"` inside a quoted field: the end of the field, or the first half of `""`

/**
 * An incremental RFC 4180 parser: feed it text in chunks of any size, get whole records back. Quoted fields may hold
 * commas, doubled quotes and newlines; CRLF, LF and a lone CR all end a record. Lenient where the RFC is silent: a
 * quote inside a bare field is kept as text, text after a closing quote is kept and the record marked malformed.
 */
export class CsvParser {
  #state = START;
  #field = '';
  #fields: string[] = [];
  #line = 1;
  #recordLine = 1;
  #skipLf = false;
  #error: string | undefined;

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let i = 0;
    if (this.#skipLf && n > 0) {
      if (text.charCodeAt(0) === 10) i = 1;
      this.#skipLf = false;
    }
    while (i < n) {
      if (this.#state === QUOTED) {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        this.#countLines(text, i, end);
        this.#append(text.slice(i, end));
        if (q === -1) break;
        this.#state = QUOTE;
        i = q + 1;
        continue;
      }
      if (this.#state === QUOTE) {
        const c = text.charCodeAt(i);
        if (c === 34) {
          this.#append('"');
          this.#state = QUOTED;
          i++;
          continue;
        }
        this.#state = BARE; // closed; only a delimiter may follow
        if (c !== 44 && c !== 10 && c !== 13) this.#error ??= 'text after a closing quote';
      }
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13 || c === 34) break;
        j++;
      }
      if (j > i) {
        this.#append(text.slice(i, j));
        this.#state = BARE;
      }
      if (j === n) break;
      const c = text.charCodeAt(j);
      i = j + 1;
      if (c === 34) {
        if (this.#state === START) this.#state = QUOTED;
        else this.#append('"');
        continue;
      }
      this.#fields.push(this.#field);
      this.#field = '';
      this.#state = START;
      if (c === 44) continue;
      out.push(this.#take());
      this.#line++;
      this.#recordLine = this.#line;
      if (c === 13) {
        if (i < n) {
          if (text.charCodeAt(i) === 10) i++;
        } else this.#skipLf = true;
      }
    }
    return out;
  }

  /** The last record when the file does not end with a newline, or an unclosed quote. */
  end(): CsvRecord[] {
    if (this.#state === QUOTED) this.#error ??= `a quote opened on line ${this.#recordLine} is never closed`;
    if (this.#state === START && this.#fields.length === 0) return [];
    this.#fields.push(this.#field);
    this.#field = '';
    return [this.#take()];
  }

  #append(s: string) {
    this.#field += s;
    if (this.#field.length > MAX_FIELD) {
      throw new CsvError(`line ${this.#recordLine}: a field is longer than ${MAX_FIELD} characters (an unclosed quote?)`);
    }
  }

  #countLines(text: string, from: number, to: number) {
    for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) this.#line++;
  }

  #take(): CsvRecord {
    const record: CsvRecord = { line: this.#recordLine, fields: this.#fields };
    if (this.#error) record.error = this.#error;
    this.#fields = [];
    this.#error = undefined;
    return record;
  }
}

/**
 * Reads CSV records from a byte stream, a chunk's worth at a time, so memory stays flat however long the file is.
 * Decodes UTF-8 (a BOM is dropped; bad bytes become U+FFFD, which the row checks refuse) and reports bytes read.
 */
export async function* readCsv(input: Readable, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  const parser = new CsvParser();
  let bytes = 0;
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (first && buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
      throw new CsvError('the file is UTF-16; save it as "CSV UTF-8" and try again');
    }
    first = false;
    bytes += buf.length;
    onBytes?.(bytes);
    const records = parser.push(decoder.decode(buf, { stream: true }));
    if (records.length > 0) yield records;
  }
  const tail = [...parser.push(decoder.decode()), ...parser.end()];
  if (tail.length > 0) yield tail;
}
