import { createPiiCipher } from '../../server/platform/crypto.ts';
import { defaultRejectsPath } from '../../server/platform/csv/index.ts';
import { createProgress, formatCount } from '../../server/features/org/index.ts';
import { PeopleCsvError, exportPeople, importPeople } from '../../server/features/people/index.ts';
import type { Command } from '../args.ts';
import { openForCli } from '../context.ts';
import { exportTarget, runImport } from '../csv-files.ts';

export const importPeopleCommand: Command = {
  name: 'import people',
  summary: 'Add people from a CSV file (name,phone,unit_code,…); people already there are found, not added again.',
  usage: `Usage: setu import people FILE.csv [--evidence TEXT] [--rejects PATH]

Each row is one person at a home unit named by its code (usually a booth). A row whose phone, name and unit match
someone already there (or an earlier row) adds no one, so running the same file again adds nobody. Several people
may share a phone (a household). Bad rows are refused one by one and listed with their line and reason in the
rejects report (default FILE.rejects.csv, next to the file). Format: docs/PEOPLE_CSV.md.

Options:
  --evidence TEXT   where the signed consent forms are and who collected them (no personal data); needed for
                    rows with a consent column, which record consent by import with this evidence
  --rejects PATH    where to write the refused rows (line,code,reason)

This is an operator's tool: it may add people anywhere in the tree. Exit status: 0 every row accepted, 1 some
rows refused (the rest imported), 2 the file could not be read as a people CSV (nothing written).`,
  options: { evidence: { type: 'string' }, rejects: { type: 'string' } },
  run({ values, positionals }) {
    return runImport(
      this,
      positionals,
      PeopleCsvError,
      (file, { config, database }, onProgress) =>
        importPeople(database.db, createPiiCipher(config.SETU_SECRET_KEY), file, {
          report: typeof values.rejects === 'string' ? values.rejects : defaultRejectsPath(file),
          evidence: typeof values.evidence === 'string' ? values.evidence : null,
          onProgress,
        }),
      (r, reportNote) => {
        const consentNote = r.consents > 0 ? `, ${formatCount(r.consents)} consents recorded` : '';
        return (
          `${formatCount(r.rows)} rows — ${formatCount(r.inserted)} added, ${formatCount(r.existing)} already there, ` +
          `${formatCount(r.rejected)} rejected${reportNote}${consentNote} in ${r.seconds.toFixed(1)} s (${formatCount(Math.round(r.rows / Math.max(r.seconds, 0.001)))} rows/s)`
        );
      },
    );
  },
};

export const exportPeopleCommand: Command = {
  name: 'export people',
  summary: 'Write people as CSV (the import format) with whole phone numbers; audited.',
  usage: `Usage: setu export people [FILE] [--unit CODE] [--no-bom]

Writes name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent to FILE, or to standard output, with
whole phone numbers and notes: keep the file safe and delete it when done. The export is written to the audit log
with its count. Erased and merged records are left out; people without a home unit that has a code cannot be
named in the file and are left out, with a note on standard error. Format: docs/PEOPLE_CSV.md.

Options:
  --unit CODE   only people whose home unit is the unit with this code or below it
  --no-bom      leave out the UTF-8 byte-order mark the file starts with (Excel needs it to show Hindi)`,
  options: { unit: { type: 'string' }, bom: { type: 'boolean' }, 'no-bom': { type: 'boolean' } },
  async run({ values, positionals }) {
    if (positionals.length > 1) {
      process.stderr.write(`setu export people: at most one output file\n\n${this.usage}\n`);
      return 2;
    }
    const file = positionals[0];
    const { config, database } = await openForCli();
    let root: { id: number; path: string } | undefined;
    if (typeof values.unit === 'string') {
      root = await database.db.selectFrom('units').select(['id', 'path']).where('code', '=', values.unit).executeTakeFirst();
      if (!root) {
        await database.close();
        process.stderr.write(`setu export people: no unit has the code ${values.unit}\n`);
        return 2;
      }
    }
    // Whole phone numbers: only the operator may read the file.
    const target = exportTarget(file, { mode: 0o600 });
    const progress = createProgress(process.stderr, 'exporting people');
    try {
      const r = await exportPeople(database.db, createPiiCipher(config.SETU_SECRET_KEY), target.out, {
        ...(root ? { root } : {}),
        actorId: null,
        // On by default, as the web download: without it Excel shows Hindi as mojibake. (--bom is still taken.)
        bom: values['no-bom'] !== true,
        onProgress: (rows) => progress.update(rows),
      });
      progress.done();
      await target.finish();
      if (r.skippedNoUnit > 0) process.stderr.write(`note: ${formatCount(r.skippedNoUnit)} people without a home unit that has a code left out\n`);
      (file ? process.stdout : process.stderr).write(`exported ${formatCount(r.rows)} people${file ? ` to ${file}` : ''} in ${r.seconds.toFixed(1)} s\n`);
      return 0;
    } catch (error) {
      progress.done();
      await target.abandon();
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      throw error;
    } finally {
      await database.close();
    }
  },
};

/** Both commands, for the CLI's list. */
export const peopleCsvCommands: Command[] = [importPeopleCommand, exportPeopleCommand];
