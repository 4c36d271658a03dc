/** A failed API call: the server's stable code (translated by the screen) and its field issues. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: string;
  readonly status: number;
  readonly issues: Array<{ path: string; message: string }>;
  /** With a 429: seconds until asking again may succeed (the server's Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: string, message: string, issues: Array<{ path: string; message: string }> = [], retryAfterSeconds?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Any failure as an ApiError: one the server answered stays as it is; anything else reads as `internal`. */
export const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'internal', String(e)));

/** What a read returns: the data, and whether it came from the offline cache rather than the server. */
export interface Fetched<T> {
  data: T;
  fromCache: boolean;
}

/** The service worker marks answers it served from its cache with this header. */
export const FROM_CACHE_HEADER = 'x-setu-from-cache';

/** Calls the API with the session cookie; JSON in, JSON out; errors become ApiError (network failures: code `offline`). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<Fetched<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline', 'no connection');
  }
  const payload: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const e = (payload ?? {}) as { code?: string; message?: string; issues?: Array<{ path: string; message: string }>; retryAfterSeconds?: number };
    const retryAfter = e.retryAfterSeconds ?? (Number(res.headers.get('retry-after')) || undefined);
    throw new ApiError(res.status, e.code ?? 'internal', e.message ?? res.statusText, e.issues, retryAfter);
  }
  return { data: payload as T, fromCache: res.headers.get(FROM_CACHE_HEADER) === '1' };
}
