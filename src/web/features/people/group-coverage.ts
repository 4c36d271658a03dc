import type { Lang } from '../../lib/format.ts';
import type { GroupCoverageRow } from './types.ts';

/** A share 0..1; nothing to cover counts as fully covered (there is no gap to close). */
export const shareOf = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : 1);

/**
 * How many groups a unit's booths and shakti kendras lack: each should have a workers' group and a public group.
 * This is the size of the gap, whatever its share.
 */
export function missingGroups(r: GroupCoverageRow): number {
  return 2 * r.booths - r.boothsWithWorkers - r.boothsWithPublic + (2 * r.shaktiKendras - r.shaktiKendrasWithWorkers - r.shaktiKendrasWithPublic);
}

/** The share of the groups a unit should have that it has (workers' and public, booths and shakti kendras together). */
export function groupShare(r: GroupCoverageRow): number {
  const wanted = 2 * (r.booths + r.shaktiKendras);
  return shareOf(wanted - missingGroups(r), wanted);
}

/** Children with the worst coverage first; ties go to the bigger gap, then the name in the reader's language. */
export function sortGroupCoverage(rows: readonly GroupCoverageRow[], lang: Lang): GroupCoverageRow[] {
  const collator = new Intl.Collator(lang === 'hi' ? 'hi' : 'en', { sensitivity: 'base', numeric: true });
  const name = (r: GroupCoverageRow) => (lang === 'hi' ? r.unit.nameHi : r.unit.nameEn);
  return [...rows].sort(
    (a, b) => groupShare(a) - groupShare(b) || missingGroups(b) - missingGroups(a) || collator.compare(name(a), name(b)) || a.unit.id - b.unit.id,
  );
}

/** How a share looks: under half is a gap to act on, under 90% needs attention (as on the org coverage screen). */
export function toneOf(share: number): 'good' | 'warn' | 'bad' {
  return share < 0.5 ? 'bad' : share < 0.9 ? 'warn' : 'good';
}
