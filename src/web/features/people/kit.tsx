import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../lib/api.ts';
import { errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { Banner, Button } from '../../ui/components.tsx';
import { peopleMessages } from './messages.ts';

type ErrorKey = keyof typeof errorMessages.en;

/** An error as the person reads it: the server's code in their language (an unknown code reads as `internal`). */
export function useErrorText() {
  const te = useT(errorMessages);
  return useCallback((e: ApiError | undefined) => (e ? te((e.code in errorMessages.en ? e.code : 'internal') as ErrorKey) : ''), [te]);
}

/** Any failure as an ApiError (a network failure is `offline`). */
export const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));

/**
 * One action's request: busy while it runs, the error afterwards. The people screens' forms are small, so the error
 * is shown for the whole form (the field names of validation issues are in `error.issues` for those that want them).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async <T,>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
    setBusy(true);
    setError(undefined);
    try {
      return { ok: true, value: await call() };
    } catch (e) {
      setError(asApiError(e));
      return { ok: false };
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}

/** The server's refusal, in the person's language. */
export function ErrorBanner({ error }: { error: ApiError | undefined }) {
  const text = useErrorText();
  return error ? <Banner kind="error">{text(error)}</Banner> : null;
}

/** The value as it was `ms` after it last changed: a search waits for a pause in typing (fewer requests on 2G). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const handle = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(handle);
  }, [value, ms]);
  return settled;
}

/**
 * A question before a change that cannot be taken back lightly: the question, the server's error if it refused, a
 * "yes" that stays off while busy or offline, and a way back.
 */
export function Confirm({
  question,
  yes,
  busyLabel,
  busy,
  online,
  error,
  onYes,
  onCancel,
  children,
}: {
  question: string;
  yes: string;
  busyLabel: string;
  busy: boolean;
  online: boolean;
  error: ApiError | undefined;
  onYes(): void;
  onCancel(): void;
  children?: ReactNode;
}) {
  const t = useT(peopleMessages);
  return (
    <div className="confirm">
      <p>
        <strong>{question}</strong>
      </p>
      {children}
      <ErrorBanner error={error} />
      <div className="actions">
        <Button className="danger" onClick={onYes} disabled={busy || !online} autoFocus>
          {busy ? busyLabel : yes}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </div>
  );
}
