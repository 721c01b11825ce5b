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

/** A status a transfer reaches, as the workflows record it (detail shown in its history). */
export interface StatusRecord {
  status: TransferStatus;
  detail: string | null;
  /** Set on FAILED, CANCELLED and COMPENSATED: the reason the API shows. */
  failureReason?: string | null;
}

/**
 * Each write is one SQL statement (the row and its event together), because these run inside
 * the workflow task of every transfer: Prisma's upsert and batch took several round trips each.
 */
export function createTransferRecords(db: Database) {
  return {
    /**
     * Inserts the transfer row and its PENDING event once; a repeat with the same id is a no-op.
     * `executor` is a transaction to join (admission's), else the database.
     */
    async create(transfer: NewTransfer, executor: Pick<Database, '$queryRaw'> = db): Promise<void> {
      const inserted = await executor.$queryRaw<{ id: string }[]>`
        WITH row AS (
          INSERT INTO transfers (id, kind, user_id, recipient_user_id, bank_account_ref, currency, amount_minor, workflow_id, idempotency_key)
          VALUES (${transfer.transferId}::uuid, ${transfer.kind}::"TransferKind", ${transfer.userId}::uuid, ${transfer.recipientUserId ?? null}::uuid,
                  ${transfer.bankAccountRef ?? null}, ${transfer.currency}, ${transfer.amountMinor}, ${transfer.workflowId}, ${transfer.idempotencyKey})
          ON CONFLICT (id) DO NOTHING
          RETURNING id)
        INSERT INTO transfer_events (transfer_id, status) SELECT id, 'PENDING' FROM row RETURNING transfer_id::text AS id`;
      if (inserted.length > 0) transfersStarted.inc({ kind: transfer.kind });
    },

    /** Moves the row to a status and appends its event (once per status). */
    async setStatus(transferId: string, { status, detail, failureReason = null }: StatusRecord): Promise<void> {
      const [row] = await db.$queryRaw<{ kind: TransferKind; created: boolean }[]>`
        WITH row AS (
          UPDATE transfers SET status = ${status}::"TransferStatus", failure_reason = coalesce(${failureReason}, failure_reason), updated_at = now()
           WHERE id = ${transferId}::uuid
          RETURNING id, kind),
        event AS (
          INSERT INTO transfer_events (transfer_id, status, detail) SELECT id, ${status}::"TransferStatus", ${detail} FROM row
          ON CONFLICT (transfer_id, status) DO NOTHING
          RETURNING transfer_id)
        SELECT row.kind::text AS kind, EXISTS (SELECT 1 FROM event) AS created FROM row`;
      // A transfer refused at admission (not authorized, no linked account, over a limit) has no row.
      if (!row && status === 'FAILED') return;
      if (!row) throw new Error(`no transfer ${transferId} to move to ${status}`);
      if (row.created) countTransferStatus(row.kind, status);
    },
  };
}
