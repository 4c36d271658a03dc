import type { Lang } from '../../lib/format.ts';
import type { Ask, Progress } from './types.ts';

export const COVERAGE_SORTS = ['overdue', 'name', 'completion'] as const;
export type CoverageSort = (typeof COVERAGE_SORTS)[number];

interface Child extends Progress {
  unit: { id: number; nameEn: string; nameHi: string };
  target: boolean;
}

/** Complete means acknowledged, or done when a report is asked (the server's rule). */
export const completeOf = (ask: Ask, p: Progress) => (ask === 'report' ? p.done : p.acked);

/** The share complete, 0..1; nothing to do counts as complete. */
export const completion = (ask: Ask, p: Progress) => (p.targets > 0 ? completeOf(ask, p) / p.targets : 1);

/**
 * Children in the chosen order: most overdue first (the server's order, the default), by name, or least complete
 * first. Ties fall back to the least complete, then the name, so the order is stable as figures change live.
 */
export function sortChildren<C extends Child>(children: readonly C[], sort: CoverageSort, ask: Ask, lang: Lang): C[] {
  const collator = new Intl.Collator(lang === 'hi' ? 'hi' : 'en', { sensitivity: 'base', numeric: true });
  const name = (c: C) => (lang === 'hi' ? c.unit.nameHi : c.unit.nameEn);
  const byName = (a: C, b: C) => collator.compare(name(a), name(b)) || a.unit.id - b.unit.id;
  const byCompletion = (a: C, b: C) => completion(ask, a) - completion(ask, b);
  return [...children].sort((a, b) => {
    switch (sort) {
      case 'overdue':
        return b.overdue - a.overdue || byCompletion(a, b) || byName(a, b);
      case 'completion':
        return byCompletion(a, b) || b.overdue - a.overdue || byName(a, b);
      case 'name':
        return byName(a, b);
    }
  });
}

/** Whether a child has target units below it to drill into (a booth that is itself the target has none). */
export const canDrill = (c: Pick<Child, 'target' | 'targets'>) => c.targets > (c.target ? 1 : 0);

/**
 * The parts of a child's bar, as shares of its targets: done, acknowledged but not done (only when a report is asked),
 * and the rest; once the due time has passed the rest is all overdue.
 */
export function barParts(ask: Ask, p: Progress): { done: number; acked: number; rest: number; overdue: boolean } {
  if (p.targets <= 0) return { done: 0, acked: 0, rest: 0, overdue: false };
  const share = (n: number) => Math.max(0, Math.min(1, n / p.targets));
  const done = ask === 'report' ? share(p.done) : share(p.acked);
  const acked = ask === 'report' ? share(p.acked - p.done) : 0;
  return { done, acked, rest: Math.max(0, 1 - done - acked), overdue: p.overdue > 0 };
}
