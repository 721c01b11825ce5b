/**
 * The contract between the workflows and everyone who talks to them: inputs, the live state a
 * query returns, and the update/signal/query definitions. Pure: the API imports it too.
 * Money is a string of digits here because Temporal payloads are JSON.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Currency } from '../common/money';
import type { TransferKind, TransferStatus } from '../common/transfer-status';

export { FINAL_STATUSES, type TransferKind, type TransferStatus } from '../common/transfer-status';

export interface TransferStep {
  status: TransferStatus;
  detail: string | null;
  /** Workflow time (replay-safe), ISO 8601. */
  at: string;
}

/** What the `status` query returns and the `accepted` update resolves with. */
export interface TransferState {
  transferId: string;
  kind: TransferKind;
  status: TransferStatus;
  failureReason: string | null;
  /** Stable error type of a refusal (e.g. InsufficientFunds), for the API's problem+json. */
  failureType: string | null;
  steps: TransferStep[];
}

export interface TransferInputBase {
  transferId: string;
  userId: string;
  idempotencyKey: string;
  currency: Currency;
  amountMinor: string;
}

export interface P2PTransferInput extends TransferInputBase {
  recipientUserId: string;
  /** At or above this amount, the transfer waits for an admin's review. */
  reviewThresholdMinor: string;
  reviewTimeoutMs: number;
}

export interface ReviewDecision {
  approved: boolean;
  reviewerId: string;
  reason?: string;
}

/**
 * How a workflow calls the bank: a burst of activity retries with exponential backoff, then a
 * durable pause, again and again until the deadline. In the workflow input (not the worker) so
 * tests can use seconds; the API fills it from config with `bankSettingsFromConfig`.
 */
export interface BankCallSettings {
  /** From the start of the workflow: after this, stop calling and compensate (or fail). */
  bankDeadlineMs: number;
  /** First pause between attempts within a burst. */
  retryInitialIntervalMs: number;
  retryBackoffCoefficient: number;
  retryMaximumIntervalMs: number;
  /** Attempts per burst; when they all fail the workflow sleeps on a durable timer. */
  retryMaximumAttempts: number;
  /** The first durable pause between bursts while the bank is down; it doubles per burst. */
  outagePauseMs: number;
  /**
   * The cap on that pause (jittered below it), which bounds how long a waiting transfer takes
   * to notice that the bank is back. Absent in inputs older than the cap: a default applies.
   */
  outagePauseMaxMs?: number;
  /** Limit on one bank call (the bank client's own timeout, plus a margin). */
  callTimeoutMs: number;
}

export interface DepositInput extends TransferInputBase {
  /** The user's account at the bank the money is collected from. */
  bankAccountRef: string;
  bank: BankCallSettings;
}

export interface WithdrawalInput extends TransferInputBase {
  /** The user's account at the bank the money is paid out to. */
  bankAccountRef: string;
  bank: BankCallSettings;
}

export interface CancelRequest {
  /** Who asked (a user id), for the transfer's history. */
  requestedBy: string;
  reason?: string;
}

/**
 * The answer to a cancel. `cancelled`: the transfer is CANCELLED, the hold released.
 * `pending`: the cancel is recorded but the bank has not answered its void yet (it is down or
 * slow); the transfer ends CANCELLED once it does, unless the bank had already paid out, in
 * which case it completes and says so. Neither: too late, the bank has it (or it had ended).
 */
export interface CancelResult {
  cancelled: boolean;
  /** Absent in answers from workflows started before the void protocol. */
  pending?: boolean;
  state: TransferState;
}

/** The answer to a review: `applied` false means the transfer was not waiting for one. */
export interface ReviewResult {
  applied: boolean;
  state: TransferState;
}

/** Resolves once the request is accepted (funds held) or refused; the API answers then. */
export const acceptedUpdate = defineUpdate<TransferState>('accepted');
export const statusQuery = defineQuery<TransferState>('status');
export const reviewSignal = defineSignal<[ReviewDecision]>('review');
/**
 * Withdrawals: the user cancels one the bank has not accepted. Resolves within a few seconds:
 * cancelled (the bank voided the payout), pending (the void is on its way), or too late.
 */
export const cancelUpdate = defineUpdate<CancelResult, [CancelRequest]>('cancel');
/** P2P: an admin's decision with an answer (the signal above stays for fire-and-forget callers). */
export const reviewUpdate = defineUpdate<ReviewResult, [ReviewDecision]>('reviewDecision');
