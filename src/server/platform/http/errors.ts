import { errorCodes, type ErrorCode } from '../../../contracts/errors.ts';

export { type ErrorCode } from '../../../contracts/errors.ts';

/** Field-level detail carried by validation errors. */
export interface Issue {
  path: string;
  message: string;
}

/**
 * The one error type services throw. Its code is stable and maps to an HTTP status in one place; the message is
 * English for logs and API users, and clients show their own translation of `errors.<code>`.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  /** For a 429: seconds until trying again may succeed, answered as Retry-After and `retryAfterSeconds`. */
  retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, message: string, issues?: Issue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
  get status(): (typeof errorCodes)[ErrorCode] {
    return errorCodes[this.code];
  }
}

/** 404 that hides whether the object exists at all: used for what is outside the caller's turf too. */
export const notFound = (what = 'object') => new AppError('not_found', `${what} not found`);
