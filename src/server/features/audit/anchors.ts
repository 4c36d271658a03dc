import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log.ts';
import { GENESIS } from './chain.ts';

/**
 * A row id and hash recorded outside the database. The chain alone cannot show that its newest rows were cut off (a
 * shorter chain is still a valid chain) nor, for rows written before the chain was keyed, that it was recomputed;
 * it can show that it no longer reaches, or no longer agrees with, a head written down earlier. Id 0 is the empty chain.
 */
export interface AuditAnchor {
  id: number;
  hash: string;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The newest row's id and hash, or id 0 and the genesis hash when the log is empty. */
export async function auditHead(db: Kysely<Schema>): Promise<AuditAnchor> {
  const row = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { id: Number(row.id), hash: hex(row.hash) } : { id: 0, hash: hex(GENESIS) };
}

export interface AnchorWriter {
  /** Writes the current head now if it moved since the last anchor. */
  flush(): Promise<void>;
  /** Stops the timer and writes a last anchor (at shutdown). */
  stop(): Promise<void>;
}

/**
 * Writes the audit log's head to an append-only file outside the database (one JSON line {id, hash, at}) and as a
 * log line, at start, then at most once every `everyMs` when it moved, and at shutdown. Polling the head (one indexed
 * read) keeps the writes themselves free of it: an acknowledgement batch pays nothing for its anchor. A failure to
 * write is logged, not thrown: the log is still written, only the outside witness is missing.
 */
export function startAnchoring(opts: { db: Kysely<Schema>; file: string; log: Logger; everyMs: number }): AnchorWriter {
  let last: AuditAnchor | undefined;
  let running: Promise<void> = Promise.resolve();
  const write = async () => {
    const head = await auditHead(opts.db);
    if (last && last.id === head.id && last.hash === head.hash) return;
    const line = { ...head, at: new Date().toISOString() };
    await mkdir(dirname(opts.file), { recursive: true });
    await appendFile(opts.file, JSON.stringify(line) + '\n', { mode: 0o600 });
    opts.log.info({ auditAnchor: line }, 'audit anchor');
    last = head;
  };
  const flush = () => {
    running = running.then(write).catch((e: unknown) => opts.log.warn({ err: (e as Error).message, file: opts.file }, 'audit anchor not written'));
    return running;
  };
  void flush();
  const timer = setInterval(() => void flush(), opts.everyMs);
  timer.unref();
  return {
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}

/**
 * The anchors in a file written by `startAnchoring`, oldest first; undefined when there is no such file. A last line
 * cut short (a crash while writing) is skipped; any other line that is not an anchor is an error, not ignored.
 */
export async function readAnchors(file: string): Promise<AuditAnchor[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const lines = text.split('\n');
  const anchors: AuditAnchor[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) continue; // no newline after it: a write cut short
      throw new Error(`${file}:${i + 1}: not an audit anchor`);
    }
    const a = parsed as Partial<AuditAnchor>;
    if (!Number.isSafeInteger(a.id) || a.id! < 0 || typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/i.test(a.hash))
      throw new Error(`${file}:${i + 1}: not an audit anchor`);
    anchors.push({ id: a.id!, hash: a.hash.toLowerCase() });
  }
  return anchors;
}
