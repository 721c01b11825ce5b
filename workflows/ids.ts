/**
 * Workflow ids: one per user and idempotency key, so a retried request joins the workflow the
 * first one started instead of moving money again. Pure: the API and workflows import it.
 */
import type { TransferKind } from './definitions';

const PREFIX: Record<TransferKind, string> = { P2P: 'p2p', DEPOSIT: 'deposit', WITHDRAWAL: 'withdrawal' };

export function transferWorkflowId(kind: TransferKind, userId: string, idempotencyKey: string): string {
  return `${PREFIX[kind]}-${userId}-${idempotencyKey}`;
}
