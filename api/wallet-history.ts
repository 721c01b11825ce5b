/**
 * A wallet's statement: the ledger's history (newest first, with the balance after each entry)
 * plus a description a person can read, naming the other user of a P2P payment. Reads only.
 */
import { InvalidHistoryQuery } from '../ledger/errors';
import { createLedger } from '../ledger/ledger';
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';
import { invalidCursor } from './cursor';
import { demoBankAccountRef } from '../transfers/bank-accounts';

export interface StatementLine {
  id: string;
  transferId: string | null;
  kind: string;
  description: string;
  amountMinor: string;
  balanceAfterMinor: string;
  createdAt: string;
}

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
  const transfers = await db.transfer.findMany({
    where: { id: { in: transferIds } },
    select: { id: true, kind: true, userId: true, recipientUserId: true, bankAccountRef: true, user: { select: { handle: true } } },
  });
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
        createdAt: item.createdAt.toISOString(),
      };
    }),
  };
}

function describe(postingKind: string, transferKind: string | undefined, counterparty: string | undefined): string {
  const other = counterparty ?? 'unknown';
  if (transferKind === 'P2P') {
    if (postingKind === 'HOLD') return `Payment to @${other}`;
    if (postingKind === 'RELEASE') return `Payment to @${other} returned`;
    return `Payment from @${other}`;
  }
  if (transferKind === 'WITHDRAWAL') return postingKind === 'RELEASE' ? `Withdrawal to ${other} returned` : `Withdrawal to ${other}`;
  if (transferKind === 'DEPOSIT' || postingKind === 'DEPOSIT') return `Top-up from ${counterparty ?? 'bank'}`;
  return postingKind.toLowerCase();
}
