import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import type { Config } from '../server/config.ts';
import type { Database } from '../server/platform/db/index.ts';
import { createProgress } from '../server/features/org/index.ts';
import type { Command } from './args.ts';
import { openForCli } from './context.ts';

interface Imported {
  rejected: number;
  /** Path of the rejects report, when one was written. */
  report: string | null;
}

/**
 * The frame every `setu import …` shares: one file named, a progress bar on standard error, one summary line, the
 * database closed at the end. Exit status 0 every row accepted, 1 some refused (the rest imported), 2 the file could
 * not be read (`unreadable` is the feature's error for that; nothing was written).
 */
export async function runImport<R extends Imported>(
  command: Command,
  positionals: string[],
  unreadable: abstract new (message: string) => Error,
  importFile: (
    file: string,
    cli: { config: Config; database: Database },
    onProgress: (p: { rows: number; bytes: number; totalBytes: number | null }) => void,
  ) => Promise<R>,
  summary: (r: R, reportNote: string) => string,
): Promise<number> {
  if (positionals.length !== 1) {
    process.stderr.write(`setu ${command.name}: name one CSV file\n\n${command.usage}\n`);
    return 2;
  }
  const file = positionals[0]!;
  const cli = await openForCli();
  const progress = createProgress(process.stderr, `importing ${basename(file)}`);
  try {
    const r = await importFile(file, cli, (p) => progress.update(p.rows, p.totalBytes ? p.bytes / p.totalBytes : null));
    progress.done();
    console.log(`imported ${basename(file)}: ${summary(r, r.rejected > 0 && r.report ? ` (report: ${r.report})` : '')}`);
    return r.rejected > 0 ? 1 : 0;
  } catch (error) {
    progress.done();
    if (error instanceof unreadable) {
      process.stderr.write(`setu ${command.name}: ${file}: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await cli.database.close();
  }
}

/** Where an export writes: FILE, or standard output when none is named. */
export interface ExportTarget {
  out: Writable;
  /** Puts the finished file in place (nothing to do for standard output). */
  finish(): Promise<void>;
  /** Removes the half-written file after a failure. */
  abandon(): Promise<void>;
}

/** A file is written beside its target and renamed at the end, so a failed export never leaves a half file in its place. */
export function exportTarget(file: string | undefined, options: { mode?: number } = {}): ExportTarget {
  if (!file) return { out: process.stdout, finish: async () => {}, abandon: async () => {} };
  const temp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(temp, options);
  return {
    out,
    async finish() {
      out.end();
      await once(out, 'finish');
      await rename(temp, file);
    },
    async abandon() {
      out.destroy();
      await rm(temp, { force: true });
    },
  };
}
