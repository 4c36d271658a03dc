import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import { UNIT_COLUMNS, UnitsCsvError, csvLine } from './format.ts';
import { IdSet } from './id-set.ts';

export interface ExportOptions {
  /** Code of the unit whose subtree to export (the unit included). Default: the whole tree. */
  root?: string;
  includeArchived?: boolean;
  /** Starts the file with a UTF-8 byte-order mark, which Excel needs to show Hindi. */
  bom?: boolean;
  /** Units per query. */
  pageSize?: number;
  onProgress?: (rows: number) => void;
}

export interface ExportResult {
  /** Units written. */
  rows: number;
  /** Units left out because they, or a unit above them, have no code: a row could not name its parent. */
  skippedNoCode: number;
  /** Archived units (and any unit under one) left out. */
  skippedArchived: number;
  seconds: number;
}

interface Row {
  id: number;
  parent_id: number | null;
  code: string | null;
  parent_code: string | null;
  level: string;
  name_en: string;
  name_hi: string;
  archived: boolean;
}

/**
 * Writes units in the import format (docs/UNITS_CSV.md), shallowest first (by nlevel(path), then id), so every
 * parent comes before its children. Each depth is read in pages keyed on the primary key, so a page costs an index
 * range, not a sort of the table.
 */
export async function exportUnits(db: Kysely<Schema>, out: Writable, options: ExportOptions = {}): Promise<ExportResult> {
  const started = performance.now();
  const pageSize = options.pageSize ?? 10_000;
  let root: { path: string; depth: number } | null = null;
  if (options.root !== undefined) {
    const found = await db
      .selectFrom('units')
      .select([sql<string>`path::text`.as('path'), sql<number>`nlevel(path)`.as('depth')])
      .where('code', '=', options.root)
      .executeTakeFirst();
    if (!found) throw new UnitsCsvError(`no unit has the code ${options.root}`);
    root = found;
  }
  const result: ExportResult = { rows: 0, skippedNoCode: 0, skippedArchived: 0, seconds: 0 };
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write((options.bom ? '\uFEFF' : '') + csvLine(UNIT_COLUMNS));

  // Units left out, by why, so that their children (always at the next depth) are left out for the same reason.
  const skipped = { skippedNoCode: new IdSet(), skippedArchived: new IdSet() };
  for (let depth = root?.depth ?? 1; ; depth++) {
    let after = 0;
    let atThisDepth = 0;
    for (;;) {
      const { rows }: { rows: Row[] } = await sql<Row>`
        select u.id, u.parent_id, u.code, p.code as parent_code, u.level, u.name_en, u.name_hi, u.archived_at is not null as archived
        from units u left join units p on p.id = u.parent_id
        where nlevel(u.path) = ${depth} and u.id > ${after}
          and ${root === null ? sql`true` : sql`u.path <@ ${root.path}::ltree`}
        order by u.id
        limit ${pageSize}`.execute(db);
      if (rows.length === 0) break;
      atThisDepth += rows.length;
      let text = '';
      for (const r of rows) {
        const why =
          r.parent_id !== null && skipped.skippedArchived.has(r.parent_id)
            ? 'skippedArchived'
            : r.parent_id !== null && skipped.skippedNoCode.has(r.parent_id)
              ? 'skippedNoCode'
              : r.archived && !options.includeArchived
                ? 'skippedArchived'
                : r.code === null
                  ? 'skippedNoCode'
                  : null;
        if (why) {
          result[why]++;
          skipped[why].add(r.id);
          continue;
        }
        text += csvLine([r.code!, r.parent_code ?? '', r.level, r.name_en, r.name_hi]);
        result.rows++;
      }
      await write(text);
      options.onProgress?.(result.rows);
      after = rows.at(-1)!.id;
      if (rows.length < pageSize) break;
    }
    // Depths are contiguous: a depth with no units has none below it.
    if (atThisDepth === 0) break;
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
