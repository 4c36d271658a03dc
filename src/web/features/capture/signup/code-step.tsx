import type { FormEvent, ReactNode } from 'react';
import { ApiError } from '../../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../../lib/error-messages.ts';
import { useT } from '../../../lib/i18n.tsx';
import { Banner, Button, Field } from '../../../ui/components.tsx';

/** What went wrong in a public page's request, as a message key (a network failure is `offline`). */
export const failureKey = (e: unknown): ErrorKey => errorKeyOf(e instanceof ApiError ? e.code : undefined);

/**
 * The second step of a public page that proves a number: the 6-digit code sent to it, then the page's own action.
 * A wrong code is told on the code itself; any other refusal above the buttons.
 */
export function CodeStep(p: {
  /** "A code was sent to …", as the page words it. */
  sent: string;
  label: string;
  code: string;
  onCode(code: string): void;
  /** The page's own check of the code (not 6 digits), before anything is sent. */
  invalid: string | undefined;
  failure: ErrorKey | undefined;
  busy: boolean;
  submit: string;
  onSubmit(e: FormEvent): void;
  changeNumber: string;
  onChangeNumber(): void;
  /** More buttons, between the action and "change the number". */
  children?: ReactNode;
}) {
  const te = useT(errorMessages);
  return (
    <form onSubmit={p.onSubmit} noValidate>
      <p>{p.sent}</p>
      <Field
        label={p.label}
        className="code-input"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={p.code}
        onChange={(e) => p.onCode(e.target.value.replace(/\D/g, ''))}
        error={p.invalid ?? (p.failure === 'otp_invalid' ? te('otp_invalid') : undefined)}
      />
      {p.failure && p.failure !== 'otp_invalid' && <Banner kind="error">{te(p.failure)}</Banner>}
      <div className="actions">
        <Button type="submit" className="wide" disabled={p.busy}>
          {p.submit}
        </Button>
        {p.children}
        <Button variant="secondary" onClick={p.onChangeNumber} disabled={p.busy}>
          {p.changeNumber}
        </Button>
      </div>
    </form>
  );
}
