import { describe, expect, it } from 'vitest';
import { groupShare, missingGroups, shareOf, sortGroupCoverage, toneOf } from './group-coverage.ts';
import type { GroupCoverageRow } from './types.ts';

const row = (id: number, nameEn: string, nameHi: string, booths: number, bw: number, bp: number, sks: number, skw: number, skp: number): GroupCoverageRow => ({
  unit: { id, level: 'mandal', nameEn, nameHi },
  booths,
  boothsWithWorkers: bw,
  boothsWithPublic: bp,
  shaktiKendras: sks,
  shaktiKendrasWithWorkers: skw,
  shaktiKendrasWithPublic: skp,
  groups: bw + bp + skw + skp,
  members: 0,
});

describe('group coverage', () => {
  it('counts the groups a unit lacks: a workers’ and a public group per booth and per shakti kendra', () => {
    expect(missingGroups(row(1, 'A', 'अ', 10, 10, 10, 2, 2, 2))).toBe(0);
    expect(missingGroups(row(1, 'A', 'अ', 10, 4, 0, 2, 1, 0))).toBe(16 + 3);
    expect(groupShare(row(1, 'A', 'अ', 10, 4, 0, 2, 1, 0))).toBeCloseTo(5 / 24);
    // Nothing below: nothing missing, fully covered.
    expect(groupShare(row(1, 'A', 'अ', 0, 0, 0, 0, 0, 0))).toBe(1);
    expect(shareOf(3, 0)).toBe(1);
    expect(shareOf(3, 4)).toBe(0.75);
  });

  it('puts the worst covered first, then the bigger gap, then the name in the reader’s language', () => {
    const rows = [
      row(1, 'Bilari', 'बिलारी', 10, 10, 10, 2, 2, 2), // full
      row(2, 'Asmoli', 'असमोली', 10, 0, 0, 2, 0, 0), // none, gap 24
      row(3, 'Chandausi', 'चंदौसी', 1, 0, 0, 0, 0, 0), // none, gap 2
      row(4, 'Gunnaur', 'गुन्नौर', 10, 5, 5, 2, 1, 1), // half
      row(5, 'Kundarki', 'कुंदरकी', 1, 0, 0, 0, 0, 0), // none, gap 2
    ];
    expect(sortGroupCoverage(rows, 'en').map((r) => r.unit.id)).toEqual([2, 3, 5, 4, 1]);
    expect(sortGroupCoverage(rows, 'hi').map((r) => r.unit.id)).toEqual([2, 5, 3, 4, 1]);
    expect(rows.map((r) => r.unit.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('colours a share like the org coverage screen', () => {
    expect(toneOf(0.2)).toBe('bad');
    expect(toneOf(0.6)).toBe('warn');
    expect(toneOf(0.95)).toBe('good');
  });
});
