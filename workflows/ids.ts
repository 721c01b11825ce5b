/**
 * Workflow ids: one per user and idempotency key, so a retried request joins the workflow the
 * first one started instead of moving money again. Pure: the API and workflows import it.
 */
import { descriptorOf } from '../transfers/kinds';
import type { TransferKind } from './definitions';

export function transferWorkflowId(kind: TransferKind, userId: string, idempotencyKey: string): string {
  return `${descriptorOf(kind).idPrefix}-${userId}-${idempotencyKey}`;
}

/** The workflow id a transfer schedule's action gives its runs; the Schedule appends `-<scheduled time>`. */
export function scheduledRunWorkflowIdPrefix(scheduleId: string): string {
  return `scheduled-${scheduleId}`;
}

/** A run's key: its scheduled time, as the Schedule appended it to the run's workflow id. */
export function runKeyOf(workflowId: string, scheduleId: string): string {
  const prefix = `${scheduledRunWorkflowIdPrefix(scheduleId)}-`;
  const key = workflowId.startsWith(prefix) ? workflowId.slice(prefix.length) : workflowId;
  // Idempotency keys are [A-Za-z0-9._:-]; an RFC 3339 time already is.
  return key.replace(/[^A-Za-z0-9._:-]/g, '_');
}

/** The Idempotency-Key of a schedule's run: the schedule and the run's time, so a repeat pays once. */
export function scheduledRunIdempotencyKey(scheduleId: string, runKey: string): string {
  return `schedule-${scheduleId}-${runKey}`;
}

/** A payment request's workflow: one per requester and Idempotency-Key, like a transfer's. */
export function paymentRequestWorkflowId(requesterId: string, idempotencyKey: string): string {
  return `payreq-${requesterId}-${idempotencyKey}`;
}

/** A webhook delivery's workflow; a redelivery adds `-redelivery-<n>`. */
export function webhookDeliveryWorkflowId(deliveryId: string): string {
  return `webhook-delivery-${deliveryId}`;
}
