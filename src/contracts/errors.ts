import { z } from 'zod';

/**
 * Every error code the API can answer with. The code is stable (clients and tests match on it); the message is
 * for people and is localised by the client from the i18n key `errors.<code>`.
 */
export const errorCodes = {
  validation: 400,
  bad_json: 400,
  bad_url: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unit_code_taken: 409,
  level_order: 422,
  move_into_own_subtree: 422,
  unit_not_empty: 409,
  unknown_level: 422,
  unknown_role: 422,
  unknown_department: 422,
  position_exists: 409,
  unknown_notice: 422,
  child_not_allowed: 422,
  person_erased: 409,
  merge_invalid: 422,
  no_consent: 422,
  otp_invalid: 400,
  otp_expired: 400,
  rate_limited: 429,
  sms_budget_exhausted: 429,
  phone_not_allowed: 422,
  pow_invalid: 400,
  csv_invalid: 400,
  payload_too_large: 413,
  file_type_refused: 415,
  file_too_large_pixels: 422,
  unsupported_media_type: 415,
  csrf_refused: 403,
  event_cancelled: 409,
  checkin_invalid: 422,
  checkin_expired: 422,
  phone_change_needs_code: 409,
  checkin_too_early: 422,
  event_over: 409,
  not_invited: 403,
  walk_in_ambiguous: 409,
  phase_not_started: 422,
  event_not_started: 422,
  internal: 500,
  timeout: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** The one error shape: `{ code, message }`, with field issues on validation errors. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** With a 429: seconds until asking again may succeed (also the Retry-After header). */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
