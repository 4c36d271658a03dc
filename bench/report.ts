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
