/**
 * The `transfers` table as the workflows keep it: one row per money movement and an
 * append-only event per status it reaches. Every write is idempotent so a retried activity
 * changes nothing.
 */
import { countTransferStatus, transfersStarted } from '../common/metrics';
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';
import type { TransferKind, TransferStatus } from '../workflows/definitions';

export interface NewTransfer {
  transferId: string;
  kind: TransferKind;
  userId: string;
  recipientUserId?: string | null;
  /** The user's account at the bank, for deposits and withdrawals. */
  bankAccountRef?: string | null;
  currency: Currency;
  amountMinor: bigint;
  workflowId: string;
  idempotencyKey: string;
}

export function createTransferRecords(db: Database) {
  return {
    /** Inserts the transfer row once; a repeat with the same id is a no-op. */
    async create(transfer: NewTransfer): Promise<void> {
      await db.transfer.upsert({
        where: { id: transfer.transferId },
        update: {},
        create: {
          id: transfer.transferId,
          kind: transfer.kind,
          userId: transfer.userId,
          recipientUserId: transfer.recipientUserId ?? null,
          bankAccountRef: transfer.bankAccountRef ?? null,
          currency: transfer.currency,
          amountMinor: transfer.amountMinor,
          workflowId: transfer.workflowId,
          idempotencyKey: transfer.idempotencyKey,
          events: { create: { status: 'PENDING' } },
        },
      });
      transfersStarted.inc({ kind: transfer.kind });
    },

    /** Moves the row to a status and appends its event (once per status). */
    async setStatus(transferId: string, status: TransferStatus, detail: string | null, failureReason: string | null = null) {
      const [updated] = await db.$transaction([
        db.transfer.update({
          where: { id: transferId },
          data: { status, ...(failureReason ? { failureReason } : {}) },
        }),
        db.transferEvent.upsert({
          where: { transferId_status: { transferId, status } },
          update: {},
          create: { transferId, status, detail },
        }),
      ]);
      countTransferStatus(updated.kind, status);
    },
  };
}
