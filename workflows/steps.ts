/**
 * Moving a transfer to its next status everywhere at once: the workflow's live state (query),
 * its search attributes (operators) and the database row with its event (API lists).
 * Deterministic workflow code.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { LEDGER_ERROR_TYPES } from '../common/error-types';
import { LEDGER_ACTIVITY_OPTIONS } from './activity-options';
import type { TransferState, TransferStatus } from './definitions';
import { advance } from './transfer-state';

export const ledger = proxyActivities<Activities>(LEDGER_ACTIVITY_OPTIONS);

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
  const failure = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : undefined;
  const type = failure?.type ?? 'Internal';
  if (type === LEDGER_ERROR_TYPES.insufficientFunds) return { type, reason: 'insufficient funds' };
  return { type, reason: failure?.message ?? 'the transfer could not be completed' };
}
