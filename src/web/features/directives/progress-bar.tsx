import { barParts } from './coverage-math.ts';
import type { Ask, Progress } from './types.ts';

/**
 * One horizontal bar for a unit's progress: done (dark), acknowledged but not done (light, when a report is asked), and
 * the rest, red once overdue. The figures are always written next to it; the bar repeats them, with its own label for
 * screen readers.
 */
export function ProgressBar({ ask, progress, label }: { ask: Ask; progress: Progress; label: string }) {
  const p = barParts(ask, progress);
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return (
    <div className={`progress-bar${p.overdue ? ' overdue' : ''}`} role="img" aria-label={label}>
      <span className="part done" style={{ width: pct(p.done) }} />
      {p.acked > 0 && <span className="part acked" style={{ width: pct(p.acked) }} />}
    </div>
  );
}
