import { useState } from 'react';
import { api, asApiError } from './api.ts';
import { newClientKey } from './client-key.ts';
import { errorKeyOf, type ErrorKey } from './error-messages.ts';

/** A failed submit as a create form shows it: one translated message, and the fields to mark. */
export interface FieldsError<F extends string> {
  code: ErrorKey;
  fields: Partial<Record<F, true>>;
}

/** Codes about who a thing is for (the levels, roles and departments of its audience). */
const AUDIENCE_CODES = ['level_order', 'unknown_level', 'unknown_role', 'unknown_department'];

/**
 * What a create threw, for its form: the server's validation issues put on the form's fields by `fieldOf`, and a
 * refusal of the audience on `audienceField`; an unknown code reads as `internal`.
 */
export function fieldsError<F extends string>(error: unknown, fieldOf: (path: string) => F | null, audienceField?: F): FieldsError<F> {
  const e = asApiError(error);
  const fields: Partial<Record<F, true>> = {};
  for (const issue of e.issues) {
    const f = fieldOf(issue.path);
    if (f) fields[f] = true;
  }
  if (audienceField && AUDIENCE_CODES.includes(e.code)) fields[audienceField] = true;
  return { code: errorKeyOf(e.code), fields };
}

/**
 * A create form's sending: the client key made once (a double tap or a retry after a lost answer is still one
 * thing), whether the person has tried to send (so problems show only then), busy while it goes, and what the server
 * refused, on the form's fields.
 */
export function useCreate<F extends string>(fieldOf: (path: string) => F | null, audienceField?: F) {
  const [clientKey] = useState(newClientKey);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<FieldsError<F>>();
  /** POSTs `body` (null: the form still has problems) with the client key, and hands the answer to `done`. */
  async function submit<R>(path: string, body: object | null, done: (created: R) => void): Promise<void> {
    setTried(true);
    setServerError(undefined);
    if (!body) return;
    setBusy(true);
    try {
      done((await api<R>('POST', path, { clientKey, ...body })).data);
    } catch (e) {
      setServerError(fieldsError(e, fieldOf, audienceField));
    } finally {
      setBusy(false);
    }
  }
  return { tried, busy, serverError, submit };
}
