/**
 * The batch statement's columns, built value by value. A batch travels as one array literal per column, which both
 * engines parse as it is, instead of each driver encoding ten thousand values its own way; bytea columns travel as
 * one buffer each (BlobColumn), which makes no string per value at all (a million rows make a lot of garbage).
 */

/** `{a,b,…}` from elements already written (textElement) or numbers. */
export const literal = (elements: readonly (string | number)[]) => `{${elements.join(',')}}`;

/**
 * A bytea column: the values end to end in one buffer, sent as one binary parameter, with where each starts and how
 * long it is (-1: NULL) as two int[] literals. The statement takes each value back out with substring(); parsing
 * ten thousand hex strings out of a bytea[] literal cost the database several times more.
 */
export class BlobColumn {
  #buf = Buffer.allocUnsafe(1 << 16);
  #at = 0;
  readonly #starts: number[] = [];
  readonly #lengths: number[] = [];

  push(value: Uint8Array | null) {
    if (!value) {
      this.#starts.push(0);
      this.#lengths.push(-1);
      return;
    }
    if (this.#at + value.length > this.#buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#at + value.length));
      this.#buf.copy(grown, 0, 0, this.#at);
      this.#buf = grown;
    }
    this.#buf.set(value, this.#at);
    // substring() counts from 1.
    this.#starts.push(this.#at + 1);
    this.#lengths.push(value.length);
    this.#at += value.length;
  }

  /** The values, the `{start,…}` literal and the `{length,…}` literal. */
  take(): { bytes: Buffer; starts: string; lengths: string } {
    return { bytes: Buffer.from(this.#buf.subarray(0, this.#at)), starts: literal(this.#starts), lengths: literal(this.#lengths) };
  }
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPE = /["\\]/g;

/** One element of a text[] literal, always quoted (so spaces, commas, braces and the word NULL stay text), or NULL. */
export function textElement(v: string | null): string {
  if (v === null) return 'NULL';
  return NEEDS_ESCAPE.test(v) ? `"${v.replace(ESCAPE, '\\$&')}"` : `"${v}"`;
}
