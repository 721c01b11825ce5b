/**
 * Deposit (top-up): ask the bank to collect from the user's account (retrying through outages
 * up to a deadline), then credit the wallet. Nothing is held, so a refusal fails the deposit
 * with its reason. At the deadline the collection is voided at the bank first: voided, the
 * deposit fails; already collected, the wallet is credited (the money is the user's).
 * Deterministic workflow code.
 */
import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { BANK_FAILURE_TYPES } from '../common/error-types';
import { callBankUntilDeadline, outageNotice } from './bank-call';
import { BANK_VOID_PATCH, outcomeAfterGivingUp } from './bank-give-up';
import { statusQuery, type DepositInput, type TransferState } from './definitions';
import { readRunPolicy } from './policy';
import { failRefused, finish, ledger, openTransfer, stepAfter } from './steps';
import { createTransferState, handleAccepted } from './transfer-state';

export async function depositWorkflow(input: DepositInput): Promise<TransferState> {
  // Workflows started before the void protocol replay the lookup they recorded.
  const voidProtocol = patched(BANK_VOID_PATCH);
  const state = createTransferState({ ...input, kind: 'DEPOSIT' });
  setHandler(statusQuery, () => state);
  handleAccepted(state);
  const policy = await readRunPolicy(input);
  const deadlineAtMs = workflowInfo().startTime.getTime() + policy.bank.bankDeadlineMs;

  const { transferId, currency } = input;
  try {
    await stepAfter(state, 'SENT_TO_BANK', `collection from ${input.bankAccountRef}`, (then) =>
      openTransfer('DEPOSIT', input, { hold: false, then, limits: policy.limits?.DEPOSIT }),
    );
  } catch (error) {
    // Refused at admission (not authorized, no linked account, over a limit): nothing moved.
    await failRefused(state, error);
    await condition(allHandlersFinished);
    return state;
  }

  const movement = { transferId, accountRef: input.bankAccountRef, currency, amountMinor: input.amountMinor };
  const called = await callBankUntilDeadline({
    kind: 'collection',
    movement,
    settings: policy.bank,
    deadlineAtMs,
    shouldStop: () => false,
    stopMidCall: voidProtocol,
    onOutage: outageNotice(transferId),
  });
  // A collection whose answer was lost may have taken the money (crediting it is then owed), or
  // may still land: the void settles which, for good.
  const result = await outcomeAfterGivingUp({
    kind: 'collection',
    called,
    movement,
    settings: policy.bank,
    voidProtocol,
  });

  if (result.outcome === 'ACCEPTED') {
    await stepAfter(state, 'COMPLETED', result.replayed ? 'the bank had already collected' : null, (then) =>
      ledger.creditFromBank({
        transferId,
        userId: input.userId,
        currency,
        amountMinor: input.amountMinor,
        then,
      }),
    );
  } else if (result.outcome === 'REFUSED') {
    await finish(
      state,
      'FAILED',
      result.type,
      `bank refused the collection (${result.code ?? result.message})`,
    );
  } else {
    await finish(
      state,
      'FAILED',
      BANK_FAILURE_TYPES.deadlineExceeded,
      `the bank was unavailable until the deadline (${policy.bank.bankDeadlineMs} ms)`,
    );
  }
  await condition(allHandlersFinished);
  return state;
}
