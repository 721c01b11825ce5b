/**
 * One run of a transfer schedule (a Temporal Schedule's action; temporal/transfer-schedules.ts).
 * The run is an ordinary P2P transfer whose Idempotency-Key is the schedule id and the run's
 * scheduled time, both in this workflow's id (the Schedule appends the time), so a catch-up, a
 * repeated trigger or a retried run names the same transfer and pays at most once. The worker
 * reads the schedule's owner, recipient and amount from the database (the owner's edits apply to
 * the next run), records the run's outcome, and pauses the schedule after the policy's number
 * of refused runs in a row. Deterministic workflow code.
 */
import {
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { LEDGER_LOCAL_ACTIVITY_OPTIONS } from './activity-options';
import type { ScheduledRunInput, ScheduledRunResult, TransferState } from './definitions';
import { runKeyOf } from './ids';
import type { p2pTransferWorkflow } from './p2p-transfer';

const runs = proxyLocalActivities<Activities>(LEDGER_LOCAL_ACTIVITY_OPTIONS);
/** Pausing calls Temporal itself: an ordinary activity, retried on its own. */
const temporal = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '30 seconds' },
});

export async function scheduledTransferWorkflow(input: ScheduledRunInput): Promise<ScheduledRunResult> {
  const runKey = runKeyOf(workflowInfo().workflowId, input.scheduleId);
  const prepared = await runs.prepareScheduledRun({ scheduleId: input.scheduleId, runKey });
  if (prepared.skip !== undefined)
    return {
      scheduleId: input.scheduleId,
      runKey,
      outcome: 'SKIPPED',
      transferId: null,
      reason: prepared.skip,
    };

  let transfer: Pick<TransferState, 'status' | 'failureType' | 'failureReason'>;
  try {
    const child = await startChild<typeof p2pTransferWorkflow>('p2pTransferWorkflow', {
      workflowId: prepared.transferWorkflowId,
      args: [prepared.input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    transfer = await child.result();
  } catch {
    // Its transfer exists already (an earlier attempt of this very run started it), or failed
    // outright: the run's record says which from the transfer's row.
    transfer = { status: 'FAILED', failureType: null, failureReason: null };
  }
  const recorded = await runs.finishScheduledRun({
    scheduleId: input.scheduleId,
    runKey,
    transferId: prepared.input.transferId,
    status: transfer.status,
    failureType: transfer.failureType,
    failureReason: transfer.failureReason,
  });
  if (recorded.pause)
    await temporal.pauseTransferSchedule({ scheduleId: input.scheduleId, reason: recorded.pause });
  return {
    scheduleId: input.scheduleId,
    runKey,
    outcome: recorded.outcome,
    transferId: prepared.input.transferId,
    reason: recorded.reason,
  };
}
