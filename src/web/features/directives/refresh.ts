import { useEffect, useRef } from 'react';

/**
 * Calls `fn` once, `ms` after the first of a run of pokes; pokes while it waits are absorbed. Under a steady stream of
 * changes that is one call every `ms` (a debounce would never call at all), and after the last change at most `ms` late.
 */
export function trailingThrottle(fn: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    poke() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * Re-reads a list when the live coverage moves (`changedAt`, the server's time of the figures), at most once every
 * `ms`: the lists are for acting on, not for watching every acknowledgement arrive. The first value is the one the list
 * was read with.
 */
export function useRefreshOnChange(changedAt: string | undefined, reload: () => void, ms: number): void {
  const first = useRef(changedAt);
  const latest = useRef(reload);
  latest.current = reload;
  const throttle = useRef<ReturnType<typeof trailingThrottle>>(null);
  useEffect(() => {
    const t = trailingThrottle(() => latest.current(), ms);
    throttle.current = t;
    return () => t.cancel();
  }, [ms]);
  useEffect(() => {
    if (changedAt !== first.current) throttle.current?.poke();
  }, [changedAt]);
}
