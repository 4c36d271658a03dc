import { describe, expect, it } from 'vitest';
import { grantsAt, NO_GRANTS } from './permissions.ts';

const roles = [
  { code: 'convener', permissions: ['units.manage', 'positions.manage', 'people.manage'] },
  { code: 'units_only', permissions: ['units.manage'] },
  { code: 'member', permissions: [] },
];
// Sambhal (district 55) › Chandausi (assembly 120) › Mandal 900
const at = (id: number, role = 'convener', department: string | null = 'it') => ({ role, department, unit: { id } });
const district = { id: 55, ancestors: [] };
const assembly = { id: 120, ancestors: [{ id: 55 }] };
const mandal = { id: 900, ancestors: [{ id: 55 }, { id: 120 }] };

describe('grantsAt', () => {
  it('lets a district convener add units to their own district and appoint below it from a file, but change only what is below it', () => {
    const me = [at(55)];
    expect(grantsAt(me, roles, district)).toEqual({ addChild: true, editUnit: false, managePositions: false, importPositions: true });
    expect(grantsAt(me, roles, assembly)).toEqual({ addChild: true, editUnit: true, managePositions: true, importPositions: true });
    expect(grantsAt(me, roles, mandal)).toEqual({ addChild: true, editUnit: true, managePositions: true, importPositions: true });
  });

  it('gives nothing for a role without permissions, or while the roles are not known yet', () => {
    expect(grantsAt([at(55, 'member')], roles, assembly)).toEqual(NO_GRANTS);
    expect(grantsAt([at(55)], undefined, assembly)).toEqual(NO_GRANTS);
    expect(grantsAt([at(55, 'unknown_role')], roles, assembly)).toEqual(NO_GRANTS);
  });

  it('keeps unit and position permissions apart', () => {
    expect(grantsAt([at(55, 'units_only')], roles, assembly)).toEqual({ addChild: true, editUnit: true, managePositions: false, importPositions: false });
  });

  it('ignores positions elsewhere (a sibling or below the unit)', () => {
    expect(grantsAt([at(121), at(900)], roles, assembly)).toEqual(NO_GRANTS);
  });

  it('combines several positions', () => {
    expect(grantsAt([at(120, 'member'), at(55, 'units_only'), at(120)], roles, mandal)).toEqual({
      addChild: true,
      editUnit: true,
      managePositions: true,
      importPositions: true,
    });
  });
});
