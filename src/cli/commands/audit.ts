import { auditKeyOf, readAnchors, verifyAudit, type AuditAnchor } from '../../server/features/audit/index.ts';
import type { Command } from '../args.ts';
import { openForCli } from '../context.ts';

function parseAnchor(text: string | undefined): AuditAnchor | undefined | null {
  if (text === undefined) return undefined;
  const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(text);
  return m ? { id: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

const WHY = {
  prev_hash: (id: number) => `row ${id}: prev_hash does not match`,
  hash: (id: number) => `row ${id}: hash does not match (changed, or made with another key)`,
  downgrade: (id: number) => `row ${id}: unkeyed, written after the chain was keyed (the chain was recomputed)`,
  anchor: (id: number) => `the anchor row ${id} is missing or changed (the chain was cut or recomputed)`,
  no_key: (id: number) => `row ${id} is keyed and no SETU_SECRET_KEY was given: CANNOT VERIFY it or any row after it`,
} as const;

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Check that the audit log is whole: every row chained to the one before, no row changed, removed or cut off.',
  usage: `Usage: setu audit verify [--anchors FILE] [--anchor ID:HASH]

Recomputes every row's keyed hash (the key comes from SETU_SECRET_KEY, as the server's does) and checks the chain
against the anchors the server wrote outside the database (AUDIT_ANCHOR_FILE, default DATA_DIR/audit-anchors.jsonl,
or --anchors FILE), and against --anchor if given (an ID:HASH head printed earlier). Exits 0 when all of it holds,
1 (naming the first bad row) when it does not, or when it cannot be verified (no key for keyed rows).`,
  options: { anchor: { type: 'string' }, anchors: { type: 'string' } },
  async run({ values }) {
    const anchor = parseAnchor(values.anchor as string | undefined);
    if (anchor === null) {
      console.error('setu audit verify: --anchor must be ID:HASH as printed by a previous verify');
      return 2;
    }
    // Never generate a key here: a fresh key would make every keyed row look forged instead of unverifiable.
    const { config, database } = await openForCli({ generateKey: false });
    try {
      const file = (values.anchors as string | undefined) ?? config.auditAnchorFile;
      const fromFile = await readAnchors(file);
      if (!fromFile) console.error(`warning: no anchor file at ${file}: a cut-off tail cannot be seen`);
      const anchors = [...(fromFile ?? []), ...(anchor ? [anchor] : [])];
      const key = config.SETU_SECRET_KEY ? auditKeyOf(config.SETU_SECRET_KEY) : undefined;
      const verdict = await verifyAudit(database.db, { key, anchors });
      if (verdict.ok) {
        console.log(`audit log intact: ${verdict.rows} rows verified${anchors.length ? `, agreeing with ${anchors.length} anchors` : ''}`);
        if (verdict.head) console.log(`head ${verdict.head.id}:${verdict.head.hash}`);
        return 0;
      }
      const { id, reason } = verdict.brokenAt!;
      const state = reason === 'no_key' ? 'NOT VERIFIED' : 'BROKEN';
      console.error(`audit log ${state}: ${WHY[reason](id)}; ${verdict.rows} rows before it verified`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
