import { asciiDigits } from '../../contracts/digits.ts';

/**
 * The browser's quick check of a typed phone number, so the first page need not carry a phone-number library
 * (≈ 35 KB gzipped). Indian mobiles typed any common way — 98765 43210, 098765-43210, +91 98765 43210,
 * 919876543210, or in Devanagari digits (९८७६५ ४३२१०) — become +919876543210; a number with another country's + prefix is passed on for the server
 * (which parses every number with libphonenumber) to judge. Anything else is null.
 */
export function normaliseTypedPhone(input: string): string | null {
  const trimmed = asciiDigits(input).trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') && !trimmed.startsWith('+91')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  const national =
    digits.length === 12 && digits.startsWith('91') ? digits.slice(2) : digits.length === 11 && digits.startsWith('0') ? digits.slice(1) : digits;
  return /^[6-9]\d{9}$/.test(national) ? `+91${national}` : null;
}
