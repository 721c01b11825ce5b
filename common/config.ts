/**
 * Process configuration: every setting comes from an environment variable with a safe
 * development default, and is validated once at start-up so a typo fails loudly with the
 * variable's name instead of surfacing later as a confusing runtime error.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65_535);
const positiveMs = z.coerce.number().int().positive();

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** json, or pretty for a person at a terminal; unset: pretty on a development terminal (common/logger.ts). */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Empty means: use an embedded PostgreSQL under KIZO_DATA_DIR (see scripts/postgres.ts). */
  DATABASE_URL: z.string().url().optional(),
  KIZO_DATA_DIR: z.string().default('.data'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: z.string().url().default('http://127.0.0.1:8233'),
  API_PORT: port.default(3000),
  /** Address the API binds; 0.0.0.0 inside a container. */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  WEB_PORT: port.default(5173),
  WEB_ORIGIN: z.string().url().default('http://127.0.0.1:5173'),
  BANK_PORT: port.default(4000),
  BANK_URL: z.string().url().default('http://127.0.0.1:4000'),
  WORKER_METRICS_PORT: port.default(9464),
  /** Where the worker's /metrics listens; 0.0.0.0 in containers so Prometheus can scrape it. */
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** The Temporal SDK's own Prometheus exporter (loopback only; merged into /metrics). Default: a free port. */
  WORKER_SDK_METRICS_PORT: port.optional(),
  /** The access tokens' signing key; required outside the test suite (api/auth/jwt-secret.ts). */
  JWT_SECRET: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
  /** Transfers at or above this amount (minor units) wait for an admin's review. */
  REVIEW_THRESHOLD_MINOR: z.string().regex(/^\d+$/).default('100000'),
  REVIEW_TIMEOUT_MS: positiveMs.default(24 * 3600 * 1000),
  /** Per-user limits, per currency, in minor units: one deposit or withdrawal, and any 24 hours. */
  DEPOSIT_LIMIT_PER_MOVEMENT_MINOR: z
    .string()
    .regex(/^\d{1,18}$/)
    .default('5000000'),
  DEPOSIT_LIMIT_DAILY_MINOR: z
    .string()
    .regex(/^\d{1,18}$/)
    .default('10000000'),
  WITHDRAWAL_LIMIT_PER_MOVEMENT_MINOR: z
    .string()
    .regex(/^\d{1,18}$/)
    .default('5000000'),
  WITHDRAWAL_LIMIT_DAILY_MINOR: z
    .string()
    .regex(/^\d{1,18}$/)
    .default('10000000'),
  /** How long a withdrawal keeps waiting for an unavailable bank before it is compensated. */
  BANK_DEADLINE_MS: positiveMs.default(24 * 3600 * 1000),
  BANK_RETRY_INITIAL_MS: positiveMs.default(1000),
  BANK_RETRY_MAX_INTERVAL_MS: positiveMs.default(30_000),
  BANK_RETRY_BACKOFF: z.coerce.number().min(1).max(10).default(2),
  /** Attempts in one burst of retries; then the workflow waits on a durable timer (below). */
  BANK_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** The first pause between bursts while the bank is down; it doubles per burst, with jitter. */
  BANK_OUTAGE_PAUSE_MS: positiveMs.default(5_000),
  /** The cap on that pause: a pending transfer calls again within this long of the bank's recovery. */
  BANK_OUTAGE_PAUSE_MAX_MS: positiveMs.default(30_000),
  BANK_TIMEOUT_MS: positiveMs.default(5000),
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce.number().int().min(24).default(24),
  /** An in-flight idempotency key older than this is taken as abandoned (its API process died). */
  IDEMPOTENCY_LOCK_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(60),
  /** Comma-separated emails that get the admin role when they sign up or log in. */
  KIZO_ADMIN_EMAILS: z.string().default(''),
  /**
   * Failed logins allowed per account and client address in one window (then that pair waits a
   * window out: the owner elsewhere is not locked out), and logins per address over all accounts.
   */
  LOGIN_ATTEMPTS_PER_ACCOUNT_MAX: z.coerce.number().int().positive().default(10),
  LOGIN_ATTEMPTS_PER_ADDRESS_MAX: z.coerce.number().int().positive().default(100),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  SIGNUPS_PER_ADDRESS_PER_HOUR_MAX: z.coerce.number().int().positive().default(100),
  REFRESHES_PER_ADDRESS_PER_MINUTE_MAX: z.coerce.number().int().positive().default(300),
  MONEY_REQUESTS_PER_USER_PER_MINUTE_MAX: z.coerce.number().int().positive().default(120),
  /** Prefix of the shared rate-limit counters: replicas of one deployment share it. */
  RATE_LIMIT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .default('kizo'),
  /** Largest request body the API reads; bigger ones get 413. */
  API_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024),
  /** Trust X-Forwarded-For for the client address (only behind a proxy that sets it). */
  API_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** How often the scheduled reconciliation compares the bank with the ledger (a Temporal Schedule). */
  RECONCILIATION_INTERVAL_MS: positiveMs.min(60_000).default(15 * 60 * 1000),
  /** Registers the load benchmark's no-op workflow too (bench/load-bench.ts sets it); never in production. */
  KIZO_BENCH_WORKFLOWS: z.enum(['on', 'off']).default('off'),
  /** Whether a starting worker creates (or updates) that schedule. */
  RECONCILIATION_SCHEDULE: z.enum(['on', 'off']).default('on'),
  /** Whether a starting worker creates the monthly statements schedule (temporal/monthly-statements-schedule.ts). */
  MONTHLY_STATEMENTS_SCHEDULE: z.enum(['on', 'off']).default('on'),
  /** How long a payment request stays open before it expires (a durable timer in its workflow). */
  PAYMENT_REQUEST_EXPIRY_MS: positiveMs.default(7 * 24 * 3600 * 1000),
  /** A schedule pauses itself after this many runs in a row were refused (e.g. insufficient funds). */
  SCHEDULE_PAUSE_AFTER_REFUSALS: z.coerce.number().int().min(1).max(100).default(3),
  /** Schedules (not deleted) one user may keep, and open payment requests one user may have sent. */
  SCHEDULES_PER_USER_MAX: z.coerce.number().int().positive().default(20),
  OPEN_PAYMENT_REQUESTS_PER_USER_MAX: z.coerce.number().int().positive().default(50),
  /** Live event streams (GET /v1/events): open at once per user and process, heartbeat, longest life. */
  LIVE_STREAMS_PER_USER_MAX: z.coerce.number().int().positive().default(5),
  LIVE_HEARTBEAT_MS: positiveMs.default(15_000),
  LIVE_STREAM_MAX_MS: positiveMs.default(15 * 60 * 1000),
  /**
   * Webhooks may go to plain http and to private, loopback and link-local addresses. Off in
   * production (no requests into our own network on someone's behalf); on for a local receiver.
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** How often the dispatcher turns new events into webhook deliveries; and endpoints per user. */
  WEBHOOK_DISPATCH_INTERVAL_MS: positiveMs.default(1_000),
  WEBHOOK_ENDPOINTS_PER_USER_MAX: z.coerce.number().int().positive().default(5),
  /**
   * Outgoing mail (mail/mailer.ts): SMTP_URL (smtp:// or smtps://, with user and password if the
   * relay needs them) wins over SMTP_HOST and SMTP_PORT, which default to the development mail
   * catcher `./kizo up` starts on loopback.
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'use smtp:// or smtps://')
    .optional(),
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: port.default(1025),
  MAIL_FROM: z.string().min(3).default('Kizo <no-reply@kizo.localhost>'),
  /** The web inbox of the development mail catcher (`./kizo up`, loopback only). */
  MAIL_INBOX_PORT: port.default(1080),
  /** How long a link to verify an email, and one to reset a password, stays valid. */
  EMAIL_VERIFICATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600),
  PASSWORD_RESET_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60),
  /** Verification mails one user may ask for in an hour; reset mails per address asked and per client address. */
  VERIFICATION_RESENDS_PER_HOUR_MAX: z.coerce.number().int().positive().default(5),
  PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR_MAX: z.coerce.number().int().positive().default(3),
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR_MAX: z.coerce.number().int().positive().default(20),
  /**
   * Bank-account links (POST /v1/bank-accounts): holder-name checks per user, and per account
   * over all users, in an hour, so nobody can probe who holds an IBAN or flood it with micro-deposits.
   */
  BANK_HOLDER_CHECKS_PER_USER_PER_HOUR_MAX: z.coerce.number().int().positive().default(10),
  BANK_HOLDER_CHECKS_PER_ACCOUNT_PER_HOUR_MAX: z.coerce.number().int().positive().default(5),
  /** How long /readyz waits for PostgreSQL and Temporal before calling them down. */
  READINESS_TIMEOUT_MS: positiveMs.default(2000),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the given environment, throwing one readable error that lists every bad variable. */
export function parseConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig();
  return cached;
}
