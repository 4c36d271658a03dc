import { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../platform/db/index.ts';
import { createLogger, type Logger } from '../platform/log.ts';

/** Where a needle was found: one table and column, and in how many rows. */
export interface PlainTextHit {
  needle: string;
  table: string;
  column: string;
  rows: number;
}

interface Column {
  table: string;
  column: string;
  dataType: string;
}

/**
 * Searches EVERY column of EVERY table in the public schema for each needle, and answers where it appears: the proof
 * that a phone number or a name was not written anywhere in plain text (and, after an erasure, that it is gone).
 *
 * Text, arrays, json/jsonb and every other type are compared as text (`::text`); bytea is searched for the needle's
 * UTF-8 bytes at any offset (what its hex form would show) and as text (`encode(…, 'escape')`). Comparisons ignore
 * case by default, so "ramesh" also finds "Ramesh". Ask with every spelling that matters (E.164, the ten digits,
 * as typed): the scan finds substrings, it does not normalise.
 */
export async function findPlainText(db: Kysely<Schema>, needles: readonly string[], opts: { caseSensitive?: boolean } = {}): Promise<PlainTextHit[]> {
  const wanted = [...new Set(needles.filter((n) => n.length > 0))];
  if (wanted.length === 0) return [];
  const { rows: columns } = await sql<Column>`
    select c.table_name as "table", c.column_name as "column", c.data_type as "dataType"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const fold = (e: ReturnType<typeof sql>) => (opts.caseSensitive ? e : sql`lower(${e})`);
  const needle = fold(sql.ref('n.needle'));
  const hits: PlainTextHit[] = [];
  for (const c of columns) {
    const col = sql.ref(`x.${c.column}`);
    const found =
      c.dataType === 'bytea'
        ? sql`(position(convert_to(n.needle, 'UTF8') in ${col}) > 0 or strpos(${fold(sql`encode(${col}, 'escape')`)}, ${needle}) > 0)`
        : sql`strpos(${fold(sql`${col}::text`)}, ${needle}) > 0`;
    const { rows } = await sql<{ needle: string; rows: number }>`
      select n.needle, count(*)::int as rows
      from ${sql.table(c.table)} x cross join unnest(${wanted}::text[]) n(needle)
      where ${col} is not null and ${found}
      group by n.needle`.execute(db);
    for (const r of rows) hits.push({ needle: r.needle, table: c.table, column: c.column, rows: r.rows });
  }
  return hits;
}

/** The spellings of an Indian mobile number a leak could show: E.164, without the plus, the ten digits, spaced as typed. */
export function phoneSpellings(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  const national = digits.startsWith('91') && digits.length === 12 ? digits.slice(2) : digits;
  return [e164, digits, national, `${national.slice(0, 5)} ${national.slice(5)}`, `0${national}`];
}

/** A logger that keeps every line it writes (at every level, with the production redaction), for asserting on logs. */
export interface CapturedLogs {
  log: Logger;
  lines: string[];
  /** All lines as one text, to search. */
  text(): string;
}

/**
 * Captures log lines: pass `logs.log` to `createTestSetu(env, { log })`, then assert that `logs.text()` holds no
 * plain number. Same redaction as production (platform/log.ts), level `trace` so nothing is filtered out.
 */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger('trace', sink), lines, text: () => lines.join('\n') };
}
