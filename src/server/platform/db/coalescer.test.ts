import { describe, expect, it } from 'vitest';
import { coalescer } from './coalescer.ts';

/** A run that records its batches and answers when released. */
function gatedRun() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve) => gates.push(() => resolve(items.map((i) => i * 10))));
  };
  const release = async () => {
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { run, batches, release };
}

describe('coalescer', () => {
  it('runs a call at once when idle, and the calls that arrive meanwhile together as the next batch', async () => {
    const { run, batches, release } = gatedRun();
    const call = coalescer(run, { concurrency: 1 });
    const first = call(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(batches).toEqual([[1]]);
    const rest = [call(2), call(3), call(4)];
    await new Promise((r) => setTimeout(r, 0));
    expect(batches).toEqual([[1]]); // waiting for the batch in flight
    await release();
    expect(await first).toBe(10);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps up to `concurrency` batches in flight and bounds a batch by maxBatch', async () => {
    const { run, batches, release } = gatedRun();
    const call = coalescer(run, { concurrency: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((i) => call(i));
    await new Promise((r) => setTimeout(r, 0));
    expect(batches).toEqual([[1], [2]]);
    await release();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    await release();
    await release();
    await release();
    expect(batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('fails every call of a failed batch, and goes on with the next', async () => {
    let runs = 0;
    const call = coalescer(async (items: number[]) => {
      if (++runs === 1) throw new Error('down');
      return items;
    });
    const failing = [call(1), call(2)];
    await expect(failing[0]).rejects.toThrow('down');
    expect(await failing[1]).toBe(2); // it arrived while the first was in flight, so it went in the next batch
    expect(await call(3)).toBe(3);
  });
});
