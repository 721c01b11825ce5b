/**
 * Every activity the worker registers, built from its dependencies (database, ledger, bank) so
 * tests can build them against real services. Business refusals become non-retryable
 * `ApplicationFailure`s whose `type` the workflows and the API switch on; anything else is a
 * fault that Temporal retries.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { parseAmountMinor, type Currency } from '../common/money';
import type { Database } from '../prisma/client';
import type { TransferStatus } from '../workflows/definitions';
import { withBankMetrics, withLedgerMetrics } from './activity-metrics';
import { createBankActivities } from './bank-activities';
import type { BankClient } from './bank-client';
import { LedgerError, LEDGER_ERROR_TYPES } from './ledger/errors';
import { createLedger, type Ledger } from './ledger/ledger';
import { createTransferRecords, type NewTransfer } from './transfer-records';

export interface ActivityDependencies {
  db: Database;
  ledger?: Ledger;
  /** The bank deposits and withdrawals call; a worker without one runs P2P transfers only. */
  bank?: BankClient;
}

/** A transfer row as the workflows send it: money as a string of digits (a Temporal payload). */
export type RecordTransferInput = Omit<NewTransfer, 'amountMinor'> & { amountMinor: string };

/** Rethrows ledger refusals as non-retryable failures; faults pass through to be retried. */
function asActivityFailure(error: unknown): never {
  if (error instanceof LedgerError) throw ApplicationFailure.nonRetryable(error.message, error.type);
  throw error;
}

export function createActivities({ db, ledger = withLedgerMetrics(createLedger(db)), bank }: ActivityDependencies) {
  const records = createTransferRecords(db);
  return {
    ...createBankActivities(bank && withBankMetrics(bank)),

    async recordTransfer(input: RecordTransferInput): Promise<void> {
      await records.create({ ...input, amountMinor: parseAmountMinor(input.amountMinor) });
    },

    async recordStatus(transferId: string, status: TransferStatus, detail: string | null, failureReason?: string | null) {
      await records.setStatus(transferId, status, detail, failureReason ?? null);
    },

    async placeHold(input: { transferId: string; userId: string; currency: Currency; amountMinor: string }): Promise<void> {
      await ledger
        .placeHold({ ...input, amountMinor: parseAmountMinor(input.amountMinor) })
        .catch(asActivityFailure);
    },

    async settleHoldToUser(input: { transferId: string; recipientUserId: string; currency: Currency }): Promise<void> {
      await ledger.settleHoldToUser(input).catch(asActivityFailure);
    },

    /** Withdrawal: the bank paid out, so the held funds move to the bank's settlement side. */
    async settleHoldToBank(input: { transferId: string; currency: Currency }): Promise<void> {
      await ledger.settleHoldToBank(input).catch(asActivityFailure);
    },

    /** Deposit: the bank collected, so the wallet is credited (once per transfer id). */
    async creditFromBank(input: { transferId: string; userId: string; currency: Currency; amountMinor: string }): Promise<void> {
      await ledger
        .creditFromBank({ ...input, amountMinor: parseAmountMinor(input.amountMinor) })
        .catch(asActivityFailure);
    },

    /** Idempotent compensation: releasing a hold that was never placed is a no-op. */
    async releaseHold(input: { transferId: string }): Promise<void> {
      try {
        await ledger.releaseHold(input);
      } catch (error) {
        if (error instanceof LedgerError && error.type === LEDGER_ERROR_TYPES.holdNotFound) return;
        asActivityFailure(error);
      }
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
