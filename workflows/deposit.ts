/**
 * Deposit (top-up): ask the bank to collect from the user's account (retrying through outages
 * up to a deadline), then credit the wallet. Nothing is held, so a refusal or the deadline
 * simply fails the deposit with its reason. Deterministic workflow code.
 */
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { BANK_FAILURE_TYPES } from '../common/error-types';
import { callBankUntilDeadline, resolveBankOutcome, type BankCallResult } from './bank-call';
import { statusQuery, type DepositInput, type TransferState } from './definitions';
import { finish, ledger, openTransfer, stepAfter } from './steps';
import { createTransferState, handleAccepted } from './transfer-state';

export async function depositWorkflow(input: DepositInput): Promise<TransferState> {
  const state = createTransferState({ ...input, kind: 'DEPOSIT' });
  const deadlineAtMs = workflowInfo().startTime.getTime() + input.bank.bankDeadlineMs;
  setHandler(statusQuery, () => state);
  handleAccepted(state);

  const { transferId, currency } = input;
  await stepAfter(state, 'SENT_TO_BANK', `collection from ${input.bankAccountRef}`, (then) => openTransfer('DEPOSIT', input, { hold: false, then }));

  const movement = { transferId, accountRef: input.bankAccountRef, currency, amountMinor: input.amountMinor };
  let result: BankCallResult = await callBankUntilDeadline({
    kind: 'collection',
    movement,
    settings: input.bank,
    deadlineAtMs,
    shouldStop: () => false,
  });
  if (result.outcome !== 'ACCEPTED' && result.outcome !== 'REFUSED') {
    // A collection whose answer was lost may have taken the money: crediting it is then owed.
    const recorded = await resolveBankOutcome({ kind: 'collection', transferId, settings: input.bank });
    if (recorded?.status === 'ACCEPTED') result = { outcome: 'ACCEPTED', replayed: true };
  }

  if (result.outcome === 'ACCEPTED') {
    await stepAfter(state, 'COMPLETED', result.replayed ? 'the bank had already collected' : null, (then) =>
      ledger.creditFromBank({ transferId, userId: input.userId, currency, amountMinor: input.amountMinor, then }),
    );
  } else if (result.outcome === 'REFUSED') {
    await finish(state, 'FAILED', result.type, `bank refused the collection (${result.code ?? result.message})`);
  } else {
    await finish(state, 'FAILED', BANK_FAILURE_TYPES.deadlineExceeded, `the bank was unavailable until the deadline (${input.bank.bankDeadlineMs} ms)`);
  }
  await condition(allHandlersFinished);
  return state;
}
