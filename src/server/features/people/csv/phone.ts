import { normalisePhone } from '../../../../contracts/phone.ts';

// An Indian mobile as the ten digits, with +91, or with 91 before them. libphonenumber-js (min metadata) takes
// every ten-digit Indian number starting with 2–9 as valid, so for these spellings the answer is known without
// parsing; phone.test.ts checks this against normalisePhone across every four-digit prefix.
const MOBILE = /^(?:\+91|91)?([6-9]\d{9})$/;

/**
 * normalisePhone with a fast path for the spellings that fill most files: the same answer for every input, at a
 * fraction of the cost (an import normalises a million numbers). Anything else goes through libphonenumber-js.
 */
export function normaliseImportedPhone(input: string): string | null {
  if (input.length >= 10 && input.length <= 13) {
    const m = MOBILE.exec(input);
    if (m) return '+91' + m[1]!;
  }
  return normalisePhone(input);
}
