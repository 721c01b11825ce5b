/**
 * Workflow ids: one per user and idempotency key, so a retried request joins the workflow the
 * first one started instead of moving money again. Pure: the API and workflows import it.
 */
import { descriptorOf } from '../transfers/kinds';
import type { TransferKind } from './definitions';

export function transferWorkflowId(kind: TransferKind, userId: string, idempotencyKey: string): string {
  return `${descriptorOf(kind).idPrefix}-${userId}-${idempotencyKey}`;
}
