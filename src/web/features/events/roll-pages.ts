import { useCallback, useEffect, useRef, useState } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import type { Roll } from './types.ts';

/** How many names a page brings: enough to scroll a booth, few enough for a cheap phone to draw at once. */
export const ROLL_PAGE = 100;

/** What the roll screen asks for: a name search and a unit (an id, or `other` for those named nowhere). */
export interface RollFilter {
  q: string;
  unit: string;
}

export interface RollPages {
  roll: Roll | undefined;
  error: ApiError | undefined;
  loading: boolean;
  fromCache: boolean;
  /** Brings the next page after those shown. */
  more(): void;
  /** Reads what is shown again (after marks reached the server). */
  reload(): void;
}

const rollPath = (eventId: number, f: RollFilter, offset: number, limit: number) => {
  const p = new URLSearchParams({ offset: String(offset), limit: String(limit) });
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.unit) p.set('unit', f.unit);
  return `/api/events/${eventId}/roll?${p}`;
};

/**
 * The roll a page at a time from the server (a roll of hundreds is never read or drawn whole): a new filter starts
 * again from the first page, "more" appends the next, and a reload reads again as many as are shown (up to the
 * server's 500 a request). An answer to an older filter is dropped.
 */
export function useRollPages(eventId: number, filter: RollFilter): RollPages {
  const [state, setState] = useState<{ roll?: Roll; error?: ApiError; loading: boolean; fromCache: boolean }>({ loading: true, fromCache: false });
  const asked = useRef(0);
  const shown = useRef(0);
  const load = useCallback(
    (offset: number, limit: number) => {
      const ticket = ++asked.current;
      setState((s) => ({ ...s, loading: true }));
      api<Roll>('GET', rollPath(eventId, filter, offset, limit)).then(
        (r) => {
          if (ticket !== asked.current) return;
          setState((s) => {
            const items = offset > 0 && s.roll ? [...s.roll.items, ...r.data.items] : r.data.items;
            shown.current = items.length;
            return { roll: { ...r.data, items }, loading: false, fromCache: r.fromCache };
          });
        },
        (e: unknown) => ticket === asked.current && setState((s) => ({ ...s, error: asApiError(e), loading: false })),
      );
    },
    [eventId, filter],
  );
  useEffect(() => load(0, ROLL_PAGE), [load]);
  const more = useCallback(() => load(shown.current, ROLL_PAGE), [load]);
  const reload = useCallback(() => load(0, Math.min(500, Math.max(ROLL_PAGE, shown.current))), [load]);
  return { roll: state.roll, error: state.error, loading: state.loading, fromCache: state.fromCache, more, reload };
}
