import type { Kysely } from 'kysely';
import { smsCountry } from '../../../contracts/phone.ts';
import type { Schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Logger } from '../../platform/log.ts';
import { recordAuditNow } from '../audit/index.ts';
import type { ChallengePurpose } from './challenges.ts';
import type { PowConfig } from './pow.ts';
import { firstInWindow, hit, RateLimited, windowStart, type Limit } from './rate-limit.ts';
import type { OtpSender } from './senders/sender.ts';

/**
 * Caps on texting codes, whatever asked for them (login, sign-up, withdrawal): per number for the purpose (15 minutes)
 * and across all purposes (an hour), so that switching pages does not reset them; per number block (all but the last
 * four digits) for sign-up, the one page that texts numbers nobody registered (SMS pumping walks a block), set by
 * `signupPerBlockPerHour`. The per-address caps are set by `perAddressPerHour` (SMS_CODES_PER_ADDRESS_PER_HOUR): a training hall on one Wi-Fi, or a
 * carrier's shared address, is hundreds of people, so they stop a single machine, not a crowd.
 */
export const SMS_LIMITS = { window: 900, phonePerPurpose: 5, hour: 3600, phoneAll: 8, blockDigits: 4 } as const;

/** The one error line for the budget; `retryAfter` is when the hourly budget has room again. */
const budgetSpent = (retryAfter: number) => {
  const e = new AppError('sms_budget_exhausted', 'too many codes are being sent; try again later');
  e.retryAfterSeconds = retryAfter;
  return e;
};

/** The block a number is in: its E.164 form without the last digits (a range an operator hands out together). */
export const numberBlock = (e164: string) => e164.slice(0, -SMS_LIMITS.blockDigits);

/** The stable log message (level error) raised once an hour while the budget is spent. */
export const BUDGET_ALERT = 'sms budget exhausted';
const BUDGET_KEY = 'sms:budget';

export interface SmsGateDeps {
  db: Kysely<Schema>;
  sender: OtpSender;
  log: Logger;
  /** ISO 3166-1 alpha-2 codes of the countries whose mobile numbers may be texted (SMS_COUNTRIES). */
  countries: readonly string[];
  /** Code requests admitted in any hour, all purposes and processes together (SMS_CODE_BUDGET_PER_HOUR). */
  budgetPerHour: number;
  /** Codes one address may ask for in an hour, all purposes together; half of it for one purpose in 15 minutes. */
  perAddressPerHour: number;
  /** Sign-up codes one block of numbers may be texted in an hour (SMS_SIGNUP_CODES_PER_BLOCK_PER_HOUR). */
  signupPerBlockPerHour: number;
  /** The proof of work public pages solve before asking (checked by the caller: login asks for none). */
  pow: PowConfig;
}

/** The one way a code reaches a phone: `admit` before anything is stored, `send` once the answer is on its way. */
export interface SmsGate {
  readonly pow: PowConfig;
  /**
   * Refuses a number that is no mobile of the allowed countries (phone_not_allowed), then counts the request against
   * the address, the caller's own `limits` (a sign-up link), the number and its block (rate_limited), and last against
   * the hourly budget (sms_budget_exhausted, raising the alert); a refusal counts against none of them and says when to
   * try again (Retry-After). Asked before it is known whether a text will go out, so the answer
   * never tells whether a number is known.
   */
  admit(v: { phone: string; phoneHash: Uint8Array; purpose: ChallengePurpose; ip: string; limits?: Limit[] }): Promise<void>;
  /** Hands the code to the sender; never throws (callers do not wait: how long the gateway takes must tell nothing). */
  send(phone: string, code: string, about: { attemptId: string; purpose: ChallengePurpose }): Promise<void>;
}

export function createSmsGate(deps: SmsGateDeps): SmsGate {
  const budget: Limit = { key: BUDGET_KEY, max: deps.budgetPerHour, windowSeconds: SMS_LIMITS.hour };

  // Once per fixed hour, in whichever process first sees the budget spent: an error line for the operator's alerting and
  // an audit row for the record.
  async function alert() {
    if (!(await firstInWindow(deps.db, 'sms:budget-alert', windowStart(SMS_LIMITS.hour)))) return;
    deps.log.error({ budgetPerHour: deps.budgetPerHour, windowSeconds: SMS_LIMITS.hour }, BUDGET_ALERT);
    await recordAuditNow(deps.db, { actorId: null, action: 'sms.budget_exhausted', outcome: 'denied', details: { budgetPerHour: deps.budgetPerHour } });
  }

  return {
    pow: deps.pow,
    async admit(v) {
      const country = smsCountry(v.phone);
      if (!country || !deps.countries.includes(country))
        throw new AppError('phone_not_allowed', `codes are texted only to mobile numbers of ${deps.countries.join(', ')}`);
      const phoneKey = Buffer.from(v.phoneHash).toString('base64url');
      const L = SMS_LIMITS;
      const perAddress = deps.perAddressPerHour;
      // The address first: a request refused for its address must not use up the number's allowance (a refused request
      // is taken back from every count anyway). The budget last, so that what it counts went out.
      try {
        await hit(deps.db, [
          { key: `${v.purpose}:ip:${v.ip}`, max: Math.max(1, Math.floor(perAddress / 2)), windowSeconds: L.window },
          { key: `sms:ip:${v.ip}`, max: perAddress, windowSeconds: L.hour },
          ...(v.limits ?? []),
          { key: `${v.purpose}:phone:${phoneKey}`, max: L.phonePerPurpose, windowSeconds: L.window },
          { key: `sms:phone:${phoneKey}`, max: L.phoneAll, windowSeconds: L.hour },
          ...(v.purpose === 'signup' ? [{ key: `signup:block:${numberBlock(v.phone)}`, max: deps.signupPerBlockPerHour, windowSeconds: L.hour }] : []),
          budget,
        ]);
      } catch (err) {
        // Every request admitted counts against the budget, whether or not a text goes out (a login for an unknown
        // number): the budget is an upper bound of texts, and whether a number is known changes neither answer nor timing.
        if (!(err instanceof RateLimited) || err.key !== BUDGET_KEY) throw err;
        await alert();
        throw budgetSpent(err.retryAfterSeconds ?? SMS_LIMITS.hour);
      }
    },
    async send(phone, code, about) {
      await deps.sender.send(phone, code).catch((err: Error) => deps.log.error({ err: err.message, ...about }, 'code not delivered'));
    },
  };
}
