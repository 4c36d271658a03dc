/** Auth: phone + one-time code login, sessions, the caller's turf on every request, disabling people. */
export { authRoutes } from './auth.routes.ts';
/** The routes of this feature anyone may call: signing in. */
export const AUTH_PUBLIC_ROUTES = ['POST /api/auth/otp', 'POST /api/auth/verify', 'GET /api/pow'];
export { authenticate, sessionCaller, SESSION_COOKIE, type SessionCaller } from './middleware.ts';
export { liveSession, sessionIsLive, tokenHashHex, type LiveSession } from './sessions.ts';
export { requestOtp, verifyOtp, type AuthDeps } from './otp.service.ts';
export { challengeError, consumeChallenge, createChallenge, OTP_TTL_SECONDS, OTP_MAX_TRIES, type ChallengeCheck, type ChallengePurpose } from './challenges.ts';
export { hit, refund, RateLimited, type Limit } from './rate-limit.ts';
export { createSmsGate, BUDGET_ALERT, numberBlock, SMS_LIMITS, type SmsGate } from './sms-gate.ts';
export { issuePow, spendPow, POW_TTL_SECONDS, type PowConfig } from './pow.ts';
export { logSender } from './senders/log-sender.ts';
export { httpSender, SmsGatewayError } from './senders/http-sender.ts';
export type { OtpSender } from './senders/sender.ts';
