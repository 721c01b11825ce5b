/**
 * Withdrawal (payout): hold the user's funds, ask the bank to pay out (retrying through
 * outages up to a deadline), then settle the hold to the bank's side. A permanent refusal
 * compensates: the hold is released and the reason recorded. The user may cancel while the
 * bank has not accepted the payout. A cancel or the deadline first voids the payout at the
 * bank and acts on its definite answer: voided, release the hold; already paid, settle (a
 * late answer can never pay out money the wallet gave back). Deterministic workflow code.
 */
import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Admission } from '../activities/transfer-admission';
import { BANK_FAILURE_TYPES, CANCEL_ERROR_TYPES } from '../common/error-types';
import { BANK_VOID_PATCH, CANCEL_ANSWER_WITHIN_MS, outcomeAfterGivingUp } from './bank-give-up';
import { callBankUntilDeadline, outageNotice, type BankCallResult } from './bank-call';
import { createCompensations } from './compensations';
import {
  FINAL_STATUSES,
  CANCEL_REQUESTED_DETAIL,
  cancelUpdate,
  statusQuery,
  type CancelRequest,
  type TransferState,
  type WithdrawalInput,
} from './definitions';
import { readRunPolicy } from './policy';
import { endUnapproved, handleReview } from './review';
import {
  describeDuration,
  finish,
  ledger,
  openTransfer,
  failRefused,
  reviewThresholdReason,
  step,
  stepAfter,
} from './steps';
import { createTransferState, handleAccepted } from './transfer-state';

export async function withdrawalWorkflow(input: WithdrawalInput): Promise<TransferState> {
  // Workflows started before the void protocol replay the lookup they recorded.
  const voidProtocol = patched(BANK_VOID_PATCH);
  const state = createTransferState({ ...input, kind: 'WITHDRAWAL' });
  let cancel: CancelRequest | undefined;
  let bankAccepted = false;

  setHandler(statusQuery, () => state);
  handleAccepted(state);
  // Always answers (never rejects), so the API maps the answer to 202 or 409 without guessing.
  setHandler(cancelUpdate, async (request) => {
    const decided = () => bankAccepted || FINAL_STATUSES.has(state.status);
    if (decided()) return { cancelled: false, state };
    cancel ??= request;
    if (!voidProtocol) {
      await condition(decided);
      return { cancelled: state.status === 'CANCELLED', state };
    }
    // The bank's answer to the void usually comes at once; while it is down the cancel stays
    // recorded and is honoured when it answers, and the caller hears so without waiting.
    const known = await condition(decided, CANCEL_ANSWER_WITHIN_MS);
    return { cancelled: state.status === 'CANCELLED', pending: !known, state };
  });

  const cancelRequested = () => cancel !== undefined;
  const policy = await readRunPolicy(input);
  const deadlineAtMs = workflowInfo().startTime.getTime() + policy.bank.bankDeadlineMs;
  const review = handleReview(
    state,
    { initiatorId: input.userId, recipientId: null },
    { checkAdmin: policy.fromWorker },
  );
  const result = await run();
  await condition(allHandlersFinished);
  return result;

  async function run(): Promise<TransferState> {
    const { transferId, currency } = input;

    const compensations = createCompensations();
    // Registered first: a hold whose answer was lost may still have been placed.
    compensations.add('release hold', () => ledger.releaseHold({ transferId }));
    let admission: Admission;
    try {
      admission = await stepAfter(state, 'HELD', null, (then) =>
        openTransfer('WITHDRAWAL', input, { hold: true, then, limits: policy.limits?.WITHDRAWAL }),
      );
    } catch (error) {
      return failRefused(state, error, compensations.run);
    }
    if (cancelRequested()) return cancelled(compensations.run);

    const reviewReason = !policy.fromWorker
      ? null
      : BigInt(input.amountMinor) >= BigInt(policy.reviewThresholdMinor)
        ? reviewThresholdReason(policy.reviewThresholdMinor, currency)
        : admission?.firstPayoutToAccount
          ? 'first payout to this bank account'
          : null;
    if (reviewReason) {
      await step(state, 'IN_REVIEW', reviewReason);
      const decision = await review.wait(policy.reviewTimeoutMs, cancelRequested);
      // Nothing has gone to the bank yet: a cancel needs no void.
      if (cancelRequested()) return cancelled(compensations.run);
      if (!decision?.approved) return endUnapproved(state, decision, compensations.run);
    }

    await step(state, 'SENT_TO_BANK', `payout to ${input.bankAccountRef}`);
    const movement = {
      transferId,
      accountRef: input.bankAccountRef,
      currency,
      amountMinor: input.amountMinor,
    };
    const called = await callBankUntilDeadline({
      kind: 'payout',
      movement,
      settings: policy.bank,
      deadlineAtMs,
      shouldStop: cancelRequested,
      stopMidCall: voidProtocol,
      onOutage: outageNotice(transferId),
    });
    if (voidProtocol && called.outcome === 'STOPPED')
      await step(state, 'SENT_TO_BANK', CANCEL_REQUESTED_DETAIL);
    // An attempt whose answer was lost (or that is still on its way) may pay: settle nothing
    // and release nothing before the bank's definite answer.
    let result: BankCallResult = await outcomeAfterGivingUp({
      kind: 'payout',
      called,
      movement,
      settings: policy.bank,
      voidProtocol,
    });
    // A cancel that raced the deadline is still the user's cancel once the payout is voided.
    if (voidProtocol && result.outcome === 'DEADLINE' && cancelRequested()) result = { outcome: 'STOPPED' };

    switch (result.outcome) {
      case 'ACCEPTED': {
        bankAccepted = true;
        compensations.clear();
        const detail = !result.replayed
          ? null
          : voidProtocol && cancelRequested()
            ? 'the bank had already paid out when the cancel reached it'
            : 'the bank had already paid out';
        await stepAfter(state, 'COMPLETED', detail, (then) =>
          ledger.settleHoldToBank({ transferId, currency, then }),
        );
        return state;
      }
      case 'REFUSED':
        await compensations.run();
        return finish(
          state,
          'COMPENSATED',
          result.type,
          `bank refused the payout (${result.code ?? result.message}); funds released`,
        );
      case 'STOPPED':
        return cancelled(compensations.run);
      case 'DEADLINE':
        await compensations.run();
        return finish(
          state,
          'COMPENSATED',
          BANK_FAILURE_TYPES.deadlineExceeded,
          `the bank did not answer for ${describeDuration(policy.bank.bankDeadlineMs)}; funds released`,
        );
    }
  }

  async function cancelled(compensate: () => Promise<void>): Promise<TransferState> {
    await compensate();
    const reason = `cancelled by ${cancel?.requestedBy ?? 'the user'}${cancel?.reason ? `: ${cancel.reason}` : ''}`;
    return finish(state, 'CANCELLED', CANCEL_ERROR_TYPES.cancelledByUser, reason);
  }
}
