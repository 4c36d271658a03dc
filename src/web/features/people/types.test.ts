import { describe, expect, it } from 'vitest';
import { AGE_BANDS as CONTRACT_AGE_BANDS } from '../../../contracts/people.ts';
import { PEOPLE_CSV_COLUMNS as CONTRACT_COLUMNS } from '../../../contracts/people-import.ts';
import { AGE_BANDS, PEOPLE_CSV_COLUMNS } from './types.ts';

// The screens repeat two lists of the contracts so that the browser's bundle does not carry zod; they must not drift.
describe('lists repeated from the contracts', () => {
  it('are the same', () => {
    expect(AGE_BANDS).toEqual(CONTRACT_AGE_BANDS);
    expect(PEOPLE_CSV_COLUMNS).toEqual(CONTRACT_COLUMNS);
  });
});
