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
