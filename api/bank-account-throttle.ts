/**
 * Throttles on linking bank accounts: each link asks the bank whether a name holds an IBAN (an
 * answer worth probing for) and then costs Kizo micro-deposits, so the checks are counted per
 * user and per IBAN over all users, in the same shared PostgreSQL counters as the other rate
 * limits (api/auth/rate-limits.ts), so N replicas allow what one would. Beyond: 429 with
 * Retry-After (api/auth/rate-limits.ts `consume`).
 */
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../common/config';

export interface HolderCheckLimits {
  perUser: RateLimiterAbstract;
  perAccount: RateLimiterAbstract;
}

const HOUR_SECONDS = 3600;

export function createHolderCheckLimits(
  config: Pick<
    Config,
    | 'BANK_HOLDER_CHECKS_PER_USER_PER_HOUR_MAX'
    | 'BANK_HOLDER_CHECKS_PER_ACCOUNT_PER_HOUR_MAX'
    | 'RATE_LIMIT_NAMESPACE'
  >,
  store: pg.Pool | undefined,
): HolderCheckLimits {
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const options = { keyPrefix: `${config.RATE_LIMIT_NAMESPACE}:${name}`, points, duration: HOUR_SECONDS };
    return store
      ? new RateLimiterPostgres({
          ...options,
          storeClient: store,
          tableName: 'rate_limits',
          tableCreated: true,
        })
      : new RateLimiterMemory(options);
  };
  return {
    perUser: limiter('holder-check-user', config.BANK_HOLDER_CHECKS_PER_USER_PER_HOUR_MAX),
    perAccount: limiter('holder-check-account', config.BANK_HOLDER_CHECKS_PER_ACCOUNT_PER_HOUR_MAX),
  };
}
