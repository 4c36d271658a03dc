import type { OtpSender } from './sender.ts';

/**
 * For the demo and development: prints `{"msg":"otp","phone":"+91…","code":"……"}` (and `{"msg":"sms notice",…}` for a
 * notice) on stdout so a person (or an end-to-end test) can read it. Refused in production by config.
 */
export function logSender(write: (line: string) => void = (l) => process.stdout.write(l)): OtpSender {
  return {
    name: 'log',
    async send(phone, code) {
      write(JSON.stringify({ msg: 'otp', phone, code }) + '\n');
    },
    async notify(phone, text) {
      write(JSON.stringify({ msg: 'sms notice', phone, text }) + '\n');
    },
  };
}
