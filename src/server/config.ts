import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every environment variable Setu reads, with its default. README's table documents each (a test keeps it complete). */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('production refuses the development defaults'),
  HOST: z.string().min(1).default('127.0.0.1').describe('address the HTTP server listens on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port (0 picks a free one)'),
  PUBLIC_URL: z.url().optional().describe('the address people open: links, the origin state-changing requests come from; Secure cookies and HSTS when https'),
  DATA_DIR: z.string().min(1).default('./data').describe('folder for the embedded database, keys and files'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional()
    .describe('PostgreSQL to use instead of the embedded database'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe('connections to PostgreSQL'),
  STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(30_000)
    .describe("PostgreSQL: the server's statements are stopped after this many ms (503 timeout; 0 for none); PGlite cannot stop one"),
  EXPENSIVE_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(30)
    .describe('duplicate reads, exports and imports one person may start a minute, each kind one at a time (429 rate_limited)'),
  SETU_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional()
    .describe('key that encrypts phone numbers and keys their lookup hash; generated into DATA_DIR when unset outside production'),
  SETU_ORG_CONFIG: z.string().optional().describe('JSON file with the levels, roles and departments of the organisation'),
  OTP_SENDER: z.enum(['log', 'http']).default('log').describe('log prints codes as JSON lines (demo); http posts them to an SMS gateway'),
  SMS_GATEWAY_URL: z.url().optional().describe('the SMS gateway endpoint: login codes (OTP_SENDER=http) and the SMS channel'),
  SMS_GATEWAY_TOKEN: z.string().optional().describe('bearer token for the SMS gateway'),
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be a P-256 public key in base64url (npx web-push generate-vapid-keys)')
    .optional()
    .describe('Web Push: the public half of the server key browsers subscribe with'),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key in base64url (npx web-push generate-vapid-keys)')
    .optional()
    .describe('Web Push: the private half, signs every push request'),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'must start with mailto: or https://')
    .optional()
    .describe('Web Push: how a push service can contact the operator'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must be a bot token from @BotFather (123456:ABC…)')
    .optional()
    .describe('Telegram: the bot that sends messages'),
  TELEGRAM_API_URL: z.url().default('https://api.telegram.org').describe('Telegram: the Bot API server'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .describe('email: the SMTP relay, smtp://user:pass@host:587'),
  SMTP_FROM: z.string().regex(/@/, 'must contain an email address').optional().describe('email: the From address'),
  JITSI_BASE_URL: z.url().default('https://meet.jit.si').describe('where virtual events get a Jitsi Meet room (no account needed)'),
  PUSH_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(100).describe('Web Push messages a second at most'),
  SMS_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(10).describe('SMS a second at most'),
  TELEGRAM_RATE_PER_SECOND: z.coerce.number().positive().max(30).default(25).describe('Telegram messages a second at most'),
  EMAIL_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(5).describe('emails a second at most'),
  SMS_COUNTRIES: z
    .string()
    .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/, 'must be ISO country codes separated by commas (IN,NP)')
    .default('IN')
    .transform((v) => Object.freeze(v.toUpperCase().split(',')))
    .describe('countries whose mobile numbers may be texted a code (ISO codes, comma-separated); other numbers are refused'),
  SMS_CODE_BUDGET_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(1000)
    .describe('codes texted in any hour at most, all processes together; past it code requests are refused and an alert logged'),
  SMS_CODES_PER_ADDRESS_PER_HOUR: z.coerce
    .number()
    .int()
    .min(2)
    .max(1_000_000)
    .default(600)
    .describe('codes one address may ask for in an hour (half of it for one page in 15 minutes): a hall on one Wi-Fi is one address'),
  SMS_SIGNUP_CODES_PER_BLOCK_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(20)
    .describe('sign-up codes one block of 10,000 numbers (all but the last four digits) may be texted in an hour: SMS pumping walks a block'),
  SIGNUP_CODES_PER_LINK_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(300).describe("codes one unit's sign-up link may ask for in an hour"),
  POW_DIFFICULTY: z.coerce
    .number()
    .int()
    .min(0)
    .max(24)
    .default(13)
    .describe('leading zero bits of the proof of work the public sign-up and withdrawal pages solve before asking for a code (0: none)'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30).describe('how long a login lasts'),
  LIVE_STREAMS_PER_PERSON: z.coerce.number().int().min(1).max(100).default(5).describe('live coverage streams one person may hold open at once'),
  LIVE_STREAM_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30)
    .describe('minutes a live coverage stream stays open before the server closes it (the browser opens a new one)'),
  TRUST_PROXY: bool.default(false).describe('take the client address from X-Forwarded-For (behind a reverse proxy)'),
  BACKGROUND_JOBS: bool
    .default(true)
    .describe('run the background work (the rollup, reminders, delivery) in this process; false for one that only serves requests beside one that runs it'),
  AUDIT_ANCHOR_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'append-only file the audit log’s head is written to (default DATA_DIR/audit-anchors.jsonl): keep or ship it where the database’s users cannot rewrite it',
    ),
  AUDIT_ANCHOR_SECONDS: z.coerce.number().int().min(1).max(86_400).default(10).describe('how often, at most, the audit log’s head is anchored'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('log level'),
});

export type Config = Readonly<Omit<z.infer<typeof configSchema>, 'SETU_SECRET_KEY'> & { SETU_SECRET_KEY: string; dataDir: string; auditAnchorFile: string }>;

/** Raised when the environment cannot be turned into a config; the CLI prints it and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once at boot. A bad value stops the start with a message naming the variable.
 * Outside production a missing secret key is generated once into DATA_DIR so the demo just runs; with
 * `generateKey: false` (a check that must not invent a key, `setu audit verify`) it is '' instead, in any mode.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, { generateKey = true } = {}): Config {
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Setu cannot start: bad configuration\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.SETU_SECRET_KEY && generateKey) throw new ConfigError('Setu cannot start: SETU_SECRET_KEY is required in production');
  if (c.OTP_SENDER === 'http' && !c.SMS_GATEWAY_URL) throw new ConfigError('Setu cannot start: OTP_SENDER=http needs SMS_GATEWAY_URL');
  if (c.NODE_ENV === 'production' && c.OTP_SENDER === 'log')
    throw new ConfigError('Setu cannot start: OTP_SENDER=log prints codes and is for development only');
  const vapid = [c.VAPID_PUBLIC_KEY, c.VAPID_PRIVATE_KEY, c.VAPID_SUBJECT].filter((v) => v !== undefined).length;
  if (vapid !== 0 && vapid !== 3) throw new ConfigError('Setu cannot start: Web Push needs VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together');
  if (c.SMTP_URL && !c.SMTP_FROM) throw new ConfigError('Setu cannot start: SMTP_URL needs SMTP_FROM');
  // PGlite is one process: one that runs no background work would leave acknowledgements uncounted and nothing delivered.
  if (!c.BACKGROUND_JOBS && !c.DATABASE_URL)
    throw new ConfigError('Setu cannot start: BACKGROUND_JOBS=false needs DATABASE_URL (another process on the same PostgreSQL runs the background work)');
  const dataDir = resolve(c.DATA_DIR);
  const key = c.SETU_SECRET_KEY ?? developmentKey(dataDir, generateKey && c.NODE_ENV !== 'production');
  const auditAnchorFile = resolve(c.AUDIT_ANCHOR_FILE ?? join(dataDir, 'audit-anchors.jsonl'));
  return Object.freeze({ ...c, SETU_SECRET_KEY: key, dataDir, auditAnchorFile });
}

function developmentKey(dataDir: string, generate: boolean): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!generate) return '';
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}
