import { useCallback } from 'react';
import { errorMessages } from '../../lib/error-messages.ts';
import { useT } from '../../lib/i18n.tsx';
import { useRequest } from '../../lib/use-request.ts';
import { Banner } from '../../ui/components.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { toFormError, type FormError } from './form-errors.ts';
import { orgMessages } from './messages.ts';

type OrgKey = keyof typeof orgMessages.en;

/**
 * A form's submit: busy while the request runs, and what went wrong afterwards. `fields` names the form's fields so
 * the server's validation issues land on them.
 */
export function useSubmit(fields: readonly string[]) {
  const toError = useCallback((e: unknown) => toFormError(e, fields), [fields]);
  return useRequest(toError);
}

/**
 * The server's error for a whole form, in the person's language, right above its buttons. A code about one field
 * (a code already taken) is shown on that field alone; validation keeps both, the summary and the marked fields.
 */
export function FormErrorBanner({ error }: { error: FormError | undefined }) {
  const te = useT(errorMessages);
  if (!error || (error.code !== 'validation' && Object.keys(error.fields).length > 0)) return null;
  return <Banner kind="error">{te(error.code)}</Banner>;
}

/** The end of every org form: the server's error, then submit (off while busy or offline) and cancel. */
export function FormFooter(p: { error: FormError | undefined; busy: boolean; online: boolean; label: OrgKey; busyLabel: OrgKey; onCancel(): void }) {
  const t = useT(orgMessages);
  return (
    <>
      <FormErrorBanner error={p.error} />
      <FormActions submit={t(p.label)} busyLabel={t(p.busyLabel)} cancel={t('cancel')} busy={p.busy} online={p.online} onCancel={p.onCancel} />
    </>
  );
}

/**
 * The message for one field: a problem found before sending wins; otherwise, if the server blamed the field, its
 * code's message (or a general "check this" for validation issues, whose text is not translated).
 */
export function useFieldError(local: Partial<Record<string, OrgKey>>, server: FormError | undefined) {
  const t = useT(orgMessages);
  const te = useT(errorMessages);
  return (name: string): string | undefined => {
    const mine = local[name];
    if (mine) return t(mine);
    if (!server?.fields[name]) return undefined;
    return server.code === 'validation' ? t('fieldInvalid') : te(server.code);
  };
}
