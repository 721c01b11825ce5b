/**
 * The scheduled reconciliation: one run compares the bank's records with the ledger and records
 * the result (activities/reconciliation-activities.ts). A Temporal Schedule starts it
 * (temporal/reconciliation-schedule.ts), so every run is visible in the Web UI with its result.
 * Deterministic workflow code.
 */
import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ReconciliationSummary } from '../activities/reconciliation-activities';

const { reconcileAndRecord } = proxyActivities<Activities>({
  // Paging a large book takes a while; a run that cannot finish in this time is retried.
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

export async function reconciliationWorkflow(): Promise<ReconciliationSummary> {
  const summary = await reconcileAndRecord({ workflowId: workflowInfo().workflowId });
  if (!summary.ok) log.error('reconciliation found mismatches', { mismatchCount: summary.mismatchCount });
  return summary;
}
