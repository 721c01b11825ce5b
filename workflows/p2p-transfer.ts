/**
 * P2P transfer: hold the sender's funds, wait for an admin's review when the amount is at or
 * above the threshold (four eyes: workflows/review.ts), then settle to the recipient; a
 * rejected review, its timeout, or a refused settlement releases the hold. The threshold and
 * timeout are the worker's policy. Deterministic workflow code: activities are types only.
 */
import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { createCompensations, type Compensations } from './compensations';
import { statusQuery, type P2PTransferInput, type TransferState } from './definitions';
import { readRunPolicy, type RunPolicy } from './policy';
import { endUnapproved, handleReview, type Review } from './review';
import {
  ledger,
  openP2PTransfer,
  openTransfer,
  failRefused,
  reviewThresholdReason,
  step,
  stepAfter,
} from './steps';
import { advance, createTransferState, handleAccepted } from './transfer-state';

/**
 * The `patched()` id of the one-step opening: policy, hold and (below the threshold) settlement
 * in one local activity. Transfers started before it keep three; never rename it while they run.
 */
export const P2P_ONE_STEP_PATCH = 'p2p-one-step';

export async function p2pTransferWorkflow(input: P2PTransferInput): Promise<TransferState> {
  const state = createTransferState({ ...input, kind: 'P2P' });
  setHandler(statusQuery, () => state);
  handleAccepted(state);
  const parties = { initiatorId: input.userId, recipientId: input.recipientUserId };
  const compensations = createCompensations();
  // Registered first: a hold whose answer was lost may still have been placed.
  compensations.add('release hold', () => ledger.releaseHold({ transferId: input.transferId }));

  const result = patched(P2P_ONE_STEP_PATCH)
    ? await oneStep(input, state, handleReview(state, parties, { checkAdmin: true }), compensations)
    : await threeSteps(input, state, parties, compensations);
  await condition(allHandlersFinished);
  return result;
}

/** Opens, holds and, below the threshold, settles in one local activity (one workflow task). */
async function oneStep(
  input: P2PTransferInput,
  state: TransferState,
  review: Review,
  compensations: Compensations,
): Promise<TransferState> {
  let opened: Awaited<ReturnType<typeof openP2PTransfer>>;
  try {
    opened = await openP2PTransfer(input, {
      held: { status: 'HELD', detail: null },
      settled: { status: 'COMPLETED', detail: null },
    });
  } catch (error) {
    // Refused before or after the hold: releasing one that was never placed is a no-op.
    return failRefused(state, error, compensations.run);
  }
  advance(state, 'HELD');
  if (opened.settled) {
    advance(state, 'COMPLETED');
    compensations.clear();
    return state;
  }
  return reviewThenSettle(input, state, { ...opened.policy, fromWorker: true }, review, compensations);
}

/** Transfers started before the one-step opening: policy, hold and settlement each a local activity. */
async function threeSteps(
  input: P2PTransferInput,
  state: TransferState,
  parties: { initiatorId: string; recipientId: string },
  compensations: Compensations,
): Promise<TransferState> {
  const policy = await readRunPolicy(input);
  const review = handleReview(state, parties, { checkAdmin: policy.fromWorker });
  try {
    // This step and the ones below run in this same workflow task (local activities): the
    // `accepted` update answers when the task ends, once the funds are settled or held for review.
    await stepAfter(state, 'HELD', null, (then) => openTransfer('P2P', input, { hold: true, then }));
  } catch (error) {
    return failRefused(state, error, compensations.run);
  }
  return reviewThenSettle(input, state, policy, review, compensations);
}

/** From HELD: the review when the amount calls for one, then the settlement to the recipient. */
async function reviewThenSettle(
  input: P2PTransferInput,
  state: TransferState,
  policy: RunPolicy,
  review: Review,
  compensations: Compensations,
): Promise<TransferState> {
  let approvedBy: string | null = null;
  if (BigInt(input.amountMinor) >= BigInt(policy.reviewThresholdMinor)) {
    await step(state, 'IN_REVIEW', reviewThresholdReason(policy.reviewThresholdMinor, input.currency));
    const decision = await review.wait(policy.reviewTimeoutMs);
    if (!decision?.approved) return endUnapproved(state, decision, compensations.run);
    approvedBy = decision.reviewerId;
  }

  try {
    await stepAfter(state, 'COMPLETED', approvedBy ? `approved by ${approvedBy}` : null, (then) =>
      ledger.settleHoldToUser({
        transferId: input.transferId,
        recipientUserId: input.recipientUserId,
        currency: input.currency,
        then,
      }),
    );
  } catch (error) {
    // Settling is refused only for good (e.g. no such recipient wallet); faults are retried.
    return failRefused(state, error, compensations.run);
  }
  compensations.clear();
  return state;
}
