import { verifyAudit, type AuditAnchor } from '../../server/features/audit/index.ts';
import type { Command } from '../args.ts';
import { openForCli } from '../context.ts';

function parseAnchor(text: string | undefined): AuditAnchor | undefined | null {
  if (text === undefined) return undefined;
  const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(text);
  return m ? { id: Number(m[1]), hash: m[2]! } : null;
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check that the audit log is whole: every row chained to the one before, no row changed or removed.',
  usage: `Usage: setu audit verify [--anchor ID:HASH]

Exits 0 when the chain holds, 1 (naming the first bad row) when it does not. It prints the head (newest row id
and hash): write it down outside Setu, and pass it later as --anchor to also catch the newest rows being cut off.`,
  options: { anchor: { type: 'string' } },
  async run({ values }) {
    const anchor = parseAnchor(values.anchor as string | undefined);
    if (anchor === null) {
      console.error('setu audit verify: --anchor must be ID:HASH as printed by a previous verify');
      return 2;
    }
    const { database } = await openForCli();
    try {
      const verdict = await verifyAudit(database.db, 5000, anchor);
      if (verdict.ok) {
        console.log(`audit log intact: ${verdict.rows} rows verified${anchor ? `, still reaching anchor ${anchor.id}` : ''}`);
        if (verdict.head) console.log(`head ${verdict.head.id}:${verdict.head.hash}`);
        return 0;
      }
      const { id, reason } = verdict.brokenAt!;
      const why = reason === 'anchor' ? `the anchor row ${id} is missing or changed` : `row ${id}: ${reason} does not match`;
      console.error(`audit log BROKEN: ${why}; ${verdict.rows} rows before it verified`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
