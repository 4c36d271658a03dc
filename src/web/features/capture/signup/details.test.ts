import { describe, expect, it } from 'vitest';
import { checkDetails, type Details } from './details.ts';

const NOTICES = [
  { purpose: 'org_updates', version: 1 },
  { purpose: 'whatsapp_groups', version: 1 },
];
const adult: Details = { name: 'Pushpa', phone: '98111 22233', ageBand: '26_35', whatsapp: true, agreed: { org_updates: 1 } };

describe('the sign-up page’s checks before a code is sent', () => {
  it('passes an adult with a number and one purpose agreed, and gives the number in E.164', () => {
    expect(checkDetails(adult, NOTICES)).toEqual({ errors: {}, phone: '+919811122233' });
  });

  it('needs at least one purpose agreed at the version on screen', () => {
    expect(checkDetails({ ...adult, agreed: {} }, NOTICES).errors).toEqual({ agreed: 'agreeNeeded' });
    expect(checkDetails({ ...adult, agreed: { org_updates: 0 } }, NOTICES).errors).toEqual({ agreed: 'agreeNeeded' });
  });

  it('refuses a child, a missing age, name or number', () => {
    expect(checkDetails({ ...adult, ageBand: 'under_18' }, NOTICES)).toEqual({ errors: { ageBand: 'child' } });
    expect(checkDetails({ ...adult, ageBand: '', name: ' ', phone: '12' }, NOTICES).errors).toEqual({
      ageBand: 'ageRequired',
      name: 'nameRequired',
      phone: 'phoneInvalid',
    });
  });
});
