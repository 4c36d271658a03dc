import { describe, expect, it } from 'vitest';
import { holdsAt } from './permissions.ts';

const roles = [
  { code: 'convener', permissions: ['people.manage', 'people.reveal', 'people.export'] },
  { code: 'in_charge', permissions: ['people.manage', 'people.reveal'] },
  { code: 'member', permissions: [] },
];
// A booth (40) under a kendra (30) under a mandal (20).
const booth = { id: 40, ancestors: [{ id: 20 }, { id: 30 }] };

describe('holdsAt', () => {
  it('is true for a position with the permission at the unit or above it', () => {
    expect(holdsAt([{ role: 'convener', unit: { id: 20 } }], roles, booth, 'people.export')).toBe(true);
    expect(holdsAt([{ role: 'convener', unit: { id: 40 } }], roles, booth, 'people.export')).toBe(true);
  });

  it('is false for a role without it, a position elsewhere, or while something is still loading', () => {
    expect(holdsAt([{ role: 'in_charge', unit: { id: 20 } }], roles, booth, 'people.export')).toBe(false);
    expect(holdsAt([{ role: 'member', unit: { id: 40 } }], roles, booth, 'people.manage')).toBe(false);
    expect(holdsAt([{ role: 'convener', unit: { id: 41 } }], roles, booth, 'people.manage')).toBe(false);
    expect(holdsAt([{ role: 'unknown', unit: { id: 40 } }], roles, booth, 'people.manage')).toBe(false);
    expect(holdsAt(undefined, roles, booth, 'people.manage')).toBe(false);
    expect(holdsAt([{ role: 'convener', unit: { id: 40 } }], undefined, booth, 'people.manage')).toBe(false);
    expect(holdsAt([{ role: 'convener', unit: { id: 40 } }], roles, undefined, 'people.manage')).toBe(false);
  });
});
