import { createPiiCipher } from '../../server/platform/crypto.ts';
import { defaultRejectsPath } from '../../server/platform/csv/index.ts';
import { formatCount, importPositions, PositionsCsvError } from '../../server/features/org/index.ts';
import type { Command } from '../args.ts';
import { runImport } from '../csv-files.ts';

export const importPositionsCommand: Command = {
  name: 'import positions',
  summary: 'Appoint office-bearers from a CSV file (unit_code,role,department,name,phone); importing it again appoints no one.',
  usage: `Usage: setu import positions FILE.csv [--rejects PATH]

Each row appoints one person to a role (in a department, or none) at the unit with that code. The person is the one
with that phone and name, or is added at the unit. A person who already holds the position is counted as already
there, so running the same file again appoints nobody. Bad rows (unknown unit, role or department, a bad name or
phone) are refused one by one and listed with their line and reason in the rejects report (default
FILE.rejects.csv, next to the file). Every appointment is audited. Format: docs/POSITIONS_CSV.md.

Options:
  --rejects PATH    where to write the refused rows (line,code,reason)

This is an operator's tool: it may appoint anyone anywhere in the tree (the web upload checks the uploader's rights
row by row). Exit status: 0 every row accepted, 1 some rows refused (the rest imported), 2 the file could not be
read as a positions CSV (nothing written).`,
  options: { rejects: { type: 'string' } },
  run({ values, positionals }) {
    return runImport(
      this,
      positionals,
      PositionsCsvError,
      (file, { config, database }, onProgress) =>
        importPositions(database.db, createPiiCipher(config.SETU_SECRET_KEY), file, {
          report: typeof values.rejects === 'string' ? values.rejects : defaultRejectsPath(file),
          onProgress,
        }),
      (r, reportNote) =>
        `${formatCount(r.rows)} rows — ${formatCount(r.appointed)} appointed (${formatCount(r.peopleAdded)} people added), ` +
        `${formatCount(r.existing)} already held, ${formatCount(r.rejected)} rejected${reportNote} in ${r.seconds.toFixed(1)} s`,
    );
  },
};

export const positionsCsvCommands: Command[] = [importPositionsCommand];
