/**
 * P2P transfer: hold the sender's funds, wait for an admin's review when the amount is large,
 * then settle to the recipient; a refused review, or its timeout, releases the hold.
 * Deterministic workflow code: activities are imported as types only.
 */
import { ApplicationFailure, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { LEDGER_ERROR_TYPES, REVIEW_ERROR_TYPES } from '../common/error-types';
import {
  acceptedUpdate,
  reviewSignal,
  statusQuery,
  type P2PTransferInput,
  type ReviewDecision,
  type TransferState,
} from './definitions';
import { LEDGER_ACTIVITY_OPTIONS } from './activity-options';
import { advance, createTransferState } from './transfer-state';

const ledger = proxyActivities<Activities>(LEDGER_ACTIVITY_OPTIONS);

export async function p2pTransferWorkflow(input: P2PTransferInput): Promise<TransferState> {
  const state = createTransferState({ ...input, kind: 'P2P' });
  let review: ReviewDecision | undefined;
  setHandler(statusQuery, () => state);
  setHandler(acceptedUpdate, async () => {
    await condition(() => state.status !== 'PENDING');
    return state;
  });
  setHandler(reviewSignal, (decision) => {
    if (state.status === 'IN_REVIEW' && !review) review = decision;
  });

  await ledger.recordTransfer({ ...input, kind: 'P2P', workflowId: workflowInfo().workflowId });
  try {
    await ledger.placeHold({ transferId: input.transferId, userId: input.userId, currency: input.currency, amountMinor: input.amountMinor });
  } catch (error) {
    // The hold may have been placed by an attempt whose answer was lost; releasing is a no-op otherwise.
    await ledger.releaseHold({ transferId: input.transferId });
    return fail(state, ledger, error);
  }
  await step(state, 'HELD', null);

  if (BigInt(input.amountMinor) >= BigInt(input.reviewThresholdMinor)) {
    await step(state, 'IN_REVIEW', `amount at or above the review threshold of ${input.reviewThresholdMinor}`);
    const decided = await condition(() => review !== undefined, input.reviewTimeoutMs);
    if (!decided || !review?.approved) {
      const reason = decided ? `rejected by review: ${review?.reason ?? 'no reason given'}` : 'review timed out';
      await ledger.releaseHold({ transferId: input.transferId });
      state.failureReason = reason;
      state.failureType = decided ? REVIEW_ERROR_TYPES.rejected : REVIEW_ERROR_TYPES.timedOut;
      await step(state, 'CANCELLED', reason, reason);
      return state;
    }
  }

  await ledger.settleHoldToUser({ transferId: input.transferId, recipientUserId: input.recipientUserId, currency: input.currency });
  await step(state, 'COMPLETED', null);
  return state;
}


async function step(state: TransferState, status: TransferState['status'], detail: string | null, failureReason?: string) {
  advance(state, status, detail);
  await ledger.recordStatus(state.transferId, status, detail, failureReason ?? null);
}

async function fail(state: TransferState, activities: typeof ledger, error: unknown): Promise<TransferState> {
  const failure = error instanceof Error && error.cause instanceof ApplicationFailure ? error.cause : undefined;
  state.failureType = failure?.type ?? 'Internal';
  state.failureReason = failure?.message ?? 'the transfer could not be completed';
  if (state.failureType === LEDGER_ERROR_TYPES.insufficientFunds) state.failureReason = 'insufficient funds';
  advance(state, 'FAILED', state.failureReason);
  await activities.recordStatus(state.transferId, 'FAILED', state.failureReason, state.failureReason);
  return state;
}
