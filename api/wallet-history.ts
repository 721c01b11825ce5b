/**
 * A wallet's statement: its ledger entries newest first, each with the balance after it and a
 * description a person can read. Reads only (entries are append-only), paged by entry id.
 */
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';

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
  input: { userId: string; currency: Currency; beforeEntryId?: bigint; limit: number },
): Promise<{ lines: StatementLine[]; hasMore: boolean }> {
  const wallet = await db.account.findFirst({ where: { kind: 'WALLET', userId: input.userId, currency: input.currency } });
  if (!wallet) return { lines: [], hasMore: false };
  const entries = await db.entry.findMany({
    where: { accountId: wallet.id, ...(input.beforeEntryId !== undefined ? { id: { lt: input.beforeEntryId } } : {}) },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    include: { posting: { select: { kind: true, transferId: true } } },
  });
  const page = entries.slice(0, input.limit);
  const transferIds = [...new Set(page.map((entry) => entry.posting.transferId).filter((id): id is string => id !== null))];
  const transfers = await db.transfer.findMany({
    where: { id: { in: transferIds } },
    select: { id: true, kind: true, userId: true, recipientUserId: true, user: { select: { handle: true } } },
  });
  const recipients = await db.user.findMany({
    where: { id: { in: transfers.map((transfer) => transfer.recipientUserId).filter((id): id is string => id !== null) } },
    select: { id: true, handle: true },
  });
  const handleOf = new Map(recipients.map((user) => [user.id, user.handle]));
  const transferOf = new Map(transfers.map((transfer) => [transfer.id, transfer]));
  return {
    hasMore: entries.length > input.limit,
    lines: page.map((entry) => {
      const transfer = entry.posting.transferId ? transferOf.get(entry.posting.transferId) : undefined;
      const counterparty = !transfer
        ? undefined
        : transfer.userId === input.userId
          ? handleOf.get(transfer.recipientUserId ?? '')
          : transfer.user.handle;
      return {
        id: entry.id.toString(),
        transferId: entry.posting.transferId,
        kind: entry.posting.kind,
        description: describe(entry.posting.kind, transfer?.kind, counterparty),
        amountMinor: entry.amountMinor.toString(),
        balanceAfterMinor: entry.balanceAfterMinor.toString(),
        createdAt: entry.createdAt.toISOString(),
      };
    }),
  };
}

function describe(postingKind: string, transferKind: string | undefined, counterparty: string | undefined): string {
  if (transferKind === 'P2P') {
    if (postingKind === 'HOLD') return `Payment to @${counterparty ?? 'unknown'}`;
    if (postingKind === 'RELEASE') return `Payment to @${counterparty ?? 'unknown'} returned`;
    if (postingKind === 'SETTLE') return `Payment from @${counterparty ?? 'unknown'}`;
  }
  if (transferKind === 'WITHDRAWAL') return postingKind === 'RELEASE' ? 'Withdrawal returned' : 'Withdrawal to bank';
  if (transferKind === 'DEPOSIT' || postingKind === 'DEPOSIT') return 'Top-up from bank';
  return postingKind.toLowerCase();
}
