import { ApiError } from '../../lib/api.ts';
import { NdjsonReader } from './ndjson.ts';
import type { ImportFailed, ImportLine, ImportSummary } from './types.ts';

/** What an upload reports while it runs: bytes sent, then rows the server has read. */
export type UploadEvent = { type: 'sent'; loaded: number; total: number } | { type: 'progress'; rows: number };

/** The import URL for a unit, with the evidence for the consent the rows carry (never personal data). */
export function importPath(unitId: number | string, evidence: string): string {
  const e = evidence.trim();
  return `/api/units/${unitId}/people/import${e ? `?${new URLSearchParams({ evidence: e }).toString()}` : ''}`;
}

/**
 * The import's answer: progress lines, then one summary line (ImportLine), or an error line when the server stopped
 * part way. Throws on an error line, and when the answer ended without a summary (the connection broke): the rows read
 * so far may be in, and importing the same file again is safe (rows already there count as existing, not added twice).
 */
export function summaryOf<S = ImportSummary>(lines: readonly unknown[]): S {
  const failed = lines.find((l): l is ImportFailed => (l as ImportLine | null)?.type === 'error');
  if (failed) throw new ImportStopped(failed);
  const done = lines.find((l) => (l as ImportLine | null)?.type === 'done') as S | undefined;
  if (!done) throw new ApiError(0, 'import_interrupted', 'the import ended without its summary');
  return done;
}

/** The server stopped part way and said why (an `error` line): the rows read before it are in. */
export class ImportStopped extends ApiError {
  override name = 'ImportStopped';
  readonly rows: number;
  constructor(line: ImportFailed) {
    super(200, line.code, line.message);
    this.rows = line.rows;
  }
}

/**
 * Sends a CSV file with XMLHttpRequest, which (unlike fetch) reports upload progress, and reads the streamed NDJSON
 * answer as it comes (people, or office-bearers: the same progress, summary and error lines). Resolves with the
 * summary; a refusal (4xx/5xx JSON error) rejects with its ApiError.
 */
export function uploadPeopleCsv<S = ImportSummary>(path: string, file: Blob, onEvent: (e: UploadEvent) => void, signal?: AbortSignal): Promise<S> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const reader = new NdjsonReader();
    const lines: unknown[] = [];
    const take = (values: unknown[]) => {
      for (const v of values) {
        lines.push(v);
        const line = v as ImportLine;
        if (line?.type === 'progress') onEvent({ type: 'progress', rows: line.rows });
      }
    };
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    xhr.upload.onprogress = (e) => onEvent({ type: 'sent', loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onprogress = () => {
      if (xhr.status >= 200 && xhr.status < 300) take(reader.pushTotal(xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'offline', 'no connection'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'the upload was stopped'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        let e: { code?: string; message?: string; issues?: Array<{ path: string; message: string }> } = {};
        try {
          e = JSON.parse(xhr.responseText) as typeof e;
        } catch {
          // not JSON: the status says enough
        }
        reject(new ApiError(xhr.status, e.code ?? (xhr.status === 413 ? 'payload_too_large' : 'internal'), e.message ?? xhr.statusText, e.issues));
        return;
      }
      try {
        take(reader.pushTotal(xhr.responseText));
        take(reader.end());
        resolve(summaryOf<S>(lines));
      } catch (error) {
        reject(error instanceof ApiError ? error : new ApiError(0, 'internal', String(error)));
      }
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
