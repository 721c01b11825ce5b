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
