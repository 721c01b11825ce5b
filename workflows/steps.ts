/**
 * Moving a transfer to its next status everywhere at once: the workflow's live state (query),
 * its search attributes (operators) and the database row with its event (API lists).
 * Deterministic workflow code.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  proxyLocalActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Admission } from '../activities/transfer-admission';
import type { StatusRecord } from '../transfers/records';
import { LEDGER_ERROR_TYPES } from '../common/error-types';
import { formatMajorUnits, type Currency } from '../common/money';
import { LEDGER_LOCAL_ACTIVITY_OPTIONS } from './activity-options';
import type {
  DepositInput,
  MovementLimits,
  P2PTransferInput,
  TransferKind,
  TransferPolicy,
  TransferState,
  TransferStatus,
  WithdrawalInput,
} from './definitions';
import { advance } from './transfer-state';

/**
 * Ledger and transfer-record activities are short database calls: they run as local activities,
 * inside the workflow task, with no round trip through the server per step (their results are
 * still recorded in history, as markers, so replay never reruns them). A P2P transfer below the
 * review threshold is one workflow task and two local activities (open with the hold, settle),
 * each recording the status it leads to (BENCHMARKS.md, load).
 */
export const ledger = proxyLocalActivities<Activities>(LEDGER_LOCAL_ACTIVITY_OPTIONS);

/**
 * Opens a transfer from its workflow input: admits it (intent, bank account, `limits`),
 * records the row, places the hold when `hold` (the movement spends the user's funds), and
 * records `then`, all in one local activity.
 */
export function openTransfer(
  kind: TransferKind,
  input: P2PTransferInput | DepositInput | WithdrawalInput,
  options: { hold: boolean; then: StatusRecord; limits?: MovementLimits | undefined },
): Promise<Admission> {
  return ledger.openTransfer({
    ...transferRecordOf(kind, input),
    hold: options.hold,
    then: options.then,
    ...(options.limits ? { limits: options.limits } : {}),
  });
}

/**
 * Opens a P2P transfer, holds its funds and, below the worker's review threshold, settles it,
 * in one local activity that also returns the worker's policy (activities/index.ts).
 */
export function openP2PTransfer(
  input: P2PTransferInput,
  records: { held: StatusRecord; settled: StatusRecord },
): Promise<{ policy: TransferPolicy; settled: boolean }> {
  return ledger.openP2PTransfer({
    ...transferRecordOf('P2P', input),
    recipientUserId: input.recipientUserId,
    ...records,
  });
}

/** The transfer row an opening activity records, from the workflow's input. */
function transferRecordOf(kind: TransferKind, input: P2PTransferInput | DepositInput | WithdrawalInput) {
  return {
    transferId: input.transferId,
    kind,
    userId: input.userId,
    recipientUserId: 'recipientUserId' in input ? input.recipientUserId : null,
    bankAccountRef: 'bankAccountRef' in input ? input.bankAccountRef : null,
    currency: input.currency,
    amountMinor: input.amountMinor,
    workflowId: workflowInfo().workflowId,
    idempotencyKey: input.idempotencyKey,
    ...('recipientUserId' in input ? p2pExtras(input) : {}),
  };
}

/** A P2P transfer's note and what it pays (a request, a schedule's run), when it has them. */
function p2pExtras(input: P2PTransferInput): {
  note?: string;
  paymentRequestId?: string;
  scheduleId?: string;
} {
  return {
    ...(input.note ? { note: input.note } : {}),
    ...(input.paymentRequestId ? { paymentRequestId: input.paymentRequestId } : {}),
    ...(input.scheduleId ? { scheduleId: input.scheduleId } : {}),
  };
}

export async function step(
  state: TransferState,
  status: TransferStatus,
  detail: string | null = null,
): Promise<void> {
  advance(state, status, detail);
  await ledger.recordStatus(state.transferId, { status, detail });
}

/**
 * A step whose work (a posting, the transfer row) and status record are one local activity:
 * `work` gets the status record to pass as the activity's `then`. The state moves only once the
 * work succeeded; a refusal leaves it where it was for the caller to compensate.
 */
export async function stepAfter<T>(
  state: TransferState,
  status: TransferStatus,
  detail: string | null,
  work: (then: StatusRecord) => Promise<T>,
): Promise<T> {
  const result = await work({ status, detail });
  advance(state, status, detail);
  return result;
}

/** Ends the transfer with a reason the API shows and a stable type it switches on. */
export async function finish(
  state: TransferState,
  status: Extract<TransferStatus, 'FAILED' | 'CANCELLED' | 'COMPENSATED'>,
  failureType: string,
  failureReason: string,
): Promise<TransferState> {
  state.failureType = failureType;
  state.failureReason = failureReason;
  advance(state, status, failureReason);
  await ledger.recordStatus(state.transferId, { status, detail: failureReason, failureReason });
  return state;
}

/**
 * Ends the transfer FAILED with the refusal `error` carries, after `undo` (a saga's
 * compensations) when something may already have moved.
 */
export async function failRefused(
  state: TransferState,
  error: unknown,
  undo?: () => Promise<void>,
): Promise<TransferState> {
  await undo?.();
  const refusal = refusalOf(error);
  return finish(state, 'FAILED', refusal.type, refusal.reason);
}

/** Why a transfer waits for review, in the currency's units (not minor units). */
export function reviewThresholdReason(thresholdMinor: string, currency: Currency): string {
  return `amount at or above the review threshold of ${formatMajorUnits(BigInt(thresholdMinor), currency)} ${currency}`;
}

/** A policy duration for people: "24 hours", "90 minutes", "30 seconds". */
export function describeDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  const [size, name] = units.find(([unit]) => ms >= unit && ms % unit === 0) ?? [1, 'millisecond'];
  const count = ms / size;
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}

/** The business refusal inside an activity failure; anything else is reported as Internal. */
export function refusalOf(error: unknown): { type: string; reason: string } {
  const failure = applicationFailureIn(error);
  const type = failure?.type ?? 'Internal';
  if (type === LEDGER_ERROR_TYPES.insufficientFunds) return { type, reason: 'insufficient funds' };
  return { type, reason: failure?.message ?? 'the transfer could not be completed' };
}

/** How deep a failure's causes are searched: activities wrap at most once or twice. */
const CAUSE_DEPTH_MAX = 4;

/**
 * The ApplicationFailure an activity raised: a normal activity's arrives wrapped in an
 * ActivityFailure, a local activity's may arrive as itself.
 */
function applicationFailureIn(error: unknown): ApplicationFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < CAUSE_DEPTH_MAX && current instanceof Error; depth += 1) {
    if (current instanceof ApplicationFailure) return current;
    if (!(current instanceof ActivityFailure)) return undefined;
    current = current.cause;
  }
  return undefined;
}
