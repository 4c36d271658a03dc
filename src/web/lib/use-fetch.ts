import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  fromCache: boolean;
  reload(): void;
}

/** GETs a path and re-GETs when it changes; keeps the last data while reloading. */
export function useFetch<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean; fromCache: boolean }>({ loading: true, fromCache: false });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>('GET', path).then(
      (r) => live && setState({ data: r.data, loading: false, fromCache: r.fromCache }),
      (error: unknown) =>
        live && setState({ error: error instanceof ApiError ? error : new ApiError(0, 'internal', String(error)), loading: false, fromCache: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, fromCache: state.fromCache, reload };
}
