/**
 * Builds the bank-call settings a deposit or withdrawal carries in its input from the process
 * configuration, so the API and any operator script compute them the same way. Pure.
 */
import type { Config } from '../common/config';
import type { BankCallSettings } from './definitions';

/** Margin over the bank client's own timeout, so the client (not Temporal) reports a slow call. */
const CALL_TIMEOUT_MARGIN_MS = 2_000;

export function bankSettingsFromConfig(
  config: Pick<
    Config,
    | 'BANK_DEADLINE_MS'
    | 'BANK_RETRY_INITIAL_MS'
    | 'BANK_RETRY_MAX_INTERVAL_MS'
    | 'BANK_RETRY_MAX_ATTEMPTS'
    | 'BANK_RETRY_BACKOFF'
    | 'BANK_OUTAGE_PAUSE_MS'
    | 'BANK_OUTAGE_PAUSE_MAX_MS'
    | 'BANK_TIMEOUT_MS'
  >,
): BankCallSettings {
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
