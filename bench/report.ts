import { readdirSync, readFileSync } from 'node:fs';
/** One benchmark figure, printed as one JSON line. */
export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  db: 'pglite' | 'postgres';
  [extra: string]: unknown;
}

export function emit(figure: Figure): void {
  process.stdout.write(JSON.stringify({ ...figure, value: Math.round(figure.value * 100) / 100 }) + '\n');
}

/** Nearest-rank percentile of a sample, in its own unit. */
export function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `fn` n times and returns each run's milliseconds. */
export async function timeRuns(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * CPU time (user + system, ms) spent so far by this machine's processes of one name, read from /proc (Linux; the
 * database server on the same machine): what a piece of work cost the database, not just how long it took.
 */
export function processCpuMs(name: string): number {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .reduce((sum, pid) => sum + (procStat(pid, name) ?? 0), 0);
}

/** CPU time (ms) spent so far by one process. */
export const pidCpuMs = (pid: number) => procStat(String(pid)) ?? 0;

function procStat(pid: string, name?: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    if (name !== undefined && stat.slice(stat.indexOf('(') + 1, close) !== name) return undefined;
    const fields = stat.slice(close + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms (USER_HZ 100)
  } catch {
    return undefined; // the process ended while being read
  }
}
