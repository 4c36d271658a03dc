import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine } from '../../../platform/csv/index.ts';
import { PeopleCsvError, REPORT_COLUMNS, type Reject } from './format.ts';

/**
 * The rejects report (line,code,reason), written as rows are refused so that a file full of bad rows still needs
 * little memory. It names lines, never the people on them: the input file is where they are.
 */
export class RejectsReport {
  readonly #out: WriteStream;
  constructor(path: string) {
    // Opened synchronously so that an unwritable path stops the import before any row is written.
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (error) {
      throw new PeopleCsvError(`cannot write the report ${path}: ${(error as Error).message}`);
    }
    this.#out = createWriteStream(path, { fd, encoding: 'utf8' });
    this.#out.write(csvLine(REPORT_COLUMNS));
  }

  async add(rejects: readonly Reject[]) {
    if (rejects.length === 0) return;
    const text = rejects.map((r) => csvLine([r.line, r.code, r.reason])).join('');
    if (!this.#out.write(text)) await once(this.#out, 'drain');
  }

  async close() {
    if (this.#out.closed || this.#out.writableFinished) return;
    this.#out.end();
    await once(this.#out, 'finish');
  }
}

/** `people.csv` → `people.rejects.csv`, next to the input. */
export const defaultReportPath = (file: string) => file.replace(/\.csv$/i, '') + '.rejects.csv';
