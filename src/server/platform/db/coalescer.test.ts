import { describe, expect, it } from 'vitest';
import { coalescer } from './coalescer.ts';

/** Lets the event loop go round (a batch starts at the end of the turn its calls were made in). */
const aTurn = () => new Promise((r) => setTimeout(r, 5));

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
    await aTurn();
  };
  return { run, batches, release };
}

describe('coalescer', () => {
  it('runs the calls of one turn together at once when idle, and the calls that arrive meanwhile as the next batch', async () => {
    const { run, batches, release } = gatedRun();
    const call = coalescer(run, { concurrency: 1 });
    const first = [call(1), call(2)];
    await aTurn();
    expect(batches).toEqual([[1, 2]]);
    const rest = [call(3), call(4)];
    await aTurn();
    const last = call(5);
    await aTurn();
    expect(batches).toEqual([[1, 2]]); // waiting for the batch in flight
    await release();
    expect(await Promise.all(first)).toEqual([10, 20]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    await release();
    expect(await Promise.all([...rest, last])).toEqual([30, 40, 50]);
  });

  it('keeps up to `concurrency` batches in flight and bounds a batch by maxBatch', async () => {
    const { run, batches, release } = gatedRun();
    const call = coalescer(run, { concurrency: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((i) => call(i));
    await aTurn();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    await release();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    await release();
    await release();
    await release();
    expect(batches).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it('fails every call of a failed batch, and goes on with the next', async () => {
    let runs = 0;
    const call = coalescer(async (items: number[]) => {
      await aTurn();
      if (++runs === 1) throw new Error('down');
      return items;
    });
    const failing = [call(1), call(2)];
    await new Promise((r) => setImmediate(r));
    const meanwhile = call(3); // made while the first batch is in flight, so it goes in the next
    await expect(failing[0]).rejects.toThrow('down');
    await expect(failing[1]).rejects.toThrow('down');
    expect(await meanwhile).toBe(3);
    expect(await call(4)).toBe(4);
  });
});
