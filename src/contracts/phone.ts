import { parsePhoneNumberFromString as parseFull } from 'libphonenumber-js/max';
import { z } from 'zod';
import { normalisePhone } from './phone-format.ts';

export { maskPhone, normalisePhone, whatsappLink } from './phone-format.ts';

/** A phone field: accepts common spellings, yields E.164. */
export const Phone = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const e164 = normalisePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
      return z.NEVER;
    }
    return e164;
  });

/**
 * The country (ISO 3166-1 alpha-2) of a number a text message can reach, or null: a mobile number, or one whose
 * country's plan cannot tell mobiles from landlines (the US and Canada). Landlines, pagers, premium-rate and shared-cost
 * numbers are null: codes sent to them are lost, or pumped for their tolls. Full metadata (server side only: the web
 * imports no value from here).
 */
export function smsCountry(e164: string): string | null {
  const parsed = parseFull(e164);
  if (!parsed?.isValid() || !parsed.country) return null;
  const type = parsed.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? parsed.country : null;
}
