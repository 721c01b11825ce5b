/**
 * P2P transfer: hold the sender's funds, wait for an admin's review when the amount is at or
 * above the threshold, then settle to the recipient; a rejected review, its timeout, or a
 * refused settlement releases the hold. Deterministic workflow code: activities are types only.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { REVIEW_ERROR_TYPES } from '../common/error-types';
import { createCompensations } from './compensations';
import {
  reviewSignal,
  reviewUpdate,
  statusQuery,
  type P2PTransferInput,
  type ReviewDecision,
  type TransferState,
} from './definitions';
import { finish, ledger, openTransfer, refusalOf, step, stepAfter } from './steps';
import { createTransferState, handleAccepted } from './transfer-state';

export async function p2pTransferWorkflow(input: P2PTransferInput): Promise<TransferState> {
  const state = createTransferState({ ...input, kind: 'P2P' });
  let review: ReviewDecision | undefined;
  const takeReview = (decision: ReviewDecision): boolean => {
    if (state.status !== 'IN_REVIEW' || review) return false;
    review = decision;
    return true;
  };
  setHandler(statusQuery, () => state);
  handleAccepted(state);
  setHandler(reviewSignal, (decision) => void takeReview(decision));
  // The update answers the admin: applied, and the state once the decision has taken effect.
  setHandler(reviewUpdate, async (decision) => {
    if (!takeReview(decision)) return { applied: false, state };
    await condition(() => state.status !== 'IN_REVIEW');
    return { applied: true, state };
  });

  const result = await run();
  await condition(allHandlersFinished);
  return result;

  async function run(): Promise<TransferState> {
    const { transferId } = input;
    const compensations = createCompensations();
    // Registered first: a hold whose answer was lost may still have been placed.
    compensations.add('release hold', () => ledger.releaseHold({ transferId }));
    try {
      // This step and the ones below run in this same workflow task (local activities): the
      // `accepted` update answers when the task ends, once the funds are settled or held for review.
      await stepAfter(state, 'HELD', null, (then) => openTransfer('P2P', input, { hold: true, then }));
    } catch (error) {
      await compensations.run();
      const refusal = refusalOf(error);
      return finish(state, 'FAILED', refusal.type, refusal.reason);
    }

    if (BigInt(input.amountMinor) >= BigInt(input.reviewThresholdMinor)) {
      await step(state, 'IN_REVIEW', `amount at or above the review threshold of ${input.reviewThresholdMinor}`);
      const decided = await condition(() => review !== undefined, input.reviewTimeoutMs);
      if (!decided || !review?.approved) {
        await compensations.run();
        if (!decided) return finish(state, 'CANCELLED', REVIEW_ERROR_TYPES.timedOut, 'review timed out');
        return finish(state, 'CANCELLED', REVIEW_ERROR_TYPES.rejected, `rejected by review: ${review?.reason ?? 'no reason given'}`);
      }
    }

    try {
      await stepAfter(state, 'COMPLETED', review ? `approved by ${review.reviewerId}` : null, (then) =>
        ledger.settleHoldToUser({ transferId, recipientUserId: input.recipientUserId, currency: input.currency, then }),
      );
    } catch (error) {
      // Settling is refused only for good (e.g. no such recipient wallet); faults are retried.
      await compensations.run();
      const refusal = refusalOf(error);
      return finish(state, 'FAILED', refusal.type, refusal.reason);
    }
    compensations.clear();
    return state;
  }
}
