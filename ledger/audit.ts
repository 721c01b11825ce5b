/**
 * The ledger audit: verifies every invariant over the whole ledger and reports each check,
 * so an operator (or a test after every run) can see at once whether money was created,
 * lost or double-counted. It reports; it never repairs.
 */
import { FINAL_STATUSES } from '../common/transfer-status';
import type { Database } from '../prisma/client';

export interface AuditCheck {
  name: string;
  ok: boolean;
  /** How many rows break the rule (0 when ok), and a few examples. */
  violations: number;
  examples: string[];
}

export interface AuditReport {
  ok: boolean;
  checkedAt: string;
  checks: AuditCheck[];
}

const EXAMPLES_MAX = 5;

/** Each check is a query returning one text row per violation. */
const CHECKS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: 'every posting sums to zero per currency',
    sql: `SELECT 'posting ' || posting_id || ' ' || currency || ' sums to ' || sum(amount_minor)
            FROM entries GROUP BY posting_id, currency HAVING sum(amount_minor) <> 0`,
  },
  {
    name: 'every posting has at least two entries',
    sql: `SELECT 'posting ' || p.id || ' has ' || count(e.posting_id) || ' entries'
            FROM postings p LEFT JOIN entries e ON e.posting_id = p.id GROUP BY p.id HAVING count(e.posting_id) < 2`,
  },
  {
    name: 'the whole ledger sums to zero per currency',
    sql: `SELECT currency || ' sums to ' || sum(amount_minor) FROM entries GROUP BY currency HAVING sum(amount_minor) <> 0`,
  },
  {
    name: 'every balance equals the sum of its entries',
    sql: `SELECT 'account ' || a.id || ' balance ' || a.balance_minor || ' but entries sum to ' || coalesce(s.total, 0)
            FROM accounts a LEFT JOIN (SELECT account_id, sum(amount_minor) AS total FROM entries GROUP BY account_id) s
              ON s.account_id = a.id
           WHERE a.balance_minor <> coalesce(s.total, 0)`,
  },
  {
    name: 'every entry is in its account currency',
    sql: `SELECT 'posting ' || e.posting_id || ' in ' || e.currency || ' on ' || a.currency || ' account ' || a.id
            FROM entries e JOIN accounts a ON a.id = e.account_id WHERE e.currency <> a.currency`,
  },
  {
    name: 'no wallet below zero',
    sql: `SELECT 'wallet ' || id || ' at ' || balance_minor FROM accounts WHERE kind = 'WALLET' AND balance_minor < 0`,
  },
  {
    // System accounts are sharded (see the ledger_hot_path migration): each HOLDS shard carries
    // exactly the open holds placed on it, so the per-currency total follows.
    name: 'every holds account equals the sum of its open holds',
    sql: `SELECT 'holds account ' || a.id || ' (' || a.currency || ' shard ' || a.shard || ') at ' || a.balance_minor
                 || ' but its open holds sum to ' || coalesce(h.total, 0)
            FROM accounts a LEFT JOIN (SELECT holds_account_id, sum(amount_minor) AS total FROM holds WHERE status = 'OPEN'
                                        GROUP BY holds_account_id) h
              ON h.holds_account_id = a.id
           WHERE a.kind = 'HOLDS' AND a.balance_minor <> coalesce(h.total, 0)`,
  },
  {
    name: 'every hold sits on a holds account of its currency',
    sql: `SELECT 'hold of transfer ' || h.transfer_id || ' in ' || h.currency || ' sits on ' || a.kind || ' account ' || a.id || ' in ' || a.currency
            FROM holds h JOIN accounts a ON a.id = h.holds_account_id
           WHERE a.kind <> 'HOLDS' OR a.currency <> h.currency`,
  },
  {
    name: 'every hold is settled or released exactly once',
    sql: `SELECT 'hold of transfer ' || h.transfer_id || ' is ' || h.status || ' with '
                 || count(p.id) FILTER (WHERE p.kind = 'SETTLE') || ' settlements and '
                 || count(p.id) FILTER (WHERE p.kind = 'RELEASE') || ' releases'
            FROM holds h LEFT JOIN postings p ON p.transfer_id = h.transfer_id
           GROUP BY h.transfer_id, h.status
          HAVING count(p.id) FILTER (WHERE p.kind = 'HOLD') <> 1
              OR count(p.id) FILTER (WHERE p.kind = 'SETTLE') <> (CASE WHEN h.status = 'SETTLED' THEN 1 ELSE 0 END)
              OR count(p.id) FILTER (WHERE p.kind = 'RELEASE') <> (CASE WHEN h.status = 'RELEASED' THEN 1 ELSE 0 END)`,
  },
  {
    name: 'every open hold belongs to a transfer still in flight',
    sql: `SELECT 'open hold of transfer ' || h.transfer_id || ' whose transfer is ' || coalesce(t.status::text, 'missing')
            FROM holds h LEFT JOIN transfers t ON t.id = h.transfer_id
           -- The final statuses are our own constants (common/transfer-status.ts), never input.
           WHERE h.status = 'OPEN' AND (t.id IS NULL OR t.status::text IN (${[...FINAL_STATUSES].map((status) => `'${status}'`).join(', ')}))`,
  },
];

export async function auditLedger(db: Database): Promise<AuditReport> {
  // One repeatable-read snapshot, so postings committing meanwhile cannot produce false alarms.
  const checks = await db.$transaction(
    async (tx) => {
      const results: AuditCheck[] = [];
      for (const check of CHECKS) {
        const rows = await tx.$queryRawUnsafe<{ violation: string }[]>(
          `SELECT v AS violation FROM (${check.sql}) AS c(v)`,
        );
        results.push({
          name: check.name,
          ok: rows.length === 0,
          violations: rows.length,
          examples: rows.slice(0, EXAMPLES_MAX).map((row) => row.violation),
        });
      }
      return results;
    },
    { isolationLevel: 'RepeatableRead', timeout: 60_000 },
  );
  return { ok: checks.every((check) => check.ok), checkedAt: new Date().toISOString(), checks };
}
