import { describe, expect, it } from 'vitest';
import { InviteLink } from '../../../contracts/groups.ts';
import { createBody, emptyGroupForm, groupFormOf, INVITE_LINK, parseCount, patchBody } from './group-form.ts';
import type { Group } from './types.ts';

const group: Group = {
  id: 5,
  unit: { id: 9, level: 'booth', nameEn: 'Booth 1', nameHi: 'बूथ 1' },
  name: 'बूथ 1 टीम',
  purpose: 'workers',
  inviteLink: 'https://chat.whatsapp.com/AbCdEfGhIj12',
  memberCount: 12,
  lastCheckedAt: '2026-11-10T10:00:00Z',
  admins: [
    { id: 3, name: 'Ramesh Pal' },
    { id: 1, name: 'Sunita Jatav' },
  ],
  archived: false,
  canEdit: true,
};

describe('group form', () => {
  it('reads member counts in Latin or Devanagari digits, 0 to 5,000', () => {
    expect(parseCount(' 42 ')).toBe(42);
    expect(parseCount('४२')).toBe(42);
    expect(parseCount('0')).toBe(0);
    expect(parseCount('5000')).toBe(5000);
    expect(parseCount('5001')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('')).toBeNull();
  });

  it('accepts invite links exactly as the server does', () => {
    for (const link of [
      'https://chat.whatsapp.com/AbCdEfGhIj12',
      'http://chat.whatsapp.com/AbCdEfGhIj12',
      'https://chat.whatsapp.com/abc',
      'https://evil.com/AbCdEfGhIj12',
    ]) {
      expect(INVITE_LINK.test(link)).toBe(InviteLink.safeParse(link).success);
    }
  });

  it('makes a new group’s body, leaving out what was not given', () => {
    const form = { ...emptyGroupForm('public'), name: '  जनसंपर्क  ', admins: [{ id: 3, name: 'Ramesh Pal' }] };
    expect(createBody(form)).toEqual({ body: { name: 'जनसंपर्क', purpose: 'public', adminIds: [3] }, problems: {} });
    const full = { ...form, inviteLink: ' https://chat.whatsapp.com/AbCdEfGhIj12 ', memberCount: '120' };
    expect(createBody(full).body).toEqual({
      name: 'जनसंपर्क',
      purpose: 'public',
      adminIds: [3],
      inviteLink: 'https://chat.whatsapp.com/AbCdEfGhIj12',
      memberCount: 120,
    });
  });

  it('names the problems: no name, a link that is not an invite, a count that is not one', () => {
    const { problems } = createBody({ ...emptyGroupForm(), inviteLink: 'https://example.com/x', memberCount: 'many' });
    expect(problems).toEqual({ name: 'required', inviteLink: 'inviteInvalid', memberCount: 'countInvalid' });
    expect(createBody({ ...emptyGroupForm(), name: 'x'.repeat(201) }).problems).toEqual({ name: 'tooLong' });
  });

  it('patches only what changed; admins compare as a set', () => {
    const form = groupFormOf(group);
    expect(patchBody(group, form)).toEqual({ body: {}, problems: {} });
    expect(patchBody(group, { ...form, admins: [...form.admins].reverse() }).body).toEqual({});
    expect(patchBody(group, { ...form, name: 'नया नाम', inviteLink: '', memberCount: '15', admins: [{ id: 1, name: 'Sunita Jatav' }] }).body).toEqual({
      name: 'नया नाम',
      inviteLink: null,
      memberCount: 15,
      adminIds: [1],
    });
  });
});
