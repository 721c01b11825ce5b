/**
 * Reconciliation: compares what the bank says it moved (`GET /v1/records`, accepted records)
 * with what the ledger posted against the bank's settlement side (DEPOSIT credits for
 * collections, hold settlements for payouts). It reports and never repairs: a mismatch means a
 * bug or an incident, and a person decides. A bank record whose transfer is still running is
 * counted as in flight, not as a mismatch (the ledger posts only after the bank accepts).
 */
import { FINAL_STATUSES, type TransferStatus } from '../common/transfer-status';
import type { Database } from '../prisma/client';
import type { BankClient, BankRecord, BankRecordKind } from '../bank-client/client';
import { findTransfersForReconciliation } from '../transfers/records';
import { businessKey } from './business-keys';

export type MismatchProblem =
  | 'missing-in-ledger'
  | 'missing-at-bank'
  | 'amount-differs'
  | 'currency-differs'
  | 'account-differs'
  | 'unexpected-posting';

export interface Mismatch {
  transferId: string | null;
  kind: BankRecordKind | null;
  problem: MismatchProblem;
  detail: string;
}

export interface ReconciliationReport {
  ok: boolean;
  checkedAt: string;
  counts: { bankRecords: number; ledgerPostings: number; matched: number; inFlight: number };
  mismatches: Mismatch[];
}

interface LedgerMovement {
  transferId: string;
  kind: BankRecordKind;
  currency: string;
  amountMinor: bigint;
}

/** Bounds on the work one run does; a bigger book needs a windowed reconciliation. */
const PAGE_SIZE = 1_000;
const PAGES_MAX = 1_000;
/** Posting kinds that touch the bank's settlement account, and the bank record each mirrors. */
const BANK_KIND_OF_POSTING: Record<string, BankRecordKind> = { DEPOSIT: 'collection', SETTLE: 'payout' };
/** The business keys the ledger functions give a transfer's bank-side postings (see ledger_credit_from_bank and ledger_resolve_hold). */
const bankPostingKeys = (transferId: string): string[] => [
  businessKey(transferId, 'credit'),
  businessKey(transferId, 'settled'),
];

export async function reconcile(db: Database, bank: BankClient): Promise<ReconciliationReport> {
  const checkedAt = new Date().toISOString();
  const mismatches: Mismatch[] = [];
  // Ledger first: whatever it posted, the bank had accepted before; the reverse order races.
  const ledger = await ledgerMovements(db, mismatches);
  const records = await bankRecords(bank);

  let matched = 0;
  const unposted: BankRecord[] = [];
  for (const record of records) {
    const posted = ledger.get(key(record.kind, record.id));
    if (!posted) {
      unposted.push(record);
      continue;
    }
    ledger.delete(key(record.kind, record.id));
    matched += 1;
    if (posted.amountMinor !== record.amountMinor) {
      mismatches.push(
        mismatch(record, 'amount-differs', `bank ${record.amountMinor}, ledger ${posted.amountMinor}`),
      );
    }
    if (posted.currency !== record.currency) {
      mismatches.push(
        mismatch(record, 'currency-differs', `bank ${record.currency}, ledger ${posted.currency}`),
      );
    }
  }
  for (const posted of ledger.values()) {
    mismatches.push({
      transferId: posted.transferId,
      kind: posted.kind,
      problem: 'missing-at-bank',
      detail: `ledger posted ${posted.amountMinor} ${posted.currency}; the bank has no accepted ${posted.kind}`,
    });
  }

  const inFlight = await classifyUnposted(db, unposted, mismatches);
  await compareAccounts(db, records, mismatches);
  return {
    ok: mismatches.length === 0,
    checkedAt,
    counts: { bankRecords: records.length, ledgerPostings: matched + ledger.size, matched, inFlight },
    mismatches,
  };
}

function key(kind: BankRecordKind, transferId: string): string {
  return `${kind}:${transferId.toLowerCase()}`;
}

function mismatch(record: BankRecord, problem: MismatchProblem, detail: string): Mismatch {
  return { transferId: record.id, kind: record.kind, problem, detail };
}

async function ledgerMovements(db: Database, mismatches: Mismatch[]): Promise<Map<string, LedgerMovement>> {
  const movements = new Map<string, LedgerMovement>();
  let cursor: bigint | undefined;
  for (let page = 0; page < PAGES_MAX; page += 1) {
    // Postings with a leg on the bank's settlement side, oldest first.
    const postings = await db.posting.findMany({
      where: {
        OR: [{ debitAccount: { kind: 'BANK_SETTLEMENT' } }, { creditAccount: { kind: 'BANK_SETTLEMENT' } }],
        ...(cursor === undefined ? {} : { id: { gt: cursor } }),
      },
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        transferId: true,
        businessKey: true,
        currency: true,
        amountMinor: true,
        debitAccount: { select: { kind: true } },
      },
    });
    for (const posting of postings) {
      const kind = BANK_KIND_OF_POSTING[posting.kind];
      if (!kind || !posting.transferId) {
        mismatches.push({
          transferId: posting.transferId,
          kind: null,
          problem: 'unexpected-posting',
          detail: `posting ${posting.businessKey} (${posting.kind}) touches the bank settlement account`,
        });
        continue;
      }
      // Collections debit the settlement side (money came in from the bank); payouts credit it.
      // A leg on the wrong side counts negative, so it cannot match the bank's record.
      const settlementDebited = posting.debitAccount.kind === 'BANK_SETTLEMENT';
      const amountMinor =
        settlementDebited === (kind === 'collection') ? posting.amountMinor : -posting.amountMinor;
      movements.set(key(kind, posting.transferId), {
        transferId: posting.transferId,
        kind,
        currency: posting.currency.trim(),
        amountMinor,
      });
    }
    if (postings.length < PAGE_SIZE) return movements;
    cursor = postings[postings.length - 1]!.id;
  }
  throw new Error(`the ledger has more than ${PAGE_SIZE * PAGES_MAX} bank movements; reconcile in windows`);
}

async function bankRecords(bank: BankClient): Promise<BankRecord[]> {
  const records: BankRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < PAGES_MAX; page += 1) {
    const result = await bank.listRecords({
      status: 'ACCEPTED',
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    records.push(...result.records);
    if (!result.nextCursor) return records;
    cursor = result.nextCursor;
  }
  throw new Error(`the bank has more than ${PAGE_SIZE * PAGES_MAX} records; reconcile in windows`);
}

/**
 * An accepted bank record with no posting is fine while its workflow is still running (it posts
 * next); re-reads the ledger for those ids, since a workflow may have posted since the first read.
 */
async function classifyUnposted(
  db: Database,
  unposted: BankRecord[],
  mismatches: Mismatch[],
): Promise<number> {
  if (unposted.length === 0) return 0;
  const ids = unposted.map((record) => record.id);
  const [transfers, postings] = await Promise.all([
    findTransfersForReconciliation(db, ids),
    db.posting.findMany({
      where: {
        businessKey: { in: ids.flatMap(bankPostingKeys) },
        kind: { in: Object.keys(BANK_KIND_OF_POSTING) },
      },
      select: { transferId: true, kind: true },
    }),
  ]);
  const statusOf = new Map(transfers.map((transfer) => [transfer.id, transfer.status as TransferStatus]));
  const postedNow = new Set(
    postings.map((posting) => key(BANK_KIND_OF_POSTING[posting.kind]!, posting.transferId!)),
  );
  let inFlight = 0;
  for (const record of unposted) {
    const status = statusOf.get(record.id);
    if (postedNow.has(key(record.kind, record.id)) || (status !== undefined && !FINAL_STATUSES.has(status))) {
      inFlight += 1;
      continue;
    }
    const known = status === undefined ? 'no transfer of ours has this id' : `the transfer is ${status}`;
    mismatches.push(
      mismatch(
        record,
        'missing-in-ledger',
        `the bank accepted ${record.amountMinor} ${record.currency}; ${known}`,
      ),
    );
  }
  return inFlight;
}

/** The bank moved money to or from the account the user named, not another one. */
async function compareAccounts(db: Database, records: BankRecord[], mismatches: Mismatch[]): Promise<void> {
  for (let start = 0; start < records.length; start += PAGE_SIZE) {
    const slice = records.slice(start, start + PAGE_SIZE);
    const transfers = await findTransfersForReconciliation(
      db,
      slice.map((record) => record.id),
    );
    const accountOf = new Map(transfers.map((transfer) => [transfer.id, transfer.bankAccountRef]));
    for (const record of slice) {
      const expected = accountOf.get(record.id);
      if (expected && expected !== record.accountRef) {
        mismatches.push(
          mismatch(
            record,
            'account-differs',
            `bank used ${record.accountRef}, the transfer names ${expected}`,
          ),
        );
      }
    }
  }
}
