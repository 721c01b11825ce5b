/**
 * The Temporal Schedule that runs the reconciliation workflow every RECONCILIATION_INTERVAL_MS.
 * Created (or brought to the configured interval) when a worker starts; operators see and run
 * it in the Web UI (Schedules) or with `temporal schedule trigger --schedule-id kizo-reconciliation`.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { TASK_QUEUE_TRANSFERS } from './task-queues';

export const RECONCILIATION_SCHEDULE_ID = 'kizo-reconciliation';
/** Each run's workflow id is this plus the scheduled time, which Temporal appends. */
export const RECONCILIATION_WORKFLOW_ID = 'kizo-reconciliation';

export async function ensureReconciliationSchedule(
  client: Client,
  options: { intervalMs: number; taskQueue?: string },
): Promise<'created' | 'updated'> {
  const spec = { intervals: [{ every: options.intervalMs }] };
  try {
    await client.schedule.create({
      scheduleId: RECONCILIATION_SCHEDULE_ID,
      spec,
      action: {
        type: 'startWorkflow',
        workflowType: 'reconciliationWorkflow',
        workflowId: RECONCILIATION_WORKFLOW_ID,
        taskQueue: options.taskQueue ?? TASK_QUEUE_TRANSFERS,
        args: [],
      },
      // A slow run is never doubled; a run missed while the cluster was down is not replayed in bulk.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(RECONCILIATION_SCHEDULE_ID).update((previous) => ({ ...previous, spec }));
    return 'updated';
  }
}
