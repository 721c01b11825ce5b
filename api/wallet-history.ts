/**
 * A wallet's statement: the ledger's history (newest first, with the balance after each entry)
 * plus a description a person can read, naming the other user of a P2P payment. Reads only.
 */
import { InvalidHistoryQuery } from '../ledger/errors';
import { createLedger } from '../ledger/ledger';
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';
import type { z } from '@hono/zod-openapi';
import { invalidCursor } from './cursor';
import type { WalletTransaction } from './schemas';
import type { TransferKind } from '../common/transfer-status';
import { demoBankAccountRef } from '../transfers/bank-accounts';
import { descriptorOf } from '../transfers/kinds';
import { findTransfersForStatement } from '../transfers/records';

/** A line as the API sends it (the `WalletTransaction` schema). */
export type StatementLine = z.infer<typeof WalletTransaction>;

export async function walletStatement(
  db: Database,
  input: { userId: string; currency: Currency; cursor?: string; limit: number },
): Promise<{ items: StatementLine[]; nextCursor: string | null }> {
  // The ledger's cursor is a posting id; the API passes it through opaquely, and a cursor the
  // ledger refuses is the client's 400, not the server's 500.
  const page = await createLedger(db)
    .history(input.userId, input.currency, { cursor: input.cursor ?? null, limit: input.limit })
    .catch((error: unknown) => {
      throw error instanceof InvalidHistoryQuery ? invalidCursor() : error;
    });
  const transferIds = [...new Set(page.items.map((item) => item.transferId).filter((id): id is string => id !== null))];
  const transfers = await findTransfersForStatement(db, transferIds);
  const recipients = await db.user.findMany({
    where: { id: { in: transfers.map((transfer) => transfer.recipientUserId).filter((id): id is string => id !== null) } },
    select: { id: true, handle: true },
  });
  const handleOf = new Map(recipients.map((user) => [user.id, user.handle]));
  const transferOf = new Map(transfers.map((transfer) => [transfer.id, transfer]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((item) => {
      const transfer = item.transferId ? transferOf.get(item.transferId) : undefined;
      const counterparty = !transfer
        ? undefined
        : transfer.kind !== 'P2P'
          ? transfer.bankAccountRef === demoBankAccountRef(transfer.userId)
            ? 'your bank'
            : (transfer.bankAccountRef ?? undefined)
          : transfer.userId === input.userId
            ? handleOf.get(transfer.recipientUserId ?? '')
            : transfer.user.handle;
      return {
        id: item.id,
        transferId: item.transferId,
        kind: item.kind,
        description: describe(item.kind, transfer?.kind, counterparty),
        amountMinor: item.amountMinor.toString(),
        balanceAfterMinor: item.balanceAfterMinor.toString(),
        note: transfer?.note ?? null,
        createdAt: item.createdAt.toISOString(),
      };
    }),
  };
}

/** The line's wording is the transfer kind's (transfers/kinds.ts); a posting with no transfer says what it is. */
function describe(postingKind: string, transferKind: TransferKind | undefined, counterparty: string | undefined): string {
  if (!transferKind) return postingKind === 'DEPOSIT' ? `Top-up from ${counterparty ?? 'bank'}` : postingKind.toLowerCase();
  return descriptorOf(transferKind).describeLine(postingKind, counterparty ?? (transferKind === 'DEPOSIT' ? 'bank' : 'unknown'));
}
