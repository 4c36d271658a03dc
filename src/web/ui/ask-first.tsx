import { useState, type ReactNode } from 'react';
import { Button } from './components.tsx';

/**
 * A button that does not act but asks first: it opens what `ask` draws (a Confirm, usually), which closes it again
 * with the function it is given. For changes people make by mistake when one tap does them: withdrawing, cancelling.
 */
export function AskFirst({ label, className, ask }: { label: string; className?: string; ask(close: () => void): ReactNode }) {
  const [asking, setAsking] = useState(false);
  if (asking) return ask(() => setAsking(false));
  return (
    <div className="actions">
      <Button variant="secondary" className={className} onClick={() => setAsking(true)}>
        {label}
      </Button>
    </div>
  );
}
