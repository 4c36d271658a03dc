import { useRef, useState } from 'react';
import { ApiError, asApiError } from '../../lib/api.ts';
import { uploadPeopleCsv, type UploadEvent } from './upload.ts';

/** Bytes sent of all, then rows the server has read. */
export type UploadProgress = { sent: number; total: number; rows: number };

/**
 * One CSV upload's life on a screen (people or office-bearers): its progress, then its summary or the error that
 * stopped it, and a way to stop it. `running` is derived: started, and neither answered nor failed.
 */
export function useCsvUpload<S>() {
  const [progress, setProgress] = useState<UploadProgress>();
  const [summary, setSummary] = useState<S>();
  const [error, setError] = useState<ApiError>();
  const abort = useRef<AbortController>(null);

  async function start(path: string, file: File) {
    setSummary(undefined);
    setError(undefined);
    setProgress({ sent: 0, total: file.size, rows: 0 });
    abort.current = new AbortController();
    const onEvent = (ev: UploadEvent) =>
      setProgress((p) =>
        ev.type === 'sent' ? { ...(p ?? { rows: 0 }), sent: ev.loaded, total: ev.total } : { ...(p ?? { sent: 0, total: 0 }), rows: ev.rows },
      );
    try {
      setSummary(await uploadPeopleCsv<S>(path, file, onEvent, abort.current.signal));
    } catch (err) {
      setError(asApiError(err));
    }
  }

  return { progress, summary, error, running: progress !== undefined && !summary && !error, start, stop: () => abort.current?.abort() };
}
