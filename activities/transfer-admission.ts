/**
 * Admission: the worker's own checks before a transfer may move money, whoever started its
 * workflow. An authenticated request must have recorded exactly this movement (its intent); a
 * bank account must be one the user linked and proved (VERIFIED: micro-deposits confirmed, or
 * their demo account; never a pending or voided link); deposits and withdrawals
 * stay within the user's per-movement and rolling 24-hour limits. The limit check and the
 * transfer row are one transaction behind a lock on the user, so concurrent requests cannot
 * together pass a limit. Admitting twice is a no-op: a transfer whose row exists was admitted.
 */
import { refusal } from './refusal';
import { POLICY_ERROR_TYPES } from '../common/error-types';
import { transferIntentHash } from '../common/transfer-intent';
import type { Database } from '../prisma/client';
import {
  hasCompletedBankMovement,
  usedInWindowMinor,
  type LimitedKind,
  type NewTransfer,
} from '../transfers/records';
import type { MovementLimits } from '../workflows/definitions';

/** What admission tells the workflow about the movement. */
export interface Admission {
  /** Withdrawals: the account never received a payout nor funded a deposit of this user. */
  firstPayoutToAccount: boolean;
}

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

function refuse(message: string, type: string): never {
  throw refusal(message, type);
}

export async function admitTransfer(
  db: Database,
  transfer: NewTransfer,
  options: { limits?: MovementLimits; insert: (tx: Transaction) => Promise<void> },
): Promise<Admission> {
  return db.$transaction(async (tx) => {
    // The user's row is the lock every admission of theirs queues on.
    const [user] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id::text FROM users WHERE id = ${transfer.userId}::uuid FOR UPDATE`;
    if (!user) refuse('no such user', POLICY_ERROR_TYPES.notAuthorized);
    // Read after the lock, in a statement of its own, so it sees what the last holder committed.
    const [facts] = await tx.$queryRaw<{ admitted: boolean; intent_hash: string | null }[]>`
      SELECT EXISTS (SELECT 1 FROM transfers WHERE id = ${transfer.transferId}::uuid) AS admitted,
             (SELECT intent_hash FROM transfer_intents
               WHERE transfer_id = ${transfer.transferId}::uuid AND user_id = ${transfer.userId}::uuid) AS intent_hash`;
    if (facts?.admitted) return { firstPayoutToAccount: await isFirstPayout(tx, transfer) };

    assertIntent(facts?.intent_hash ?? null, transfer);
    if (transfer.kind !== 'P2P') await assertLinkedAccount(tx, transfer);
    if (options.limits) await assertWithinLimits(tx, transfer, options.limits);
    const firstPayoutToAccount = await isFirstPayout(tx, transfer);
    await options.insert(tx);
    return { firstPayoutToAccount };
  });
}

/** The intent the request recorded (its hash) must be exactly this movement. */
function assertIntent(intentHash: string | null, transfer: NewTransfer): void {
  const expected = transferIntentHash({
    transferId: transfer.transferId,
    kind: transfer.kind,
    userId: transfer.userId,
    idempotencyKey: transfer.idempotencyKey,
    currency: transfer.currency,
    amountMinor: transfer.amountMinor.toString(),
    recipientUserId: transfer.recipientUserId ?? null,
    bankAccountRef: transfer.bankAccountRef ?? null,
  });
  if (intentHash !== expected) {
    refuse(
      'no request of this user asked for this movement; nothing was moved',
      POLICY_ERROR_TYPES.notAuthorized,
    );
  }
}

async function assertLinkedAccount(tx: Transaction, transfer: NewTransfer): Promise<void> {
  const [account] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM bank_accounts
     WHERE user_id = ${transfer.userId}::uuid AND ref = ${transfer.bankAccountRef ?? ''} AND status = 'VERIFIED'`;
  if (!account)
    refuse(
      "the bank account is not one of the user's verified accounts (pending, voided or another user's)",
      POLICY_ERROR_TYPES.bankAccountNotLinked,
    );
}

async function assertWithinLimits(
  tx: Transaction,
  transfer: NewTransfer,
  limits: MovementLimits,
): Promise<void> {
  const perMovementMinor = BigInt(limits.perMovementMinor);
  if (transfer.amountMinor > perMovementMinor) {
    refuse(
      `the amount is over the limit of ${perMovementMinor} per ${transfer.kind.toLowerCase()}`,
      POLICY_ERROR_TYPES.limitExceeded,
    );
  }
  const usedMinor = await usedInWindowMinor(
    tx,
    transfer.userId,
    transfer.kind as LimitedKind,
    transfer.currency,
  );
  const dailyMinor = BigInt(limits.dailyMinor);
  if (usedMinor + transfer.amountMinor > dailyMinor) {
    refuse(
      `the amount would pass the daily limit of ${dailyMinor} (${usedMinor} used in the last 24 hours)`,
      POLICY_ERROR_TYPES.limitExceeded,
    );
  }
}

/** A payout to an account that has neither funded a deposit nor received a payout of this user. */
async function isFirstPayout(tx: Transaction, transfer: NewTransfer): Promise<boolean> {
  if (transfer.kind !== 'WITHDRAWAL') return false;
  return !(await hasCompletedBankMovement(
    tx,
    transfer.userId,
    transfer.bankAccountRef ?? '',
    transfer.transferId,
  ));
}
