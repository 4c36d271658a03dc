import { asApiError } from '../../lib/api.ts';
import { errorKeyOf, type ErrorKey } from '../../lib/error-messages.ts';

export type { ErrorKey };

/** A failed submit as a form shows it: one translated message, and the fields to mark. */
export interface FormError {
  code: ErrorKey;
  /** Field name → true, for the fields the server (or a code that names one field) blames. */
  fields: Record<string, true>;
}

/** Codes that are about one field, whatever the form: shown on that field, not only at the top. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  unit_code_taken: 'code',
  level_order: 'level',
  unknown_level: 'level',
  unknown_role: 'role',
  unknown_department: 'department',
};

/**
 * Turns what a write threw into a FormError: an unknown code becomes `internal`; validation issues are put on the
 * form's fields by their path (`person.phone` → `phone`, when the form has no `person.phone` field).
 */
export function toFormError(error: unknown, formFields: readonly string[]): FormError {
  const e = asApiError(error);
  const code = errorKeyOf(e.code);
  const fields: Record<string, true> = {};
  const put = (name: string | undefined) => {
    if (name && formFields.includes(name)) fields[name] = true;
  };
  for (const issue of e.issues) {
    const path = issue.path.replace(/^(body|json)\./, '');
    put(formFields.includes(path) ? path : path.split('.').at(-1));
  }
  put(FIELD_OF_CODE[code]);
  return { code, fields };
}
