/**
 * The double-entry ledger: every write is one call of a SQL function (one round trip, one
 * transaction, accounts locked in id order, idempotent by business key); reads use Prisma.
 * Workflows never call this directly: activities do, with the transfer id as the key.
 */
import type { Currency } from '../../common/money';
import type { Database } from '../../prisma/client';
import { LedgerError, LEDGER_ERROR_TYPES, toLedgerError } from './errors';

export interface PostingResult {
  postingId: bigint;
  /** False when the same business key was posted before and this call changed nothing. */
  created: boolean;
}

export interface Balance {
  currency: Currency;
  availableMinor: bigint;
  heldMinor: bigint;
}

export interface Ledger {
  /** Moves funds from the user's wallet into holds; throws LedgerError(InsufficientFunds). */
  placeHold(input: { transferId: string; userId: string; currency: Currency; amountMinor: bigint }): Promise<PostingResult>;
  /** Settles an open hold into another user's wallet (P2P). */
  settleHoldToUser(input: { transferId: string; recipientUserId: string; currency: Currency }): Promise<PostingResult>;
  /** Settles an open hold to the bank's settlement side (a payout the bank made). */
  settleHoldToBank(input: { transferId: string; currency: Currency }): Promise<PostingResult>;
  /** Releases an open hold back to its wallet. */
  releaseHold(input: { transferId: string }): Promise<PostingResult>;
  /** Credits a wallet with money the bank collected (deposit). */
  creditFromBank(input: { transferId: string; userId: string; currency: Currency; amountMinor: bigint }): Promise<PostingResult>;
  balances(userId: string): Promise<Balance[]>;
}

interface PostingRow {
  posting_id: bigint;
  created: boolean;
}

export function createLedger(db: Database): Ledger {
  async function run(query: Promise<PostingRow[]>): Promise<PostingResult> {
    let rows: PostingRow[];
    try {
      rows = await query;
    } catch (error) {
      throw toLedgerError(error);
    }
    const row = rows[0];
    if (!row) throw new LedgerError(LEDGER_ERROR_TYPES.invalidPosting, 'the ledger returned no posting');
    return { postingId: BigInt(row.posting_id), created: row.created };
  }

  return {
    async placeHold({ transferId, userId, currency, amountMinor }) {
      assertPositive(amountMinor);
      let rows: { hold_id: bigint; created: boolean }[];
      try {
        rows = await db.$queryRaw`
          SELECT hold_id, created FROM ledger_place_hold(${transferId}::uuid, ${userId}::uuid, ${currency}, ${amountMinor})`;
      } catch (error) {
        throw toLedgerError(error);
      }
      const posting = await db.posting.findUniqueOrThrow({ where: { businessKey: `transfer:${transferId}:hold` } });
      return { postingId: posting.id, created: rows[0]?.created ?? false };
    },

    settleHoldToUser({ transferId, recipientUserId, currency }) {
      return run(db.$queryRaw`
        SELECT posting_id, created FROM ledger_resolve_hold(${transferId}::uuid, 'SETTLED',
          ledger_wallet_id(${recipientUserId}::uuid, ${currency}))`);
    },

    settleHoldToBank({ transferId, currency }) {
      return run(db.$queryRaw`
        SELECT posting_id, created FROM ledger_resolve_hold(${transferId}::uuid, 'SETTLED',
          ledger_system_account_id('BANK_SETTLEMENT', ${currency}))`);
    },

    releaseHold({ transferId }) {
      return run(db.$queryRaw`SELECT posting_id, created FROM ledger_resolve_hold(${transferId}::uuid, 'RELEASED', NULL)`);
    },

    creditFromBank({ transferId, userId, currency, amountMinor }) {
      assertPositive(amountMinor);
      return run(db.$queryRaw`
        SELECT posting_id, created FROM ledger_post(${`transfer:${transferId}:credit`}, 'DEPOSIT', ${transferId}::uuid, ${currency},
          ARRAY[ledger_system_account_id('BANK_SETTLEMENT', ${currency}), ledger_wallet_id(${userId}::uuid, ${currency})],
          ARRAY[${-amountMinor}::bigint, ${amountMinor}::bigint])`);
    },

    async balances(userId) {
      const rows = await db.$queryRaw<{ currency: string; available: bigint; held: bigint }[]>`
        SELECT a.currency, a.balance_minor AS available,
               coalesce((SELECT sum(h.amount_minor) FROM holds h WHERE h.wallet_account_id = a.id AND h.status = 'OPEN'), 0)::bigint AS held
          FROM accounts a WHERE a.kind = 'WALLET' AND a.user_id = ${userId}::uuid ORDER BY a.currency`;
      return rows.map((row) => ({
        currency: row.currency as Currency,
        availableMinor: BigInt(row.available),
        heldMinor: BigInt(row.held),
      }));
    },
  };
}

function assertPositive(amountMinor: bigint): void {
  if (amountMinor <= 0n) throw new LedgerError(LEDGER_ERROR_TYPES.invalidPosting, 'amount must be greater than zero');
}
