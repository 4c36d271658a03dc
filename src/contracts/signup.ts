import { z } from 'zod';
import { nameText } from './text.ts';
import { UnitRef } from './org.ts';
import { Notice } from './people.ts';
import { AgeBand, Purpose } from './people.ts';
import { Phone } from './phone.ts';
import { PowSolution } from './pow.ts';

/** A unit's public sign-up link (the token is random; revoking makes a new one). */
export const SignupLink = z.object({ token: z.string(), url: z.string(), unit: UnitRef, createdAt: z.string() });
export type SignupLink = z.infer<typeof SignupLink>;

/** GET /api/signup/{token}: what the public page shows: the unit and the notices to read, in both languages. */
export const SignupPage = z.object({ unit: UnitRef, notices: z.array(Notice) });
export type SignupPage = z.infer<typeof SignupPage>;

/**
 * POST /api/signup/{token}/code: a code is sent to the phone, to prove it is the citizen's own. Only to a mobile number
 * of the countries Setu texts (SMS_COUNTRIES, India by default), with a solved challenge (`pow`, see contracts/pow.ts).
 */
export const SignupCodeRequest = z.strictObject({ phone: Phone, pow: PowSolution.optional() });
export const SignupCodeSent = z.object({ attemptId: z.string(), expiresInSeconds: z.number().int() });

/**
 * POST /api/signup/{token}: the citizen joins: the code proves the phone, the purposes are those they agreed to after
 * reading the notices (at the versions shown). Children (`under_18`) are refused: Setu does not sign up children.
 */
export const SignupJoin = z.strictObject({
  /** The phone the code was sent to (the attempt is bound to it); stored only encrypted. */
  phone: Phone,
  attemptId: z.string().min(1).max(100),
  code: z.string().regex(/^\d{6}$/),
  name: nameText(),
  whatsapp: z.boolean().default(true),
  ageBand: AgeBand,
  language: z.enum(['hi', 'en']),
  consents: z
    .array(z.strictObject({ purpose: Purpose, noticeVersion: z.number().int().positive() }))
    .min(1)
    .max(10),
});
export type SignupJoin = z.infer<typeof SignupJoin>;
export const SignupJoined = z.object({ joined: z.literal(true), unit: UnitRef });

/** POST /api/consent/withdraw/code: a code to prove the phone before withdrawing; the answer is the same for any number. */
export const WithdrawCodeRequest = z.strictObject({ phone: Phone, pow: PowSolution.optional() });
export const WithdrawCodeSent = SignupCodeSent;

/**
 * POST /api/consent/withdraw: withdrawal as easy as consent, without signing in. The code proves the phone; the live
 * consents (of `purposes`, or all) of every record with that phone are withdrawn at once, for every later send and roster.
 */
export const PublicWithdraw = z.strictObject({
  phone: Phone,
  attemptId: z.string().min(1).max(100),
  code: z.string().regex(/^\d{6}$/),
  purposes: z.array(Purpose).min(1).max(10).optional(),
});
export type PublicWithdraw = z.infer<typeof PublicWithdraw>;
/** How many consent records were closed (0 when there were none live). */
export const PublicWithdrawn = z.object({ withdrawn: z.number().int() });
