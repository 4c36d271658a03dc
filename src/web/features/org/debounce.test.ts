import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncer } from './debounce.ts';

describe('createDebouncer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends only the last value, once typing pauses', () => {
    const sent: string[] = [];
    const d = createDebouncer((v: string) => sent.push(v), 300);
    d.push('S');
    vi.advanceTimersByTime(100);
    d.push('Sa');
    vi.advanceTimersByTime(299);
    d.push('Sam');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(sent).toEqual(['Sam']);
    d.push('Samb');
    vi.advanceTimersByTime(300);
    expect(sent).toEqual(['Sam', 'Samb']);
  });

  it('sends nothing after cancel (the screen went away)', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 300);
    d.push('x');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
