import { useEffect, useState } from 'react';

/** How long typing must pause before a search goes out: fewer requests on a slow connection. */
export const SEARCH_DELAY_MS = 300;

/**
 * Calls `fn` with the last value once `ms` have passed without a new one. `cancel` drops a pending call (when the
 * screen goes away). Timers are injectable so the logic is testable without a browser.
 */
export function createDebouncer<T>(
  fn: (value: T) => void,
  ms: number,
  timers: { set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void } = {
    set: (f, t) => setTimeout(f, t),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
) {
  let handle: unknown;
  let pending = false;
  return {
    push(value: T) {
      if (pending) timers.clear(handle);
      pending = true;
      handle = timers.set(() => {
        pending = false;
        fn(value);
      }, ms);
    },
    cancel() {
      if (pending) timers.clear(handle);
      pending = false;
    },
  };
}

/** The value as it was `ms` after it last changed. */
export function useDebouncedValue<T>(value: T, ms = SEARCH_DELAY_MS): T {
  const [settled, setSettled] = useState(value);
  const [debouncer] = useState(() => createDebouncer<T>(setSettled, ms));
  useEffect(() => {
    debouncer.push(value);
  }, [debouncer, value]);
  useEffect(() => () => debouncer.cancel(), [debouncer]);
  return settled;
}
