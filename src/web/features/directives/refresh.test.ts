import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trailingThrottle } from './refresh.ts';

describe('refreshing a list while coverage streams in', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('calls once per interval under a steady stream of changes, not on every one', () => {
    const fn = vi.fn();
    const t = trailingThrottle(fn, 3_000);
    for (let ms = 0; ms < 10_000; ms += 250) {
      t.poke();
      vi.advanceTimersByTime(250);
    }
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('calls after the last change, within the interval', () => {
    const fn = vi.fn();
    const t = trailingThrottle(fn, 3_000);
    t.poke();
    vi.advanceTimersByTime(2_999);
    expect(fn).not.toHaveBeenCalled();
    t.poke();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled (the screen is gone)', () => {
    const fn = vi.fn();
    const t = trailingThrottle(fn, 1_000);
    t.poke();
    t.cancel();
    vi.advanceTimersByTime(5_000);
    expect(fn).not.toHaveBeenCalled();
  });
});
