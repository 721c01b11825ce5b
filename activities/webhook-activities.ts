/**
 * Activities of webhooks: the dispatcher's turn of the outbox into deliveries (and their
 * workflows), and one delivery attempt (webhooks/deliver.ts).
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/activity';
import type { Database } from '../prisma/client';
import { TASK_QUEUE_TRANSFERS } from '../temporal/task-queues';
import { attemptDelivery, type AttemptOutcome } from '../webhooks/deliver';
import { dispatchNewEvents, markDeliveryFailed, markDeliveryStarted } from '../webhooks/store';
import { webhookDeliveryWorkflowId } from '../workflows/ids';

export function createWebhookActivities(
  db: Database,
  temporal: (() => Client) | undefined,
  options: { allowPrivateUrls: boolean },
) {
  return {
    /** New deliveries for new events, each with its workflow started (once: the workflow id is the delivery's). */
    async dispatchWebhooks(): Promise<number> {
      if (!temporal)
        throw ApplicationFailure.nonRetryable(
          'this worker has no Temporal client to start deliveries with',
          'Misconfigured',
        );
      const deliveryIds = await dispatchNewEvents(db);
      for (const deliveryId of deliveryIds) {
        try {
          await temporal().workflow.start('webhookDeliveryWorkflow', {
            workflowId: webhookDeliveryWorkflowId(deliveryId),
            taskQueue: TASK_QUEUE_TRANSFERS,
            args: [{ deliveryId }],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
        await markDeliveryStarted(db, deliveryId);
      }
      return deliveryIds.length;
    },

    async deliverWebhook(input: { deliveryId: string; force?: boolean }): Promise<AttemptOutcome> {
      return attemptDelivery(db, input.deliveryId, {
        allowPrivateUrls: options.allowPrivateUrls,
        ...(input.force ? { force: true } : {}),
      });
    },

    async failWebhookDelivery(input: { deliveryId: string }): Promise<void> {
      await markDeliveryFailed(db, input.deliveryId);
    },
  };
}
