import { useCallback, useEffect, useState } from 'react';
import { api, asApiError, type ApiError } from '../../lib/api.ts';
import { openDirectivesStore } from './store.ts';

export interface CachedRead<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Shown from the phone's copy, not the server's answer; `savedAt` says how old it is when known. */
  fromCache: boolean;
  savedAt: string | undefined;
  reload(): void;
}

/** An answer that says nothing about the data itself (no connection, the server down): the phone's copy may stand in. */
const stale = (e: ApiError) => e.code === 'offline' || e.status === 0 || e.status >= 500;

/**
 * GETs `path` and keeps each fresh answer on the phone under `key` (store.ts). When the server cannot be reached, or
 * the service worker answered from its own cache, the phone's copy is shown instead, marked as a copy. `version`
 * re-reads (a send went through). A null path waits.
 */
export function useCachedRead<T>(path: string | null, key: string | null, version = 0): CachedRead<T> {
  const [state, setState] = useState<Omit<CachedRead<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: true,
    fromCache: false,
    savedAt: undefined,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path || !key) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const fromPhone = async () => (await openDirectivesStore()).cache.get<T>(key).catch(() => undefined);
    void (async () => {
      try {
        const r = await api<T>('GET', path);
        if (!r.fromCache) {
          if (live) setState({ data: r.data, error: undefined, loading: false, fromCache: false, savedAt: undefined });
          await (await openDirectivesStore()).cache.put(key, r.data).catch(() => {});
          return;
        }
        // The service worker's copy: the phone's own may be newer (it is written on every fresh read and send).
        const mine = await fromPhone();
        if (live) setState({ data: mine?.data ?? r.data, error: undefined, loading: false, fromCache: true, savedAt: mine?.savedAt });
      } catch (e) {
        const error = asApiError(e);
        const mine = stale(error) ? await fromPhone() : undefined;
        if (!live) return;
        if (mine) setState({ data: mine.data, error: undefined, loading: false, fromCache: true, savedAt: mine.savedAt });
        else setState((s) => ({ ...s, error, loading: false }));
      }
    })();
    return () => {
      live = false;
    };
  }, [path, key, version, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
