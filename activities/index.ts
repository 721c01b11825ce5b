/**
 * Every activity the worker registers, built from its dependencies (database, ledger, bank) so
 * tests can build them against real services. Business refusals become non-retryable
 * `ApplicationFailure`s whose `type` the workflows and the API switch on; anything else is a
 * fault that Temporal retries.
 */
import { parseAmountMinor, type Currency } from '../common/money';
import type { Database } from '../prisma/client';
import { withBankMetrics, withLedgerMetrics } from './activity-metrics';
import { createBankActivities, requireBank } from './bank-activities';
import { refusal } from './refusal';
import { createReconciliationActivities } from './reconciliation-activities';
import { createPaymentRequestActivities } from './payment-request-activities';
import { createScheduleActivities } from './schedule-activities';
import { makeMonthlyStatements } from '../statements/monthly';
import { createWebhookActivities } from './webhook-activities';
import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { BankClient } from '../bank-client/client';
import { LedgerError, LEDGER_ERROR_TYPES } from '../ledger/errors';
import { createLedger, type Ledger } from '../ledger/ledger';
import { config } from '../common/config';
import { isUuid } from '../common/ids';
import type { MovementLimits, TransferPolicy } from '../workflows/definitions';
import { policyFromConfig } from '../transfers/policy';
import { admitTransfer, type Admission } from './transfer-admission';
import { createTransferRecords, type NewTransfer, type StatusRecord } from '../transfers/records';
import { isProvenOwner } from '../transfers/bank-accounts';

export interface ActivityDependencies {
  db: Database;
  ledger?: Ledger;
  /** The bank deposits and withdrawals call; a worker without one runs P2P transfers only. */
  bank?: BankClient;
  /** The policy workflows run under; the process configuration's when omitted. */
  policy?: TransferPolicy;
  /** Pauses schedules whose runs keep being refused; a worker without one cannot. */
  temporal?: () => Client;
  /** Deliver webhooks to private and loopback addresses and plain http (development, tests). */
  webhooksToPrivateUrls?: boolean;
}

/** A transfer row as the workflows send it: money as a string of digits (a Temporal payload). */
export type RecordTransferInput = Omit<NewTransfer, 'amountMinor'> & { amountMinor: string };

/**
 * The status a step leads to, recorded by the same activity once its work is done: one local
 * activity per step instead of two, since each costs the workflow task a round trip.
 */
export interface ThenRecord {
  then?: StatusRecord;
}

/** A collection only from the account its transfer names, while its user holds it proven. */
async function collectionAllowed(
  db: Database,
  movement: { transferId: string; accountRef: string },
): Promise<boolean> {
  if (!isUuid(movement.transferId)) return false;
  const transfer = await db.transfer.findUnique({
    where: { id: movement.transferId },
    select: { userId: true, kind: true, bankAccountRef: true },
  });
  if (!transfer || transfer.kind !== 'DEPOSIT' || transfer.bankAccountRef !== movement.accountRef)
    return false;
  return isProvenOwner(db, transfer.userId, movement.accountRef);
}

/** Rethrows ledger refusals as non-retryable failures; faults pass through to be retried. */
function asLedgerActivityFailure(error: unknown): never {
  if (error instanceof LedgerError) throw refusal(error.message, error.type);
  throw error;
}

export function createActivities({
  db,
  ledger = withLedgerMetrics(createLedger(db)),
  bank,
  policy,
  temporal,
  webhooksToPrivateUrls,
}: ActivityDependencies) {
  const workerPolicy = policy ?? policyFromConfig(config());
  const records = createTransferRecords(db);
  /** Runs a step, then records the status it leads to (if any); both are idempotent, so a retry redoes neither. */
  async function andRecord(
    transferId: string,
    then: StatusRecord | undefined,
    work: () => Promise<unknown>,
  ): Promise<void> {
    await work();
    if (then) await records.setStatus(transferId, then);
  }
  /**
   * Opens a transfer: admits it (its intent, the user's bank account, the limits: see
   * transfer-admission.ts), records its row (with its PENDING event), places the hold when the
   * movement spends the user's funds (`hold`), then records `then`. The row comes first, so an
   * open hold always has its transfer; a refused hold leaves the row for the workflow to fail.
   */
  async function openTransfer({
    then,
    hold = false,
    limits,
    ...input
  }: RecordTransferInput & ThenRecord & { hold?: boolean; limits?: MovementLimits }): Promise<Admission> {
    const amountMinor = parseAmountMinor(input.amountMinor);
    const transfer = { ...input, amountMinor };
    let admission: Admission = { firstPayoutToAccount: false };
    await andRecord(input.transferId, then, async () => {
      admission = await admitTransfer(db, transfer, {
        ...(limits ? { limits } : {}),
        insert: (tx) => records.create(transfer, tx),
      });
      if (hold)
        await ledger
          .placeHold({
            transferId: input.transferId,
            userId: input.userId,
            currency: input.currency,
            amountMinor,
          })
          .catch(asLedgerActivityFailure);
    });
    return admission;
  }
  const bankClient = bank && withBankMetrics(bank);
  return {
    ...createBankActivities(bankClient, {
      collectionAllowed: (movement) => collectionAllowed(db, movement),
    }),
    ...createReconciliationActivities(db, () => requireBank(bankClient)),
    ...createPaymentRequestActivities(db),
    ...createScheduleActivities(db, workerPolicy, temporal),
    ...createWebhookActivities(db, temporal, {
      allowPrivateUrls: webhooksToPrivateUrls ?? config().WEBHOOK_ALLOW_PRIVATE_URLS,
    }),

    /** One batch of a month's statements (workflows/monthly-statements.ts). */
    async makeMonthlyStatements(input: {
      month: string;
      afterAccountId: string;
    }): Promise<{ made: number; skipped: number; next: string | null }> {
      const batch = await makeMonthlyStatements(db, { ...input, batch: 200 });
      if (batch.skipped > 0)
        log.warn('monthly statements skipped (see statement_skips)', {
          month: input.month,
          skipped: batch.skipped,
        });
      return batch;
    },

    /** The worker's policy, read by each workflow once at its start (a local activity). */
    async readPolicy(): Promise<TransferPolicy> {
      return workerPolicy;
    },

    openTransfer,

    /**
     * A P2P transfer's whole first workflow task in one local activity (one round trip between
     * the workflow and the worker instead of three): the worker's policy, the transfer opened
     * with its hold (then `held`), and, below the review threshold, settled to the recipient at
     * once (then `settled`). The policy comes back with the outcome, recorded in the workflow's
     * history, so a replay decides as this run did. A refused settlement fails the activity
     * with the hold in place; the workflow releases it.
     */
    async openP2PTransfer({
      held,
      settled,
      ...input
    }: RecordTransferInput & {
      recipientUserId: string;
      held: StatusRecord;
      settled: StatusRecord;
    }): Promise<{ policy: TransferPolicy; settled: boolean }> {
      await openTransfer({ ...input, hold: true });
      // A rerun after the settlement (its answer lost, or a twin attempt) must not move it back.
      await records.setStatus(input.transferId, held, ['PENDING', 'HELD']);
      if (BigInt(input.amountMinor) >= BigInt(workerPolicy.reviewThresholdMinor))
        return { policy: workerPolicy, settled: false };
      await andRecord(input.transferId, settled, () =>
        ledger
          .settleHoldToUser({
            transferId: input.transferId,
            recipientUserId: input.recipientUserId,
            currency: input.currency,
          })
          .catch(asLedgerActivityFailure),
      );
      return { policy: workerPolicy, settled: true };
    },

    /** Whether a reviewer is an admin: the workflow asks before it applies a review decision. */
    async isAdmin(userId: string): Promise<boolean> {
      if (!isUuid(userId)) return false;
      const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
      return user?.role === 'ADMIN';
    },

    /** The bank does not answer (since, retrying until), or answers again (null). */
    async recordBankOutage({
      transferId,
      outage,
    }: {
      transferId: string;
      outage: { since: string; until: string } | null;
    }): Promise<void> {
      await records.setBankOutage(transferId, outage);
    },

    async recordStatus(transferId: string, record: StatusRecord): Promise<void> {
      await records.setStatus(transferId, record);
    },

    async settleHoldToUser({
      then,
      ...input
    }: { transferId: string; recipientUserId: string; currency: Currency } & ThenRecord): Promise<void> {
      await andRecord(input.transferId, then, () =>
        ledger.settleHoldToUser(input).catch(asLedgerActivityFailure),
      );
    },

    /** Withdrawal: the bank paid out, so the held funds move to the bank's settlement side. */
    async settleHoldToBank({
      then,
      ...input
    }: { transferId: string; currency: Currency } & ThenRecord): Promise<void> {
      await andRecord(input.transferId, then, () =>
        ledger.settleHoldToBank(input).catch(asLedgerActivityFailure),
      );
    },

    /** Deposit: the bank collected, so the wallet is credited (once per transfer id). */
    async creditFromBank({
      then,
      ...input
    }: {
      transferId: string;
      userId: string;
      currency: Currency;
      amountMinor: string;
    } & ThenRecord): Promise<void> {
      await andRecord(input.transferId, then, () =>
        ledger
          .creditFromBank({ ...input, amountMinor: parseAmountMinor(input.amountMinor) })
          .catch(asLedgerActivityFailure),
      );
    },

    /** Idempotent compensation: releasing a hold that was never placed is a no-op. */
    async releaseHold(input: { transferId: string }): Promise<void> {
      try {
        await ledger.releaseHold(input);
      } catch (error) {
        if (error instanceof LedgerError && error.type === LEDGER_ERROR_TYPES.holdNotFound) return;
        asLedgerActivityFailure(error);
      }
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
