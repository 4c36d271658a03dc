import { z } from 'zod';
import { Phone } from './phone.ts';

export const OtpRequest = z.strictObject({ phone: Phone });
export const OtpStarted = z.object({
  /** Identifies this login attempt; the browser also keeps it in an HttpOnly cookie. */
  attemptId: z.uuid(),
  expiresInSeconds: z.number().int(),
});

export const VerifyRequest = z.strictObject({
  phone: Phone,
  code: z.string().regex(/^\d{6}$/, 'six digits'),
  /** Needed when the client does not keep cookies (CLI, tests); browsers send the attempt cookie instead. */
  attemptId: z.uuid().optional(),
});

const UnitRef = z.object({ id: z.number().int(), level: z.string(), nameEn: z.string(), nameHi: z.string() });

export const Me = z.object({
  person: z.object({ id: z.number().int(), name: z.string(), phoneMasked: z.string().nullable() }),
  positions: z.array(z.object({ positionId: z.number().int(), role: z.string(), department: z.string().nullable(), unit: UnitRef })),
  /** The units at the top of the caller's turf: everything below them is visible. */
  turfRoots: z.array(UnitRef),
});
export type Me = z.infer<typeof Me>;

export const Ok = z.object({ ok: z.literal(true) });
export const DisableResult = z.object({ ok: z.literal(true), sessionsEnded: z.number().int() });
