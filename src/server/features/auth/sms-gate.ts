import type { Kysely } from 'kysely';
import { smsCountry } from '../../../contracts/phone.ts';
import type { Schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Logger } from '../../platform/log.ts';
import { recordAuditNow } from '../audit/index.ts';
import type { ChallengePurpose } from './challenges.ts';
import type { PowConfig } from './pow.ts';
import { firstInWindow, hit, windowStart, type Limit } from './rate-limit.ts';
import type { OtpSender } from './senders/sender.ts';

/**
 * Caps on texting codes, whatever asked for them (login, sign-up, withdrawal): per address and per number for the
 * purpose (15 minutes), and across all purposes (an hour), so that switching pages does not reset them.
 */
export const SMS_LIMITS = { window: 900, ipPerPurpose: 30, phonePerPurpose: 5, hour: 3600, ipAll: 60, phoneAll: 8 } as const;

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
  /** The proof of work public pages solve before asking (checked by the caller: login asks for none). */
  pow: PowConfig;
}

/** The one way a code reaches a phone: `admit` before anything is stored, `send` once the answer is on its way. */
export interface SmsGate {
  readonly pow: PowConfig;
  /**
   * Refuses a number that is no mobile of the allowed countries (phone_not_allowed), then counts the request against
   * the address, the caller's own `limits` (a sign-up link) and the number (rate_limited), and last against the hourly
   * budget (sms_budget_exhausted, raising the alert). Asked before it is known whether a text will go out, so the answer
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
      // The address first: a request refused for its address must not use up the number's allowance.
      await hit(deps.db, [
        { key: `${v.purpose}:ip:${v.ip}`, max: L.ipPerPurpose, windowSeconds: L.window },
        { key: `sms:ip:${v.ip}`, max: L.ipAll, windowSeconds: L.hour },
        ...(v.limits ?? []),
        { key: `${v.purpose}:phone:${phoneKey}`, max: L.phonePerPurpose, windowSeconds: L.window },
        { key: `sms:phone:${phoneKey}`, max: L.phoneAll, windowSeconds: L.hour },
      ]);
      // Every request admitted counts against the budget, whether or not a text goes out (a login for an unknown
      // number): the budget is an upper bound of texts, and whether a number is known changes neither answer nor timing.
      try {
        await hit(deps.db, [budget]);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        await alert();
        throw new AppError('sms_budget_exhausted', 'too many codes are being sent; try again in an hour');
      }
    },
    async send(phone, code, about) {
      await deps.sender.send(phone, code).catch((err: Error) => deps.log.error({ err: err.message, ...about }, 'code not delivered'));
    },
  };
}
