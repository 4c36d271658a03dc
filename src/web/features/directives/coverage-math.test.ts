import { describe, expect, it } from 'vitest';
import { barParts, canDrill, completion, sortChildren } from './coverage-math.ts';

const child = (id: number, nameEn: string, nameHi: string, p: { targets: number; acked: number; done: number; overdue: number }, target = false) => ({
  unit: { id, level: 'mandal', nameEn, nameHi },
  target,
  ...p,
});

const kids = [
  child(1, 'Bahjoi', 'बहजोई', { targets: 10, acked: 9, done: 2, overdue: 1 }),
  child(2, 'Amroha', 'अमरोहा', { targets: 10, acked: 2, done: 0, overdue: 8 }),
  child(3, 'Chandausi', 'चंदौसी', { targets: 4, acked: 1, done: 1, overdue: 0 }),
  child(4, 'Dhanari', 'धनारी', { targets: 0, acked: 0, done: 0, overdue: 0 }),
];

describe('directive coverage', () => {
  it('puts the most overdue first by default, then the least complete', () => {
    expect(sortChildren(kids, 'overdue', 'ack', 'en').map((c) => c.unit.id)).toEqual([2, 1, 3, 4]);
  });
  it('sorts by completion, counting done when a report is asked', () => {
    expect(sortChildren(kids, 'completion', 'ack', 'en').map((c) => c.unit.id)).toEqual([2, 3, 1, 4]);
    expect(sortChildren(kids, 'completion', 'report', 'en').map((c) => c.unit.id)).toEqual([2, 1, 3, 4]);
  });
  it('sorts by name in the reader’s language', () => {
    expect(sortChildren(kids, 'name', 'ack', 'en').map((c) => c.unit.nameEn)).toEqual(['Amroha', 'Bahjoi', 'Chandausi', 'Dhanari']);
    expect(sortChildren(kids, 'name', 'ack', 'hi').map((c) => c.unit.nameHi)).toEqual(['अमरोहा', 'चंदौसी', 'धनारी', 'बहजोई']);
  });
  it('counts a unit with nothing to do as complete', () => {
    expect(completion('ack', kids[3]!)).toBe(1);
    expect(completion('report', kids[0]!)).toBe(0.2);
  });
  it('drills into a child only when there are targets below it', () => {
    expect(canDrill({ target: true, targets: 1 })).toBe(false);
    expect(canDrill({ target: true, targets: 5 })).toBe(true);
    expect(canDrill({ target: false, targets: 3 })).toBe(true);
    expect(canDrill({ target: false, targets: 0 })).toBe(false);
  });
  it('splits a bar into done, acknowledged and the rest, marking the rest overdue after the due time', () => {
    expect(barParts('report', { targets: 10, acked: 6, done: 2, overdue: 8 })).toEqual({ done: 0.2, acked: 0.4, rest: 0.4, overdue: true });
    expect(barParts('ack', { targets: 4, acked: 1, done: 0, overdue: 0 })).toEqual({ done: 0.25, acked: 0, rest: 0.75, overdue: false });
    expect(barParts('ack', { targets: 0, acked: 0, done: 0, overdue: 0 })).toEqual({ done: 0, acked: 0, rest: 0, overdue: false });
  });
});
