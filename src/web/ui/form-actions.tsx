import { Button } from './components.tsx';

/**
 * A form's last row: its submit, off while busy or offline and saying when it is busy, and a way back. Its own module,
 * not components.tsx, so that it loads with the screens that have such forms, not with the first screen.
 */
export function FormActions(p: {
  submit: string;
  busyLabel: string;
  cancel: string;
  busy: boolean;
  online: boolean;
  onCancel(): void;
  /** For the submit button (`danger` for a change that cannot be taken back). */
  className?: string;
}) {
  return (
    <div className="actions">
      <Button type="submit" className={p.className} disabled={p.busy || !p.online}>
        {p.busy ? p.busyLabel : p.submit}
      </Button>
      <Button variant="secondary" onClick={p.onCancel}>
        {p.cancel}
      </Button>
    </div>
  );
}
