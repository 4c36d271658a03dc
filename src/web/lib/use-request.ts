import { useCallback, useState } from 'react';

/**
 * One request at a time from a form or a button: busy while it runs, and what went wrong afterwards, as `toError` makes
 * it for the screen (a form's marked fields, an ApiError, a message key). `toError` should be stable (module-level or
 * memoised): `run` changes with it.
 */
export function useRequest<E>(toError: (e: unknown) => E) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<E>();
  const run = useCallback(
    async <T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
      setBusy(true);
      setError(undefined);
      try {
        return { ok: true, value: await call() };
      } catch (e) {
        setError(toError(e));
        return { ok: false };
      } finally {
        setBusy(false);
      }
    },
    [toError],
  );
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}
