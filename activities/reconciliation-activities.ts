/**
 * The scheduled reconciliation's activity: compares the bank with the ledger (reconciliation.ts)
 * and records the report, one row per workflow run, so the API's metric, the alert and the
 * admin view all read the same result. Reports; never repairs.
 */
import type { Database } from '../prisma/client';
import type { BankClient } from '../bank-client/client';
import { reconcile } from '../ledger/reconciliation';

/** What the workflow returns and the Web UI shows as its result. */
export interface ReconciliationSummary {
  ok: boolean;
  checkedAt: string;
  mismatchCount: number;
  matched: number;
  inFlight: number;
}

/** Mismatches kept per run: enough to act on, bounded so one bad day cannot bloat a row. */
const STORED_MISMATCHES_MAX = 1_000;

export function createReconciliationActivities(db: Database, bank: () => BankClient) {
  return {
    /** Runs one reconciliation and records it under the workflow's id (a retry records nothing twice). */
    async reconcileAndRecord(input: { workflowId: string }): Promise<ReconciliationSummary> {
      const report = await reconcile(db, bank());
      const summary: ReconciliationSummary = {
        ok: report.ok,
        checkedAt: report.checkedAt,
        mismatchCount: report.mismatches.length,
        matched: report.counts.matched,
        inFlight: report.counts.inFlight,
      };
      await db.reconciliationRun.upsert({
        where: { workflowId: input.workflowId },
        create: {
          workflowId: input.workflowId,
          checkedAt: new Date(report.checkedAt),
          ok: report.ok,
          mismatchCount: report.mismatches.length,
          counts: report.counts,
          mismatches: report.mismatches.slice(0, STORED_MISMATCHES_MAX) as never,
        },
        update: {},
      });
      return summary;
    },
  };
}
