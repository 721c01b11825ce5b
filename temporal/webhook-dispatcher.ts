/**
 * Starts the webhook dispatcher workflow unless it runs (a worker does this when it starts):
 * one per namespace, `kizo-webhook-dispatcher`.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TASK_QUEUE_TRANSFERS } from './task-queues';

export const WEBHOOK_DISPATCHER_ID = 'kizo-webhook-dispatcher';

export async function ensureWebhookDispatcher(
  client: Client,
  options: { intervalMs: number; taskQueue?: string },
): Promise<'started' | 'running'> {
  try {
    await client.workflow.start('webhookDispatcherWorkflow', {
      workflowId: WEBHOOK_DISPATCHER_ID,
      taskQueue: options.taskQueue ?? TASK_QUEUE_TRANSFERS,
      args: [{ intervalMs: options.intervalMs }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'running';
    throw error;
  }
}
