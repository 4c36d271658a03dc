import { closeSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite's WebAssembly file system turns Postgres' fsync into a no-op: a committed write reaches the operating
 * system's cache at once (it survives `kill -9`) but not the disk (a power cut could lose it). After each commit
 * the driver calls this, which fsyncs the newest WAL segments and their directory from Node, so an acknowledged
 * write is on disk before it is acknowledged.
 */
export function walSyncer(pgdata: string): () => void {
  const walDir = join(pgdata, 'pg_wal');
  return () => {
    const segments = readdirSync(walDir)
      .filter((f) => /^[0-9A-F]{24}$/.test(f))
      .map((f) => ({ f, t: statSync(join(walDir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(0, 2); // a commit may straddle a segment switch
    for (const target of [...segments.map((s) => join(walDir, s.f)), walDir]) {
      const fd = openSync(target, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  };
}
