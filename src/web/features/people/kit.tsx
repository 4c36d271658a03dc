import { useCallback, useEffect, useState, type ComponentProps } from 'react';
import { asApiError, type ApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useRequest } from '../../lib/use-request.ts';
import { Banner } from '../../ui/components.tsx';
import { Confirm as AskFirst } from '../../ui/confirm.tsx';
import { download } from './download.ts';
import { peopleMessages } from './messages.ts';

/** An error as the person reads it: the server's code in their language (an unknown code reads as `internal`). */
export function useErrorText() {
  const te = useT(errorMessages);
  return useCallback((e: ApiError | undefined) => (e ? te(errorKeyOf(e.code)) : ''), [te]);
}

/**
 * One action's request: busy while it runs, the error afterwards. The people screens' forms are small, so the error
 * is shown for the whole form (the field names of validation issues are in `error.issues` for those that want them).
 */
export const useAction = () => useRequest(asApiError);

/** A file the server makes, saved on the device (download.ts): busy while it comes, then its name or the error. */
export function useDownload() {
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState<string>();
  const save = async (path: string, fallbackName: string, accept?: string) => {
    setSaved(undefined);
    const r = await run(() => download(path, fallbackName, accept));
    if (r.ok) setSaved(r.value);
  };
  return { busy, error, saved, save };
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

/** A question before a change that cannot be taken back lightly (ui/confirm.tsx), with the server's refusal under it. */
export function Confirm({ error, children, ...p }: Omit<ComponentProps<typeof AskFirst>, 'cancel' | 'className'> & { error: ApiError | undefined }) {
  const t = useT(peopleMessages);
  return (
    <AskFirst {...p} className="confirm" cancel={t('cancel')}>
      {children}
      <ErrorBanner error={error} />
    </AskFirst>
  );
}
