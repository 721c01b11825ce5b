/**
 * Ledger entries as a person reads them: a description naming the other side (the other user's
 * handle of a P2P payment, the bank account of a top-up or withdrawal) and the transfer's note.
 * Shared by the API's paged wallet history and the period statements. Reads only.
 */
import type { TransferKind } from '../common/transfer-status';
import type { HistoryItem } from '../ledger/ledger';
import type { Database } from '../prisma/client';
import { demoBankAccountRef } from '../transfers/bank-accounts';
import { descriptorOf } from '../transfers/kinds';
import { findTransfersForStatement } from '../transfers/records';

export interface StatementLine {
  id: string;
  transferId: string | null;
  kind: string;
  description: string;
  /** Signed minor units as digits: negative leaves the wallet. */
  amountMinor: string;
  balanceAfterMinor: string;
  note: string | null;
  createdAt: string;
}

export async function describeEntries(
  db: Database,
  userId: string,
  items: HistoryItem[],
): Promise<StatementLine[]> {
  const transferIds = [
    ...new Set(items.map((item) => item.transferId).filter((id): id is string => id !== null)),
  ];
  const transfers = transferIds.length === 0 ? [] : await findTransfersForStatement(db, transferIds);
  const recipientIds = transfers
    .map((transfer) => transfer.recipientUserId)
    .filter((id): id is string => id !== null);
  const recipients =
    recipientIds.length === 0
      ? []
      : await db.user.findMany({ where: { id: { in: recipientIds } }, select: { id: true, handle: true } });
  const handleOf = new Map(recipients.map((user) => [user.id, user.handle]));
  const transferOf = new Map(transfers.map((transfer) => [transfer.id, transfer]));
  return items.map((item) => {
    const transfer = item.transferId ? transferOf.get(item.transferId) : undefined;
    const counterparty = !transfer
      ? undefined
      : transfer.kind !== 'P2P'
        ? transfer.bankAccountRef === demoBankAccountRef(transfer.userId)
          ? 'your bank'
          : (transfer.bankAccountRef ?? undefined)
        : transfer.userId === userId
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
  });
}

/** The line's wording is the transfer kind's (transfers/kinds.ts); a posting with no transfer says what it is. */
function describe(
  postingKind: string,
  transferKind: TransferKind | undefined,
  counterparty: string | undefined,
): string {
  if (!transferKind)
    return postingKind === 'DEPOSIT' ? `Top-up from ${counterparty ?? 'bank'}` : postingKind.toLowerCase();
  return descriptorOf(transferKind).describeLine(
    postingKind,
    counterparty ?? (transferKind === 'DEPOSIT' ? 'bank' : 'unknown'),
  );
}
