import { UnitsCsvError, createProgress, exportUnits, formatCount, importUnits } from '../../server/features/org/index.ts';
import type { Command } from '../args.ts';
import { openForCli } from '../context.ts';
import { exportTarget, runImport } from '../csv-files.ts';

export const importUnitsCommand: Command = {
  name: 'import units',
  summary: 'Add or rename units from a CSV file (code,parent_code,level,name_en,name_hi); safe to run again.',
  usage: `Usage: setu import units FILE.csv [--report PATH]

Rows are matched by code: a new code is added under its parent, a known code with new names is renamed, a row
that matches the database changes nothing. Parents must come before their children. Bad rows are refused one by
one and listed with their line and reason in the report (default FILE.rejects.csv, next to the file).
Format: docs/UNITS_CSV.md.

Options:
  --report PATH   where to write the refused rows (line,code,reason,message)

Exit status: 0 every row accepted, 1 some rows refused (the rest imported), 2 the file could not be read as a
units CSV (nothing written).`,
  options: { report: { type: 'string' } },
  run({ values, positionals }) {
    return runImport(
      this,
      positionals,
      UnitsCsvError,
      (file, { database }, onProgress) =>
        importUnits(database.db, file, { ...(typeof values.report === 'string' ? { report: values.report } : {}), onProgress }),
      (r, reportNote) =>
        `${formatCount(r.rows)} rows — ${formatCount(r.inserted)} inserted, ${formatCount(r.updated)} updated, ` +
        `${formatCount(r.unchanged)} unchanged, ${formatCount(r.rejected)} rejected${reportNote} in ${r.seconds.toFixed(1)} s`,
    );
  },
};

export const exportUnitsCommand: Command = {
  name: 'export units',
  summary: 'Write units as CSV (the import format), parents before children.',
  usage: `Usage: setu export units [FILE] [--root CODE] [--include-archived] [--no-bom]

Writes code,parent_code,level,name_en,name_hi to FILE, or to standard output. Units without a code (and the units
under them) cannot be named in the file and are left out, with a note on standard error. Format: docs/UNITS_CSV.md.

Options:
  --root CODE         only the unit with this code and everything under it
  --include-archived  archived units too (they are left out by default)
  --no-bom            leave out the UTF-8 byte-order mark the file starts with (Excel needs it to show Hindi)`,
  options: { root: { type: 'string' }, 'include-archived': { type: 'boolean' }, bom: { type: 'boolean' }, 'no-bom': { type: 'boolean' } },
  async run({ values, positionals }) {
    if (positionals.length > 1) {
      process.stderr.write(`setu export units: at most one output file\n\n${this.usage}\n`);
      return 2;
    }
    const file = positionals[0];
    const target = exportTarget(file);
    const { database } = await openForCli();
    const progress = createProgress(process.stderr, 'exporting units');
    try {
      const r = await exportUnits(database.db, target.out, {
        ...(typeof values.root === 'string' ? { root: values.root } : {}),
        includeArchived: values['include-archived'] === true,
        // On by default, as the web download: without it Excel shows Hindi as mojibake. (--bom is still taken.)
        bom: values['no-bom'] !== true,
        onProgress: (rows) => progress.update(rows),
      });
      progress.done();
      await target.finish();
      const notes = [
        r.skippedNoCode > 0 ? `${formatCount(r.skippedNoCode)} units without a code (or under one) left out` : '',
        r.skippedArchived > 0 ? `${formatCount(r.skippedArchived)} archived units left out` : '',
      ].filter(Boolean);
      if (notes.length > 0) process.stderr.write(`note: ${notes.join('; ')}\n`);
      (file ? process.stdout : process.stderr).write(`exported ${formatCount(r.rows)} units${file ? ` to ${file}` : ''} in ${r.seconds.toFixed(1)} s\n`);
      return 0;
    } catch (error) {
      progress.done();
      await target.abandon();
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0; // `setu export units | head`
      if (error instanceof UnitsCsvError) {
        process.stderr.write(`setu export units: ${error.message}\n`);
        return 2;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};

/** Both commands, for the CLI's list. */
export const unitsCsvCommands: Command[] = [importUnitsCommand, exportUnitsCommand];
