import { ApiError } from '../../lib/api.ts';

/**
 * The file name a server suggests in `Content-Disposition` (`filename*=UTF-8''…` preferred, then `filename="…"`),
 * stripped of any folder part, or `fallback`.
 */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  let name: string | undefined;
  if (star) {
    try {
      name = decodeURIComponent(star[1]!.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(disposition)?.[1]?.replace(/\\(.)/g, '$1') ?? /filename\s*=\s*([^;\s]+)/.exec(disposition)?.[1];
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : fallback;
}

/**
 * A GET of personal data the person asked for (an export, a roster, a vCard): never kept by the service worker or
 * the browser's cache (`cache: 'no-store'`), so whole numbers do not stay on the phone after the screen closes.
 */
export async function fetchPrivate(path: string, accept = 'application/json'): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: { accept } });
  } catch {
    throw new ApiError(0, 'offline', 'no connection');
  }
  if (!res.ok) {
    const e = ((await res.json().catch(() => null)) ?? {}) as { code?: string; message?: string };
    throw new ApiError(res.status, e.code ?? 'internal', e.message ?? res.statusText);
  }
  return res;
}

/** Saves a blob as a file on the device (the browser's download). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the download to start on a slow phone; the blob is freed afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a file the server makes (people CSV, a person's JSON, a roster's vCard) and saves it under its suggested name. */
export async function download(path: string, fallbackName: string, accept?: string): Promise<string> {
  const res = await fetchPrivate(path, accept);
  const name = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  saveBlob(await res.blob(), name);
  return name;
}
