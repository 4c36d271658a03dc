import type { ReactNode } from 'react';
import { Button } from './components.tsx';

/**
 * A question before a change that cannot be taken back lightly: the question, anything more to say (the server's
 * refusal, for one), a "yes" that stays off while busy or offline, and a way back. Its own module, not components.tsx,
 * so that it loads with the screens that ask, not with the first screen.
 */
export function Confirm(p: {
  question: string;
  yes: string;
  busyLabel: string;
  cancel: string;
  busy: boolean;
  online: boolean;
  onYes(): void;
  onCancel(): void;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={p.className}>
      <p>
        <strong>{p.question}</strong>
      </p>
      {p.children}
      <div className="actions">
        <Button className="danger" onClick={p.onYes} disabled={p.busy || !p.online} autoFocus>
          {p.busy ? p.busyLabel : p.yes}
        </Button>
        <Button variant="secondary" onClick={p.onCancel}>
          {p.cancel}
        </Button>
      </div>
    </div>
  );
}
