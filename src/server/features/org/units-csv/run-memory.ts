import { IdSet } from './id-set.ts';

/**
 * What an import remembers about the rows before the current batch, in memory that does not grow with the file:
 * the ids of the units accepted so far (accepted rows are in the database, so their ids stand for their codes) and
 * the codes of refused rows, which are few, up to a cap.
 */
export class RunMemory {
  readonly #accepted = new IdSet();
  readonly #rejected = new Map<string, number>();
  static readonly MAX_REJECTED = 200_000;

  /** Marks a unit that a committed row of this file inserted, updated or found unchanged. */
  accept(id: number) {
    this.#accepted.add(id);
  }

  /** Whether an earlier row of this file already accounted for this unit: a second row with its code is a duplicate. */
  accepted(id: number): boolean {
    return this.#accepted.has(id);
  }

  /** Remembers a refused row's code, so its children and its repeats can say why they fail. */
  reject(code: string, line: number) {
    // A copy: the parser's strings are slices that would keep a whole chunk of the file alive.
    if (code !== '' && this.#rejected.size < RunMemory.MAX_REJECTED && !this.#rejected.has(code)) this.#rejected.set((' ' + code).slice(1), line);
  }

  /** The line of an earlier refused row with this code. */
  rejectedAt(code: string): number | undefined {
    return this.#rejected.get(code);
  }
}
