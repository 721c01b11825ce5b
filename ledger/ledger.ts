/**
 * The double-entry ledger: every write is one call of a SQL function (one round trip, one
 * transaction, accounts locked in id order, idempotent by business key) that posts one
 * two-legged posting (debit one account, credit another); reads are SQL over the postings.
 * Workflows never call this directly: activities do, with the transfer id as the key.
 * The SQL lives in prisma/migrations/*ledger*; system accounts are sharded there (see
 * 20261125100000_ledger_hot_path), which callers never see.
 */
import type { Currency } from '../common/money';
import { Prisma, type Database } from '../prisma/client';
import { InvalidHistoryQuery, LedgerError, LEDGER_ERROR_TYPES, sqlState, toLedgerError } from './errors';

/** Largest page `history` returns; callers ask for fewer with `limit`. */
export const HISTORY_LIMIT_MAX = 100;

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

/** One entry on a wallet, newest first in `history`. */
export interface HistoryItem {
  /** The posting's id, as a string of digits (a wallet is one leg of a posting at most); also what `nextCursor` carries. */
  id: string;
  transferId: string | null;
  /** The posting's kind: HOLD, SETTLE, RELEASE, DEPOSIT. */
  kind: string;
  /** Signed: negative leaves the wallet, positive arrives. */
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  createdAt: Date;
}

export interface HistoryPage {
  items: HistoryItem[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface Ledger {
  /** Moves funds from the user's wallet into holds; throws LedgerError(InsufficientFunds). */
  placeHold(input: {
    transferId: string;
    userId: string;
    currency: Currency;
    amountMinor: bigint;
  }): Promise<PostingResult>;
  /** Settles an open hold into another user's wallet (P2P). */
  settleHoldToUser(input: {
    transferId: string;
    recipientUserId: string;
    currency: Currency;
  }): Promise<PostingResult>;
  /** Settles an open hold to the bank's settlement side (a payout the bank made). */
  settleHoldToBank(input: { transferId: string; currency: Currency }): Promise<PostingResult>;
  /** Releases an open hold back to its wallet. */
  releaseHold(input: { transferId: string }): Promise<PostingResult>;
  /** Credits a wallet with money the bank collected (deposit). */
  creditFromBank(input: {
    transferId: string;
    userId: string;
    currency: Currency;
    amountMinor: bigint;
  }): Promise<PostingResult>;
  balances(userId: string): Promise<Balance[]>;
  /** A wallet's entries, newest first, `limit` (1..HISTORY_LIMIT_MAX) at a time. */
  history(
    userId: string,
    currency: Currency,
    page: { cursor?: string | null; limit: number },
  ): Promise<HistoryPage>;
  /**
   * A wallet's balance at a moment: the balance after its latest posting made at or before `at`
   * (0 before its first), as the ledger recorded it.
   */
  balanceAt(
    userId: string,
    currency: Currency,
    at: Date,
  ): Promise<{ balanceMinor: bigint; postingId: string | null }>;
  /**
   * A wallet's entries made in [from, to), oldest first, at most `limit`, after the entry
   * `afterId` and up to the entry `throughId` when given (keyset paging: a period of any length
   * is read page by page, up to where its totals were taken).
   */
  entriesBetween(
    userId: string,
    currency: Currency,
    period: { from: Date; to: Date; afterId?: string | null; throughId?: string | null },
    limit: number,
  ): Promise<HistoryItem[]>;
  /** A wallet's period [from, to) in totals, by one aggregate whatever its length. */
  periodTotals(userId: string, currency: Currency, period: { from: Date; to: Date }): Promise<PeriodTotals>;
}

export interface PeriodTotals {
  /** The balance after the last entry before `from`, and after the last entry before `to`. */
  openingMinor: bigint;
  closingMinor: bigint;
  /** Money in and out over the period, both positive. */
  inMinor: bigint;
  outMinor: bigint;
  entryCount: number;
  /** The period's last entry when the totals were taken (a later one on this wallet has a higher id). */
  lastEntryId: string | null;
}

interface HistoryRow {
  id: bigint;
  kind: string;
  transfer_id: string | null;
  created_at: Date;
  amount_minor: bigint;
  balance_after_minor: bigint;
}

/** The SQLSTATE of a posting rolled back because its twin committed first (see run). */
const TWIN_COMMITTED = 'KZ008';
const BIGINT_MAX = 2n ** 63n - 1n;

interface PostingRow {
  posting_id: bigint;
  created: boolean;
}

export function createLedger(db: Database): Ledger {
  /**
   * Runs one posting call. KZ008 means a twin call with the same business key committed while
   * this one waited for an account, and this one was rolled back: running it again returns the
   * twin's posting, as any replay does.
   */
  async function run(query: () => Promise<PostingRow[]>): Promise<PostingResult> {
    let rows: PostingRow[];
    try {
      rows = await query().catch((error: unknown) =>
        sqlState(error) === TWIN_COMMITTED ? query() : Promise.reject(error),
      );
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
      return run(
        () => db.$queryRaw`
        SELECT posting_id, created FROM ledger_place_hold(${transferId}::uuid, ${userId}::uuid, ${currency}, ${amountMinor})`,
      );
    },

    settleHoldToUser({ transferId, recipientUserId, currency }) {
      return run(
        () => db.$queryRaw`
        SELECT posting_id, created FROM ledger_resolve_hold(${transferId}::uuid, 'SETTLED',
          ledger_wallet_id(${recipientUserId}::uuid, ${currency}))`,
      );
    },

    settleHoldToBank({ transferId, currency }) {
      return run(
        () => db.$queryRaw`
        SELECT posting_id, created FROM ledger_resolve_hold(${transferId}::uuid, 'SETTLED',
          ledger_system_account_id('BANK_SETTLEMENT', ${currency}, ledger_shard_of(${transferId}::uuid)))`,
      );
    },

    releaseHold({ transferId }) {
      return run(
        () =>
          db.$queryRaw`SELECT posting_id, created FROM ledger_resolve_hold(${transferId}::uuid, 'RELEASED', NULL)`,
      );
    },

    async creditFromBank({ transferId, userId, currency, amountMinor }) {
      assertPositive(amountMinor);
      return run(
        () => db.$queryRaw`
        SELECT posting_id, created FROM ledger_credit_from_bank(${transferId}::uuid, ${userId}::uuid, ${currency}, ${amountMinor})`,
      );
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

    async history(userId, currency, { cursor, limit }) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > HISTORY_LIMIT_MAX) {
        throw new InvalidHistoryQuery(`limit must be a whole number from 1 to ${HISTORY_LIMIT_MAX}`);
      }
      if (cursor != null && (!/^[1-9][0-9]{0,18}$/.test(cursor) || BigInt(cursor) > BIGINT_MAX)) {
        throw new InvalidHistoryQuery('cursor is not one this ledger gave out');
      }
      // Both legs of the wallet, newest first: one index range per side, merged, one row more than
      // asked to tell whether an older page exists without a count query.
      const before = cursor == null ? BIGINT_MAX : BigInt(cursor);
      const take = limit + 1;
      const rows = await db.$queryRaw<HistoryRow[]>`
        WITH w AS (SELECT id FROM accounts WHERE kind = 'WALLET' AND user_id = ${userId}::uuid AND currency = ${currency})
        SELECT p.id, p.kind, p.transfer_id, p.created_at,
               CASE WHEN p.debit_account_id = w.id THEN -p.amount_minor ELSE p.amount_minor END AS amount_minor,
               CASE WHEN p.debit_account_id = w.id THEN p.debit_balance_after_minor ELSE p.credit_balance_after_minor END AS balance_after_minor
          FROM w, LATERAL (
                (SELECT * FROM postings d WHERE d.debit_account_id = w.id AND d.id < ${before} ORDER BY d.id DESC LIMIT ${take})
                UNION ALL
                (SELECT * FROM postings c WHERE c.credit_account_id = w.id AND c.id < ${before} ORDER BY c.id DESC LIMIT ${take})
               ) p
         ORDER BY p.id DESC LIMIT ${take}`;
      const items = rows.slice(0, limit).map((row) => ({
        id: row.id.toString(),
        transferId: row.transfer_id,
        kind: row.kind,
        amountMinor: BigInt(row.amount_minor),
        balanceAfterMinor: BigInt(row.balance_after_minor),
        createdAt: row.created_at,
      }));
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },

    async balanceAt(userId, currency, at) {
      const [row] = await db.$queryRaw<{ id: bigint; balance_after_minor: bigint }[]>`
        WITH w AS (SELECT id FROM accounts WHERE kind = 'WALLET' AND user_id = ${userId}::uuid AND currency = ${currency})
        SELECT p.id, CASE WHEN p.debit_account_id = w.id THEN p.debit_balance_after_minor ELSE p.credit_balance_after_minor END AS balance_after_minor
          FROM w, LATERAL (
                (SELECT * FROM postings d WHERE d.debit_account_id = w.id AND d.created_at <= ${at} ORDER BY d.id DESC LIMIT 1)
                UNION ALL
                (SELECT * FROM postings c WHERE c.credit_account_id = w.id AND c.created_at <= ${at} ORDER BY c.id DESC LIMIT 1)
               ) p
         ORDER BY p.id DESC LIMIT 1`;
      return row
        ? { balanceMinor: BigInt(row.balance_after_minor), postingId: row.id.toString() }
        : { balanceMinor: 0n, postingId: null };
    },

    async entriesBetween(userId, currency, { from, to, afterId, throughId }, limit) {
      const after = BigInt(afterId ?? 0);
      const through = throughId == null ? BIGINT_MAX : BigInt(throughId);
      const rows = await db.$queryRaw<HistoryRow[]>`
        WITH w AS (SELECT id FROM accounts WHERE kind = 'WALLET' AND user_id = ${userId}::uuid AND currency = ${currency})
        SELECT p.id, p.kind, p.transfer_id, p.created_at,
               CASE WHEN p.debit_account_id = w.id THEN -p.amount_minor ELSE p.amount_minor END AS amount_minor,
               CASE WHEN p.debit_account_id = w.id THEN p.debit_balance_after_minor ELSE p.credit_balance_after_minor END AS balance_after_minor
          FROM w, LATERAL (
                (SELECT * FROM postings d WHERE d.debit_account_id = w.id AND d.created_at >= ${from} AND d.created_at < ${to} AND d.id > ${after} AND d.id <= ${through}
                  ORDER BY d.id LIMIT ${limit})
                UNION ALL
                (SELECT * FROM postings c WHERE c.credit_account_id = w.id AND c.created_at >= ${from} AND c.created_at < ${to} AND c.id > ${after} AND c.id <= ${through}
                  ORDER BY c.id LIMIT ${limit})
               ) p
         ORDER BY p.id LIMIT ${limit}`;
      return rows.map((row) => ({
        id: row.id.toString(),
        transferId: row.transfer_id,
        kind: row.kind,
        amountMinor: BigInt(row.amount_minor),
        balanceAfterMinor: BigInt(row.balance_after_minor),
        createdAt: row.created_at,
      }));
    },

    async periodTotals(userId, currency, { from, to }) {
      // One statement, one snapshot. Opening and closing are the balance_after of the wallet's
      // last posting before each moment (on one account, id order is time order).
      const lastBalanceBefore = (moment: Date) => Prisma.sql`
        coalesce((SELECT CASE WHEN p.debit_account_id = w.id THEN p.debit_balance_after_minor ELSE p.credit_balance_after_minor END
                    FROM ((SELECT * FROM postings d WHERE d.debit_account_id = w.id AND d.created_at < ${moment} ORDER BY d.id DESC LIMIT 1)
                          UNION ALL
                          (SELECT * FROM postings c WHERE c.credit_account_id = w.id AND c.created_at < ${moment} ORDER BY c.id DESC LIMIT 1)) p
                   ORDER BY p.id DESC LIMIT 1), 0)::bigint`;
      const [row] = await db.$queryRaw<
        {
          opening: bigint;
          closing: bigint;
          in_minor: bigint;
          out_minor: bigint;
          entries: bigint;
          last_id: bigint | null;
        }[]
      >`
        WITH w AS (SELECT id FROM accounts WHERE kind = 'WALLET' AND user_id = ${userId}::uuid AND currency = ${currency}),
        moves AS (
          SELECT d.id, -d.amount_minor AS amount FROM w, postings d
           WHERE d.debit_account_id = w.id AND d.created_at >= ${from} AND d.created_at < ${to}
          UNION ALL
          SELECT c.id, c.amount_minor FROM w, postings c
           WHERE c.credit_account_id = w.id AND c.created_at >= ${from} AND c.created_at < ${to}
        )
        SELECT (SELECT ${lastBalanceBefore(from)} FROM w) AS opening,
               (SELECT ${lastBalanceBefore(to)} FROM w) AS closing,
               coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::bigint AS in_minor,
               coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)::bigint AS out_minor,
               count(*)::bigint AS entries,
               max(id) AS last_id
          FROM moves`;
      return {
        openingMinor: BigInt(row!.opening ?? 0),
        closingMinor: BigInt(row!.closing ?? 0),
        inMinor: BigInt(row!.in_minor),
        outMinor: BigInt(row!.out_minor),
        entryCount: Number(row!.entries),
        lastEntryId: row!.last_id === null ? null : row!.last_id.toString(),
      };
    },
  };
}

function assertPositive(amountMinor: bigint): void {
  if (amountMinor <= 0n)
    throw new LedgerError(LEDGER_ERROR_TYPES.invalidPosting, 'amount must be greater than zero');
}
