/**
 * Moving a transfer to its next status everywhere at once: the workflow's live state (query),
 * its search attributes (operators) and the database row with its event (API lists).
 * Deterministic workflow code.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { LEDGER_ERROR_TYPES } from '../common/error-types';
import { LEDGER_ACTIVITY_OPTIONS, LEDGER_LOCAL_ACTIVITY_OPTIONS } from './activity-options';
import type { DepositInput, TransferState, TransferStatus, WithdrawalInput } from './definitions';
import { advance } from './transfer-state';

/**
 * Ledger and transfer-record activities are short database calls: they run as local activities,
 * inside the workflow task, with no round trip through the server per step (their results are
 * still recorded in history, as markers, so replay never reruns them). On this 2-core machine
 * that took a P2P transfer from 4 workflow tasks and 3 activity tasks to 2 and 1, and completed
 * transfers/s up by about 60% (BENCHMARKS.md, load).
 */
export const ledger = proxyLocalActivities<Activities>(LEDGER_LOCAL_ACTIVITY_OPTIONS);

/** The same activities through the server, for a step that must end the workflow task. */
const recordsViaServer = proxyActivities<Activities>(LEDGER_ACTIVITY_OPTIONS);

/** Records the row of a movement through the bank (deposit or withdrawal), once. */
export function recordBankTransfer(kind: 'DEPOSIT' | 'WITHDRAWAL', input: DepositInput | WithdrawalInput): Promise<void> {
  return ledger.recordTransfer({
    transferId: input.transferId,
    kind,
    userId: input.userId,
    bankAccountRef: input.bankAccountRef,
    currency: input.currency,
    amountMinor: input.amountMinor,
    workflowId: workflowInfo().workflowId,
    idempotencyKey: input.idempotencyKey,
  });
}

/**
 * A step recorded through a normal activity, which ends the current workflow task. The answer
 * to the `accepted` update leaves only when a workflow task completes, so a P2P transfer takes
 * this step at HELD: the API answers once the funds are held, not after the settlement too.
 */
export async function stepEndingTask(state: TransferState, status: TransferStatus, detail: string | null = null): Promise<void> {
  advance(state, status, detail);
  await recordsViaServer.recordStatus(state.transferId, status, detail, null);
}

export async function step(state: TransferState, status: TransferStatus, detail: string | null = null): Promise<void> {
  advance(state, status, detail);
  await ledger.recordStatus(state.transferId, status, detail, null);
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
  await ledger.recordStatus(state.transferId, status, failureReason, failureReason);
  return state;
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
