/**
 * Calls the bank from a workflow: a burst of activity retries with exponential backoff; when
 * the burst fails the bank is treated as down and the workflow waits on a durable timer (it
 * survives worker restarts) before the next burst, the pauses growing with jitter up to a cap
 * so a recovered bank sees every pending transfer again within that cap; all of it up to the
 * transfer's deadline. Because each call is idempotent by our transfer id, every retry is safe.
 *
 * Giving up (a cancel, the deadline) never rests on a lookup: `voidAtBank` asks the bank to void
 * our id, which either records a tombstone (no later request can be booked) or says what was
 * booked, and the workflow acts on that definite answer. Deterministic workflow code.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  sleep,
} from '@temporalio/workflow';
import { ledger } from './steps';
import type { Activities } from '../activities';
import type { BankMovementInput, BankOutcome, BankVoidOutcome } from '../activities/bank-activities';
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
/** Lookups or voids before the workflow gives up on learning what the bank did. */
export const BANK_LOOKUPS_MAX = 1_000;
/**
 * The longest pause between bursts when the settings name none (workflows started before the
 * cap existed): once the bank is back, a waiting transfer calls again within about this long.
 */
export const OUTAGE_PAUSE_MAX_MS_DEFAULT = 30_000;
/** Pauses are drawn from [1 - JITTER, 1] of their nominal length, so waiting transfers do not retry in step. */
const PAUSE_JITTER = 0.2;
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
function bankRefusalIn(error: unknown): ApplicationFailure | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const types: readonly string[] = [BANK_FAILURE_TYPES.refused, BANK_FAILURE_TYPES.requestRejected];
  return error.cause.type && types.includes(error.cause.type) ? error.cause : undefined;
}

function refusalCode(failure: ApplicationFailure): string | null {
  const details = failure.details?.[0] as { code?: unknown } | undefined;
  return typeof details?.code === 'string' ? details.code : null;
}

/**
 * The activities that settle what happened (a void, the older lookup): each try may take a few
 * of the call's bursts before the workflow pauses and asks again.
 */
function resolvingActivities(settings: BankCallSettings) {
  return bankActivities(settings, settings.callTimeoutMs * settings.retryMaximumAttempts * 4);
}

/** The pause before burst `burst` (0-based): doubling from outagePauseMs, capped, with jitter. */
export function outagePauseMs(settings: BankCallSettings, burst: number, random: () => number): number {
  const capMs = settings.outagePauseMaxMs ?? OUTAGE_PAUSE_MAX_MS_DEFAULT;
  const nominalMs = Math.min(capMs, settings.outagePauseMs * 2 ** Math.min(burst, 30));
  return Math.max(1, Math.round(nominalMs * (1 - PAUSE_JITTER * random())));
}

const STOPPED = Symbol('stopped');

/**
 * Runs `work` (an activity call) until it settles or `shouldStop` turns true; then cancels it
 * and answers STOPPED at once, so a cancel never waits for a hung bank call. The call may still
 * land at the bank: the caller voids the id next, which makes that harmless.
 */
async function unlessStopped<T>(
  work: () => Promise<T>,
  shouldStop: () => boolean,
): Promise<T | typeof STOPPED> {
  const call = new CancellationScope();
  const watch = new CancellationScope();
  const running = call.run(work);
  const stop = watch
    .run(() => condition(shouldStop))
    .then(
      () => STOPPED,
      () => undefined,
    );
  try {
    const first = await Promise.race([running, stop]);
    if (first !== STOPPED) return first as T;
    call.cancel();
    await running.catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    });
    return STOPPED;
  } finally {
    watch.cancel();
  }
}

/** The `patched()` id of telling the transfer's row that the bank is not answering; never rename it. */
export const BANK_OUTAGE_NOTICE_PATCH = 'bank-outage-notice';

/**
 * The `onOutage` of a transfer's bank calls: records on its row (and the initiator's live
 * stream) that the bank is not answering, and until when the workflow keeps trying. Workflows
 * started before the notice existed replay without it.
 */
export function outageNotice(
  transferId: string,
): (outage: { since: string; until: string } | null) => Promise<void> {
  // Decided at the first outage and kept: one that began on the old code ends on its path.
  let enabled: boolean | undefined;
  return async (outage) => {
    enabled ??= patched(BANK_OUTAGE_NOTICE_PATCH);
    if (enabled) await ledger.recordBankOutage({ transferId, outage });
  };
}

/**
 * Tries a collection or payout until it is accepted, refused, stopped or out of time.
 * `stopMidCall` (the void protocol) abandons a running call as soon as `shouldStop` turns true;
 * without it (histories recorded before the protocol) a stop is seen between bursts only.
 */
export async function callBankUntilDeadline(options: {
  kind: 'collection' | 'payout';
  movement: BankMovementInput;
  settings: BankCallSettings;
  deadlineAtMs: number;
  shouldStop: () => boolean;
  stopMidCall: boolean;
  /** Told when the bank stops answering (since, and the deadline) and when it answers again (null). */
  onOutage?: (outage: { since: string; until: string } | null) => Promise<void>;
}): Promise<BankCallResult> {
  let down = false;
  const settle = async (result: BankCallResult): Promise<BankCallResult> => {
    if (down) await options.onOutage?.(null);
    return result;
  };
  for (let burst = 0; burst < BANK_BURSTS_MAX; burst += 1) {
    if (options.shouldStop()) return settle({ outcome: 'STOPPED' });
    const remainingMs = options.deadlineAtMs - Date.now();
    if (remainingMs <= 0) return settle({ outcome: 'DEADLINE' });
    const bank = bankActivities(options.settings, remainingMs);
    const call = () =>
      options.kind === 'collection' ? bank.bankCollect(options.movement) : bank.bankPayout(options.movement);
    try {
      const answer = options.stopMidCall ? await unlessStopped(call, options.shouldStop) : await call();
      if (answer === STOPPED) return settle({ outcome: 'STOPPED' });
      return settle({ outcome: 'ACCEPTED', replayed: answer.replayed });
    } catch (error) {
      const refusal = bankRefusalIn(error);
      if (refusal)
        return settle({
          outcome: 'REFUSED',
          type: refusal.type ?? BANK_FAILURE_TYPES.refused,
          message: refusal.message,
          code: refusalCode(refusal),
        });
      if (!(error instanceof ActivityFailure)) throw error;
    }
    if (!down) {
      down = true;
      await options.onOutage?.({
        since: new Date().toISOString(),
        until: new Date(options.deadlineAtMs).toISOString(),
      });
    }
    // The bank is down: wait on a durable timer, waking early only to stop.
    const pauseMs = Math.min(
      outagePauseMs(options.settings, burst, Math.random),
      options.deadlineAtMs - Date.now(),
    );
    if (pauseMs > 0) await condition(options.shouldStop, pauseMs);
  }
  return settle({ outcome: 'DEADLINE' });
}

/**
 * Voids our id at the bank and returns its definite answer, retrying through outages (the same
 * capped pauses as the calls): VOIDED means nothing was booked and nothing can be any more;
 * BOOKED means the money moved and the caller must settle; REFUSED means it never moved. Throws
 * (failing the workflow, any hold left open for an operator) only if the bank never answers.
 */
export async function voidAtBank(options: {
  kind: 'collection' | 'payout';
  movement: BankMovementInput;
  settings: BankCallSettings;
}): Promise<BankVoidOutcome> {
  const bank = resolvingActivities(options.settings);
  for (let attempt = 0; attempt < BANK_LOOKUPS_MAX; attempt += 1) {
    try {
      return await bank.bankVoid({ ...options.movement, kind: options.kind });
    } catch (error) {
      if (!(error instanceof ActivityFailure) || bankRefusalIn(error)) throw error;
    }
    await sleep(outagePauseMs(options.settings, attempt, Math.random));
  }
  throw ApplicationFailure.nonRetryable(
    `the bank did not answer the void of ${options.kind} ${options.movement.transferId}; resolve it by hand`,
    BANK_FAILURE_TYPES.unavailable,
  );
}

/**
 * The lookup that decided cancels and deadlines before the void protocol; kept only so that
 * workflows started before it (and their recorded histories) replay unchanged.
 */
export async function resolveBankOutcome(options: {
  kind: 'collection' | 'payout';
  transferId: string;
  settings: BankCallSettings;
}): Promise<BankOutcome | null> {
  const bank = resolvingActivities(options.settings);
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
