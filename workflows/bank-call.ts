/**
 * Calls the bank from a workflow the way issue 4 asks: a burst of activity retries with
 * exponential backoff; when the burst fails the bank is treated as down and the workflow waits
 * on a durable timer (it survives worker restarts) before the next burst; all of it up to the
 * transfer's deadline. Because each call is idempotent by our transfer id, every retry is safe.
 * Deterministic workflow code.
 */
import { ActivityFailure, ApplicationFailure, condition, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BankMovementInput, BankOutcome } from '../activities/bank-activities';
import { BANK_FAILURE_TYPES } from '../common/error-types';
import type { BankCallSettings } from './definitions';

export type BankCallResult =
  | { outcome: 'ACCEPTED'; replayed: boolean }
  | { outcome: 'REFUSED'; type: string; message: string; code: string | null }
  /** The deadline passed without an answer: the caller must look the outcome up before deciding. */
  | { outcome: 'DEADLINE' }
  /** `shouldStop` turned true between bursts (a cancel): the caller must look the outcome up too. */
  | { outcome: 'STOPPED' };

/** Bursts per bank call: 24 hours of 5-minute pauses is 288; beyond the limit counts as the deadline. */
export const BANK_BURSTS_MAX = 1_000;
/** Lookups before the workflow gives up on learning what the bank did (see resolveBankOutcome). */
export const BANK_LOOKUPS_MAX = 1_000;
const HEARTBEAT_TIMEOUT_MS = 10_000;

function bankActivities(settings: BankCallSettings, scheduleToCloseMs: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: settings.callTimeoutMs,
    // The burst never runs past the deadline; the caller then looks up what happened.
    scheduleToCloseTimeout: Math.max(scheduleToCloseMs, 1),
    heartbeatTimeout: Math.min(HEARTBEAT_TIMEOUT_MS, settings.callTimeoutMs),
    retry: {
      initialInterval: settings.retryInitialIntervalMs,
      backoffCoefficient: settings.retryBackoffCoefficient,
      maximumInterval: settings.retryMaximumIntervalMs,
      maximumAttempts: settings.retryMaximumAttempts,
      nonRetryableErrorTypes: [BANK_FAILURE_TYPES.refused, BANK_FAILURE_TYPES.requestRejected],
    },
  });
}

/** The non-retryable business failure inside an activity failure, if that is what it is. */
function refusalOf(error: unknown): ApplicationFailure | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const types: readonly string[] = [BANK_FAILURE_TYPES.refused, BANK_FAILURE_TYPES.requestRejected];
  return error.cause.type && types.includes(error.cause.type) ? error.cause : undefined;
}

function refusalCode(failure: ApplicationFailure): string | null {
  const details = failure.details?.[0] as { code?: unknown } | undefined;
  return typeof details?.code === 'string' ? details.code : null;
}

/** Tries a collection or payout until it is accepted, refused, stopped or out of time. */
export async function callBankUntilDeadline(options: {
  kind: 'collection' | 'payout';
  movement: BankMovementInput;
  settings: BankCallSettings;
  deadlineAtMs: number;
  shouldStop: () => boolean;
}): Promise<BankCallResult> {
  for (let burst = 0; burst < BANK_BURSTS_MAX; burst += 1) {
    if (options.shouldStop()) return { outcome: 'STOPPED' };
    const remainingMs = options.deadlineAtMs - Date.now();
    if (remainingMs <= 0) return { outcome: 'DEADLINE' };
    const bank = bankActivities(options.settings, remainingMs);
    try {
      const answer = options.kind === 'collection' ? await bank.bankCollect(options.movement) : await bank.bankPayout(options.movement);
      return { outcome: 'ACCEPTED', replayed: answer.replayed };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) return { outcome: 'REFUSED', type: refusal.type ?? BANK_FAILURE_TYPES.refused, message: refusal.message, code: refusalCode(refusal) };
      if (!(error instanceof ActivityFailure)) throw error;
    }
    // The bank is down: wait on a durable timer, waking early only to stop.
    const pauseMs = Math.min(options.settings.outagePauseMs, options.deadlineAtMs - Date.now());
    if (pauseMs > 0) await condition(options.shouldStop, pauseMs);
  }
  return { outcome: 'DEADLINE' };
}

/**
 * Asks the bank what it recorded under our id, retrying through outages, because a call whose
 * answer was lost may still have landed. Throws (failing the workflow, leaving any hold open for
 * an operator) only if the bank never answers: guessing either way could create or lose money.
 */
export async function resolveBankOutcome(options: {
  kind: 'collection' | 'payout';
  transferId: string;
  settings: BankCallSettings;
}): Promise<BankOutcome | null> {
  const bank = bankActivities(options.settings, options.settings.callTimeoutMs * options.settings.retryMaximumAttempts * 4);
  for (let lookup = 0; lookup < BANK_LOOKUPS_MAX; lookup += 1) {
    try {
      return await bank.bankLookup({ kind: options.kind, transferId: options.transferId });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
    }
    await sleep(options.settings.outagePauseMs);
  }
  throw ApplicationFailure.nonRetryable(
    `the bank did not say whether ${options.kind} ${options.transferId} happened; resolve it by hand`,
    BANK_FAILURE_TYPES.unavailable,
  );
}
