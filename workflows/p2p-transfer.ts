/**
 * P2P transfer: hold the sender's funds, wait for an admin's review when the amount is at or
 * above the threshold (four eyes: workflows/review.ts), then settle to the recipient; a
 * rejected review, its timeout, or a refused settlement releases the hold. The threshold and
 * timeout are the worker's policy. Deterministic workflow code: activities are types only.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { createCompensations } from './compensations';
import { statusQuery, type P2PTransferInput, type TransferState } from './definitions';
import { readRunPolicy } from './policy';
import { endUnapproved, handleReview } from './review';
import { finish, ledger, openTransfer, refusalOf, reviewThresholdReason, step, stepAfter } from './steps';
import { createTransferState, handleAccepted } from './transfer-state';

export async function p2pTransferWorkflow(input: P2PTransferInput): Promise<TransferState> {
  const state = createTransferState({ ...input, kind: 'P2P' });
  setHandler(statusQuery, () => state);
  handleAccepted(state);
  const policy = await readRunPolicy(input);
  const review = handleReview(
    state,
    { initiatorId: input.userId, recipientId: input.recipientUserId },
    { checkAdmin: policy.fromWorker },
  );

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
          transferId,
          recipientUserId: input.recipientUserId,
          currency: input.currency,
          then,
        }),
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
