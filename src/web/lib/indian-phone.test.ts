import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../contracts/phone-format.ts';
import { normaliseTypedPhone } from './indian-phone.ts';

describe('normaliseTypedPhone', () => {
  const spellings = [
    '98765 43210',
    '9876543210',
    '098765-43210',
    '+91 98765 43210',
    '+91-98765-43210',
    '919876543210',
    ' (+91) 98765 43210 ',
    '९८७६५ ४३२१०',
    '+९१ ९८७६५-४३२१०',
  ];
  it.each(spellings)('reads %j as +919876543210, as the server does', (typed) => {
    expect(normaliseTypedPhone(typed)).toBe('+919876543210');
    expect(normalisePhone(typed)).toBe('+919876543210');
  });
  it('refuses what is not an Indian mobile', () => {
    for (const bad of ['12345', '5876543210', '98765 4321', 'abc', '', '+91 12345 67890']) expect(normaliseTypedPhone(bad)).toBeNull();
  });
  it('passes numbers of other countries on for the server to judge', () => {
    expect(normaliseTypedPhone('+44 20 7946 0958')).toBe('+442079460958');
  });
});
