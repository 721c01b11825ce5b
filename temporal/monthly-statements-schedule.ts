/**
 * The Temporal Schedule that makes last month's statements at 02:00 UTC on the 1st. Created
 * when a worker starts (MONTHLY_STATEMENTS_SCHEDULE=off leaves it alone); run one by hand with
 * `temporal schedule trigger --schedule-id kizo-monthly-statements`.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { TASK_QUEUE_TRANSFERS } from './task-queues';

export const MONTHLY_STATEMENTS_SCHEDULE_ID = 'kizo-monthly-statements';

export async function ensureMonthlyStatementsSchedule(
  client: Client,
  taskQueue = TASK_QUEUE_TRANSFERS,
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: MONTHLY_STATEMENTS_SCHEDULE_ID,
      spec: { calendars: [{ dayOfMonth: 1, hour: 2, minute: 0, second: 0 }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'monthlyStatementsWorkflow',
        workflowId: MONTHLY_STATEMENTS_SCHEDULE_ID,
        taskQueue,
        args: [{}],
      },
      // A month missed while the cluster was down is still made (its run adds nothing twice).
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '7 days' },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    return 'exists';
  }
}
