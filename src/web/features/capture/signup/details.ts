import type { AgeBand, Notice } from '../../../../contracts/people.ts';
import { normaliseTypedPhone } from '../../../lib/indian-phone.ts';
import type { signupMessages } from './messages.ts';

type Key = keyof typeof signupMessages.en;

/** What the citizen fills in before a code is sent. */
export interface Details {
  name: string;
  phone: string;
  ageBand: AgeBand | '';
  whatsapp: boolean;
  /** Purpose → the notice version on screen when the box was ticked. */
  agreed: Record<string, number>;
}
export type Errors = Partial<Record<'name' | 'phone' | 'ageBand' | 'agreed' | 'code', Key>>;

/** The citizen's checks before a code is sent: a name, a number, an adult age, at least one purpose agreed. */
export function checkDetails(d: Details, notices: readonly Pick<Notice, 'purpose' | 'version'>[]): { errors: Errors; phone?: string } {
  const errors: Errors = {};
  if (!d.name.trim()) errors.name = 'nameRequired';
  const phone = normaliseTypedPhone(d.phone);
  if (!phone) errors.phone = 'phoneInvalid';
  if (!d.ageBand) errors.ageBand = 'ageRequired';
  else if (d.ageBand === 'under_18') errors.ageBand = 'child';
  if (!notices.some((n) => d.agreed[n.purpose] === n.version)) errors.agreed = 'agreeNeeded';
  return Object.keys(errors).length ? { errors } : { errors, phone: phone! };
}
