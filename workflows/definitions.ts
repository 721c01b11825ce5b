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
  /** Plain text both sides see (bounded by the API); absent in older inputs. */
  note?: string | null;
  /** The payment request this transfer pays, or the schedule whose run it is. */
  paymentRequestId?: string | null;
  scheduleId?: string | null;
  /** Read only by workflows started before the worker's policy (see TransferPolicy); ignored since. */
  reviewThresholdMinor?: string;
  reviewTimeoutMs?: number;
}

/** Per-user limits of one kind of movement, per currency, in minor units. */
export interface MovementLimits {
  perMovementMinor: string;
  /** Over any 24 hours, counting movements that did not fail, cancel or compensate. */
  dailyMinor: string;
}

/**
 * The policy a transfer runs under: the worker's configuration, read once when the workflow
 * starts (a local activity, so replay keeps it and a running transfer keeps the policy it
 * started with). Never taken from the caller.
 */
export interface TransferPolicy {
  /** P2P transfers and withdrawals at or above this amount wait for an admin's review. */
  reviewThresholdMinor: string;
  reviewTimeoutMs: number;
  bank: BankCallSettings;
  limits: { DEPOSIT: MovementLimits; WITHDRAWAL: MovementLimits };
  /** How long a payment request stays open (absent in policies recorded before requests existed). */
  paymentRequestExpiryMs?: number;
  /** A schedule pauses after this many refused runs in a row. */
  schedulePauseAfterRefusals?: number;
}

export interface ReviewDecision {
  approved: boolean;
  reviewerId: string;
  reason?: string;
}

/**
 * How a workflow calls the bank: a burst of activity retries with exponential backoff, then a
 * durable pause, again and again until the deadline. Part of the worker's TransferPolicy.
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
  /** The user's verified account at the bank the money is collected from. */
  bankAccountRef: string;
  /** Read only by workflows started before the worker's policy; ignored since. */
  bank?: BankCallSettings;
}

export interface WithdrawalInput extends TransferInputBase {
  /** The user's verified account at the bank the money is paid out to. */
  bankAccountRef: string;
  /** Read only by workflows started before the worker's policy; ignored since. */
  bank?: BankCallSettings;
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
/** The step a withdrawal records once a cancel stopped its bank calls and it voids the payout (the API shows the cancel as requested). */
export const CANCEL_REQUESTED_DETAIL = 'cancel requested: voiding the payout at the bank';
/** P2P: an admin's decision with an answer (the signal above stays for fire-and-forget callers). */
export const reviewUpdate = defineUpdate<ReviewResult, [ReviewDecision]>('reviewDecision');

// ---- Payment requests (workflows/payment-request.ts) ----

export type PaymentRequestStatus = 'OPEN' | 'PAYING' | 'PAID' | 'DECLINED' | 'CANCELLED' | 'EXPIRED';

export interface PaymentRequestInput {
  requestId: string;
  requesterId: string;
  payerId: string;
  idempotencyKey: string;
  currency: Currency;
  amountMinor: string;
  note: string | null;
}

/** What the request workflow's query and updates answer with. */
export interface PaymentRequestState {
  requestId: string;
  status: PaymentRequestStatus;
  /** The transfer paying it (PAYING) or that paid it (PAID). */
  transferId: string | null;
  expiresAt: string;
  /** Why the last payment attempt did not complete, for the payer. */
  lastPaymentFailure: string | null;
}

/**
 * The payer's payment: an ordinary P2P transfer the request workflow starts as its child, with
 * the workflow id and transfer id the API derived from the payer's Idempotency-Key.
 */
export interface PayRequest {
  payerId: string;
  transferId: string;
  transferWorkflowId: string;
  idempotencyKey: string;
}

/** Decline (the payer) or cancel (the requester). */
export interface AnswerRequest {
  userId: string;
}

/** Resolves once the request is recorded and open; the API answers the create with it. */
export const requestOpenedUpdate = defineUpdate<PaymentRequestState>('requestOpened');
export const requestStatusQuery = defineQuery<PaymentRequestState>('requestStatus');
/** Claims the request for one payment and starts its transfer; a second claim is refused. */
export const payRequestUpdate = defineUpdate<PaymentRequestState, [PayRequest]>('pay');
export const declineRequestUpdate = defineUpdate<PaymentRequestState, [AnswerRequest]>('decline');
export const cancelRequestUpdate = defineUpdate<PaymentRequestState, [AnswerRequest]>('cancelRequest');

// ---- Scheduled transfers (workflows/scheduled-transfer.ts) ----

/** The argument a transfer schedule's action gives each run; the rest is read from the database. */
export interface ScheduledRunInput {
  scheduleId: string;
}

export type ScheduledRunOutcome = 'COMPLETED' | 'REFUSED' | 'FAILED' | 'SKIPPED';

export interface ScheduledRunResult {
  scheduleId: string;
  runKey: string;
  outcome: ScheduledRunOutcome;
  transferId: string | null;
  reason: string | null;
}
