/**
 * Records what an authenticated request asked a money movement to do, before its workflow
 * starts; the worker moves money only for input that matches (activities/transfer-admission).
 * A key that once named one movement can never name another, even after the idempotency
 * record expired: that is a 422, and nothing starts.
 */
import { transferIntentHash, type TransferIntent } from '../common/transfer-intent';
import type { Database } from '../prisma/client';
import { ProblemError } from './problem';

export async function recordTransferIntent(db: Database, intent: TransferIntent): Promise<void> {
  const intentHash = transferIntentHash(intent);
  // Either unique index (transfer, or user and key) makes a second, different intent a no-op.
  await db.$executeRaw`
    INSERT INTO transfer_intents (transfer_id, user_id, idempotency_key, intent_hash)
    VALUES (${intent.transferId}::uuid, ${intent.userId}::uuid, ${intent.idempotencyKey}, ${intentHash})
    ON CONFLICT DO NOTHING`;
  const stored = await db.transferIntent.findUnique({ where: { transferId: intent.transferId }, select: { intentHash: true } });
  if (stored?.intentHash !== intentHash) {
    throw new ProblemError(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'this key was used for a different request; use a new key');
  }
}
