/**
 * Withdrawal (payout): hold the user's funds, ask the bank to pay out (retrying through
 * outages up to a deadline), then settle the hold to the bank's side. A permanent refusal or
 * the deadline compensates: the hold is released and the reason recorded. The user may cancel
 * while the bank has not accepted the payout. Deterministic workflow code.
 */
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { BANK_FAILURE_TYPES, CANCEL_ERROR_TYPES } from '../common/error-types';
import { callBankUntilDeadline, resolveBankOutcome, type BankCallResult } from './bank-call';
import { createCompensations } from './compensations';
import {
  FINAL_STATUSES,
  cancelUpdate,
  statusQuery,
  type CancelRequest,
  type TransferState,
  type WithdrawalInput,
} from './definitions';
import { finish, ledger, openTransfer, refusalOf, step, stepAfter } from './steps';
import { createTransferState, handleAccepted } from './transfer-state';

export async function withdrawalWorkflow(input: WithdrawalInput): Promise<TransferState> {
  const state = createTransferState({ ...input, kind: 'WITHDRAWAL' });
  const deadlineAtMs = workflowInfo().startTime.getTime() + input.bank.bankDeadlineMs;
  let cancel: CancelRequest | undefined;
  let bankAccepted = false;

  setHandler(statusQuery, () => state);
  handleAccepted(state);
  // Always answers (never rejects), so the API maps `cancelled` to 202 or 409 without guessing.
  setHandler(cancelUpdate, async (request) => {
    if (bankAccepted || FINAL_STATUSES.has(state.status)) return { cancelled: false, state };
    cancel ??= request;
    // Answered once the workflow knows: cancelled, or the bank had accepted the payout.
    await condition(() => bankAccepted || FINAL_STATUSES.has(state.status));
    return { cancelled: state.status === 'CANCELLED', state };
  });

  const cancelRequested = () => cancel !== undefined;
  const result = await run();
  await condition(allHandlersFinished);
  return result;

  async function run(): Promise<TransferState> {
    const { transferId, currency } = input;

    const compensations = createCompensations();
    // Registered first: a hold whose answer was lost may still have been placed.
    compensations.add('release hold', () => ledger.releaseHold({ transferId }));
    try {
      await stepAfter(state, 'HELD', null, (then) => openTransfer('WITHDRAWAL', input, { hold: true, then }));
    } catch (error) {
      await compensations.run();
      const refusal = refusalOf(error);
      return finish(state, 'FAILED', refusal.type, refusal.reason);
    }
    if (cancelRequested()) return cancelled(compensations.run);

    await step(state, 'SENT_TO_BANK', `payout to ${input.bankAccountRef}`);
    const movement = { transferId, accountRef: input.bankAccountRef, currency, amountMinor: input.amountMinor };
    let result: BankCallResult = await callBankUntilDeadline({ kind: 'payout', movement, settings: input.bank, deadlineAtMs, shouldStop: cancelRequested });
    if (result.outcome === 'STOPPED' || result.outcome === 'DEADLINE') {
      // An attempt whose answer was lost may have paid: ask before releasing anything.
      const recorded = await resolveBankOutcome({ kind: 'payout', transferId, settings: input.bank });
      if (recorded?.status === 'ACCEPTED') result = { outcome: 'ACCEPTED', replayed: true };
      else if (recorded?.status === 'REFUSED') result = { outcome: 'REFUSED', type: BANK_FAILURE_TYPES.refused, message: `bank refused the payout (${recorded.reason ?? 'no reason'})`, code: recorded.reason };
    }

    switch (result.outcome) {
      case 'ACCEPTED':
        bankAccepted = true;
        compensations.clear();
        await stepAfter(state, 'COMPLETED', result.replayed ? 'the bank had already paid out' : null, (then) =>
          ledger.settleHoldToBank({ transferId, currency, then }),
        );
        return state;
      case 'REFUSED':
        await compensations.run();
        return finish(state, 'COMPENSATED', result.type, `bank refused the payout (${result.code ?? result.message}); funds released`);
      case 'STOPPED':
        return cancelled(compensations.run);
      case 'DEADLINE':
        await compensations.run();
        return finish(state, 'COMPENSATED', BANK_FAILURE_TYPES.deadlineExceeded, `the bank was unavailable until the deadline (${input.bank.bankDeadlineMs} ms); funds released`);
    }
  }

  async function cancelled(compensate: () => Promise<void>): Promise<TransferState> {
    await compensate();
    const reason = `cancelled by ${cancel?.requestedBy ?? 'the user'}${cancel?.reason ? `: ${cancel.reason}` : ''}`;
    return finish(state, 'CANCELLED', CANCEL_ERROR_TYPES.cancelledByUser, reason);
  }
}
