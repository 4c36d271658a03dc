import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine } from './write.ts';

/** How one import's rejects report is laid out, and the error that says its file is unusable. */
export interface RejectsFormat<R> {
  columns: readonly string[];
  fields(reject: R): readonly (string | number)[];
  /** The import's own "cannot read this file" error, so an unwritable report stops it the way a bad file does. */
  fail(message: string): Error;
}

/** A CSV of the rows an import refused, written as they are refused so that a file full of bad rows still needs little memory. */
export class RejectsReport<R> {
  readonly #out: WriteStream;
  readonly #fields: (reject: R) => readonly (string | number)[];
  constructor(path: string, format: RejectsFormat<R>) {
    // Opened synchronously so that an unwritable path stops the import before any row is written.
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (error) {
      throw format.fail(`cannot write the report ${path}: ${(error as Error).message}`);
    }
    this.#fields = format.fields;
    this.#out = createWriteStream(path, { fd, encoding: 'utf8' });
    this.#out.write(csvLine(format.columns));
  }

  async add(rejects: readonly R[]) {
    if (rejects.length === 0) return;
    const text = rejects.map((r) => csvLine(this.#fields(r))).join('');
    if (!this.#out.write(text)) await once(this.#out, 'drain');
  }

  async close() {
    if (this.#out.closed || this.#out.writableFinished) return;
    this.#out.end();
    await once(this.#out, 'finish');
  }
}

/** `people.csv` → `people.rejects.csv`, next to the input. */
export const defaultRejectsPath = (file: string) => file.replace(/\.csv$/i, '') + '.rejects.csv';
