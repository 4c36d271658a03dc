import { formatCount } from './format.ts';

/** Where progress goes: process.stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  update(rows: number, fraction?: number | null): void;
  /** Clears the bar so the summary line starts clean. */
  done(): void;
}

/**
 * Rows done and rows per second: a bar redrawn in place at most ten times a second on a terminal, or a plain line
 * every five seconds when stderr goes to a log, so that long imports show they are alive either way.
 */
export function createProgress(stream: ProgressStream, label: string, now: () => number = () => performance.now()): Progress {
  const started = now();
  const tty = stream.isTTY === true;
  const interval = tty ? 100 : 5_000;
  let last = started;
  let drawn = false;
  const line = (rows: number, fraction: number | null | undefined) => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    const pct = fraction == null ? '' : ` ${Math.min(100, Math.floor(fraction * 100))}%`;
    return `${label}: ${formatCount(rows)} rows${pct} · ${formatCount(rate)} rows/s`;
  };
  return {
    update(rows, fraction) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      if (tty) {
        const pct = fraction == null ? null : Math.min(1, fraction);
        const bar = pct == null ? '' : `[${'#'.repeat(Math.round(pct * 20)).padEnd(20, '.')}] `;
        stream.write(`\r\x1b[K${bar}${line(rows, fraction)}`);
        drawn = true;
      } else stream.write(line(rows, fraction) + '\n');
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
