import { ApiError } from '../../lib/api.ts';

/** An email address as the server will take it, trimmed; null for one that is clearly not an address. */
export function cleanEmail(text: string): string | null {
  const email = text.trim();
  return email.length <= 200 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** The server refused SMS because the person's record has no phone number (a validation issue on `sms`). */
export const isNoPhone = (e: unknown) => e instanceof ApiError && e.code === 'validation' && e.issues.some((i) => i.path === 'sms');
