import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { asciiDigits } from './digits.ts';

/**
 * An Indian number typed any common way (98765 43210, 098765-43210, +91 98765 43210, 919876543210) in E.164,
 * or null when it is not a valid number. Numbers from other countries are accepted with their + prefix.
 */
export function normalisePhone(input: string): string | null {
  const cleaned = asciiDigits(input).trim().replace(/^00/, '+');
  const digits = cleaned.replace(/\D/g, '');
  // 91 followed by ten digits is how many people (and exports) write Indian numbers without the plus.
  const candidate = !cleaned.startsWith('+') && digits.length === 12 && digits.startsWith('91') ? `+${digits}` : cleaned;
  const parsed = parsePhoneNumberFromString(candidate, 'IN');
  return parsed?.isValid() ? parsed.number : null;
}

/** Masks all but the first two and last three digits: +91 98•••••321. */
export function maskPhone(e164: string): string {
  const m = /^\+91(\d{10})$/.exec(e164);
  const national = m ? m[1]! : e164.replace(/^\+/, '');
  const masked = national.slice(0, 2) + '•'.repeat(Math.max(0, national.length - 5)) + national.slice(-3);
  return m ? `+91 ${masked}` : `+${masked}`;
}

/** WhatsApp's click-to-chat link for a number: the E.164 digits without the plus. Opens a chat; sends nothing. */
export function whatsappLink(e164: string): string {
  return `https://wa.me/${e164.replace(/\D/g, '')}`;
}
