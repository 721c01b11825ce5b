/**
 * The fingerprint of what a user asked a money movement to do. The API records it (with the
 * user it authenticated) before it starts the workflow; the worker recomputes it from the
 * workflow's input and moves money only when the two agree, so input forged on the Temporal
 * port (another user, amount, recipient or account) moves nothing.
 */
import { createHash } from 'node:crypto';
import type { TransferKind } from './transfer-status';

export interface TransferIntent {
  transferId: string;
  kind: TransferKind;
  userId: string;
  idempotencyKey: string;
  currency: string;
  /** Minor units, canonical digits. */
  amountMinor: string;
  recipientUserId: string | null;
  bankAccountRef: string | null;
}

export function transferIntentHash(intent: TransferIntent): string {
  const canonical = JSON.stringify([
    intent.transferId.toLowerCase(),
    intent.kind,
    intent.userId.toLowerCase(),
    intent.idempotencyKey,
    intent.currency,
    BigInt(intent.amountMinor).toString(),
    intent.recipientUserId?.toLowerCase() ?? null,
    intent.bankAccountRef,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The intent a workflow input carries, in the fields the worker checks it by: what the API
 * records for a request, and what a schedule's run records for its owner.
 */
export function intentOf(
  kind: TransferKind,
  input: {
    transferId: string;
    userId: string;
    idempotencyKey: string;
    currency: string;
    amountMinor: string;
    recipientUserId?: string | null;
    bankAccountRef?: string | null;
  },
): TransferIntent {
  return {
    transferId: input.transferId,
    kind,
    userId: input.userId,
    idempotencyKey: input.idempotencyKey,
    currency: input.currency,
    amountMinor: input.amountMinor,
    recipientUserId: input.recipientUserId ?? null,
    bankAccountRef: input.bankAccountRef ?? null,
  };
}
