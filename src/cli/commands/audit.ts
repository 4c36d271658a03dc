import { verifyAudit } from '../../server/features/audit/index.ts';
import type { Command } from '../args.ts';
import { openForCli } from '../context.ts';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check that the audit log is whole: every row chained to the one before, no row changed or removed.',
  usage: 'Usage: setu audit verify\n\nExits 0 when the chain holds, 1 (naming the first bad row) when it does not.',
  async run() {
    const { database } = await openForCli();
    try {
      const verdict = await verifyAudit(database.db);
      if (verdict.ok) {
        console.log(`audit log intact: ${verdict.rows} rows verified`);
        return 0;
      }
      console.error(`audit log BROKEN at row ${verdict.brokenAt!.id} (${verdict.brokenAt!.reason} does not match); ${verdict.rows} rows before it verified`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
