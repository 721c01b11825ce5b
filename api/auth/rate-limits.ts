/**
 * Rate limits shared by every API replica: counters in PostgreSQL (rate-limiter-flexible), so N
 * replicas allow what one would. Sign-up and refresh are limited per client address, money
 * requests per user. Login is throttled per account *and* address (an attacker guessing one
 * account from one address is slowed to a few guesses per window, while its owner signing in
 * from anywhere else is not locked out) and per address across accounts. Mails (verification,
 * password reset) and wrong current passwords on signed-in routes are limited too. A refusal is a
 * 429 problem with Retry-After.
 */
import type pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Config } from '../../common/config';
import { ProblemError } from '../problem';

const TABLE = 'rate_limits';

export interface RateLimits {
  signup: RateLimiterAbstract;
  loginPerAccountAndAddress: RateLimiterAbstract;
  loginPerAddress: RateLimiterAbstract;
  refresh: RateLimiterAbstract;
  money: RateLimiterAbstract;
  /** Verification mails asked for, per user. */
  verificationResend: RateLimiterAbstract;
  /** Password-reset mails asked for, per client address and per email asked about (known or not). */
  passwordResetPerAddress: RateLimiterAbstract;
  passwordResetPerAccount: RateLimiterAbstract;
  /** Wrong current passwords given to a signed-in route (password or email change), per user. */
  passwordCheck: RateLimiterAbstract;
}

export type RateLimitConfig = Pick<
  Config,
  | 'LOGIN_ATTEMPTS_PER_ACCOUNT_MAX'
  | 'LOGIN_ATTEMPTS_PER_ADDRESS_MAX'
  | 'LOGIN_RATE_WINDOW_SECONDS'
  | 'SIGNUPS_PER_ADDRESS_PER_HOUR_MAX'
  | 'REFRESHES_PER_ADDRESS_PER_MINUTE_MAX'
  | 'MONEY_REQUESTS_PER_USER_PER_MINUTE_MAX'
  | 'VERIFICATION_RESENDS_PER_HOUR_MAX'
  | 'PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR_MAX'
  | 'PASSWORD_RESETS_PER_ADDRESS_PER_HOUR_MAX'
  | 'RATE_LIMIT_NAMESPACE'
>;

/**
 * The limits, stored in `store` (a pool on the API's database); without one (a single process
 * in a tool or test) they live in memory.
 */
export function createRateLimits(config: RateLimitConfig, store: pg.Pool | undefined): RateLimits {
  const limiter = (
    name: string,
    points: number,
    durationSeconds: number,
    blockSeconds = 0,
  ): RateLimiterAbstract => {
    const options = {
      keyPrefix: `${config.RATE_LIMIT_NAMESPACE}:${name}`,
      points,
      duration: durationSeconds,
      blockDuration: blockSeconds,
    };
    return store
      ? new RateLimiterPostgres({ ...options, storeClient: store, tableName: TABLE, tableCreated: true })
      : new RateLimiterMemory(options);
  };
  const window = config.LOGIN_RATE_WINDOW_SECONDS;
  return {
    signup: limiter('signup', config.SIGNUPS_PER_ADDRESS_PER_HOUR_MAX, 3600),
    // Failures only; past the limit the pair waits out a whole window (the backoff).
    loginPerAccountAndAddress: limiter(
      'login-account-address',
      config.LOGIN_ATTEMPTS_PER_ACCOUNT_MAX,
      window,
      window,
    ),
    loginPerAddress: limiter('login-address', config.LOGIN_ATTEMPTS_PER_ADDRESS_MAX, window),
    refresh: limiter('refresh', config.REFRESHES_PER_ADDRESS_PER_MINUTE_MAX, 60),
    money: limiter('money', config.MONEY_REQUESTS_PER_USER_PER_MINUTE_MAX, 60),
    verificationResend: limiter('verification-resend', config.VERIFICATION_RESENDS_PER_HOUR_MAX, 3600),
    passwordResetPerAddress: limiter('reset-address', config.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR_MAX, 3600),
    passwordResetPerAccount: limiter('reset-account', config.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR_MAX, 3600),
    // Failures only, like login's: past the limit the user waits out a whole window.
    passwordCheck: limiter('password-check', config.LOGIN_ATTEMPTS_PER_ACCOUNT_MAX, window, window),
  };
}

function tooMany(name: string, retryAfterMs: number): ProblemError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ProblemError(
    429,
    'rate-limited',
    'Too many requests',
    `Too many ${name}. Try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** Counts one request under `key`; a 429 problem when over the limit. Store faults propagate. */
export async function consume(limiter: RateLimiterAbstract, key: string, name: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) throw tooMany(name, outcome.msBeforeNext);
    throw outcome;
  }
}

/** Refuses when `key` is over its limit already, without counting this request. */
export async function assertNotBlocked(
  limiter: RateLimiterAbstract,
  key: string,
  name: string,
): Promise<void> {
  const state = await limiter.get(key);
  if (state && state.consumedPoints >= limiter.points) throw tooMany(name, state.msBeforeNext);
}
