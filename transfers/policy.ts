/**
 * The worker's transfer policy (review threshold and timeout, bank retries and deadline,
 * deposit and withdrawal limits, payment request expiry, when a failing schedule pauses) from
 * its configuration. Workflows read it once, at their
 * start, through the `readPolicy` local activity; callers never supply it. Pure.
 */
import type { Config } from '../common/config';
import type { BankCallSettings, TransferPolicy } from '../workflows/definitions';

/** Margin over the bank client's own timeout, so the client (not Temporal) reports a slow call. */
const CALL_TIMEOUT_MARGIN_MS = 2_000;

export type PolicyConfig = Pick<
  Config,
  | 'BANK_DEADLINE_MS'
  | 'BANK_RETRY_INITIAL_MS'
  | 'BANK_RETRY_MAX_INTERVAL_MS'
  | 'BANK_RETRY_MAX_ATTEMPTS'
  | 'BANK_RETRY_BACKOFF'
  | 'BANK_OUTAGE_PAUSE_MS'
  | 'BANK_OUTAGE_PAUSE_MAX_MS'
  | 'BANK_TIMEOUT_MS'
  | 'REVIEW_THRESHOLD_MINOR'
  | 'REVIEW_TIMEOUT_MS'
  | 'DEPOSIT_LIMIT_PER_MOVEMENT_MINOR'
  | 'DEPOSIT_LIMIT_DAILY_MINOR'
  | 'WITHDRAWAL_LIMIT_PER_MOVEMENT_MINOR'
  | 'WITHDRAWAL_LIMIT_DAILY_MINOR'
  | 'PAYMENT_REQUEST_EXPIRY_MS'
  | 'SCHEDULE_PAUSE_AFTER_REFUSALS'
>;

export function bankSettingsFromConfig(config: PolicyConfig): BankCallSettings {
  return {
    bankDeadlineMs: config.BANK_DEADLINE_MS,
    retryInitialIntervalMs: config.BANK_RETRY_INITIAL_MS,
    retryBackoffCoefficient: config.BANK_RETRY_BACKOFF,
    retryMaximumIntervalMs: config.BANK_RETRY_MAX_INTERVAL_MS,
    retryMaximumAttempts: config.BANK_RETRY_MAX_ATTEMPTS,
    outagePauseMs: config.BANK_OUTAGE_PAUSE_MS,
    outagePauseMaxMs: Math.max(config.BANK_OUTAGE_PAUSE_MAX_MS, config.BANK_OUTAGE_PAUSE_MS),
    callTimeoutMs: config.BANK_TIMEOUT_MS + CALL_TIMEOUT_MARGIN_MS,
  };
}

export function policyFromConfig(config: PolicyConfig): TransferPolicy {
  return {
    reviewThresholdMinor: config.REVIEW_THRESHOLD_MINOR,
    reviewTimeoutMs: config.REVIEW_TIMEOUT_MS,
    bank: bankSettingsFromConfig(config),
    limits: {
      DEPOSIT: {
        perMovementMinor: config.DEPOSIT_LIMIT_PER_MOVEMENT_MINOR,
        dailyMinor: config.DEPOSIT_LIMIT_DAILY_MINOR,
      },
      WITHDRAWAL: {
        perMovementMinor: config.WITHDRAWAL_LIMIT_PER_MOVEMENT_MINOR,
        dailyMinor: config.WITHDRAWAL_LIMIT_DAILY_MINOR,
      },
    },
    paymentRequestExpiryMs: config.PAYMENT_REQUEST_EXPIRY_MS,
    schedulePauseAfterRefusals: config.SCHEDULE_PAUSE_AFTER_REFUSALS,
  };
}
