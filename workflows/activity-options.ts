/**
 * Timeouts and retry policies for the activities, in one place so every workflow proxies them
 * the same way. Ledger and database activities are short and retried until they succeed;
 * business refusals are non-retryable failures and stop retries at once.
 */
import type { LocalActivityOptions } from '@temporalio/workflow';

/** For the short database calls, run as local activities inside the workflow task (steps.ts). */
export const LEDGER_LOCAL_ACTIVITY_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
};
