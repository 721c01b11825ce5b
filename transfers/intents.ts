/**
 * The `transfer_intents` table: what an authenticated request (or the owner's schedule, for its
 * runs) asked a money movement to do, recorded before its workflow starts. The worker's
 * admission (activities/transfer-admission.ts) moves money only for input that matches.
 */
import { transferIntentHash, type TransferIntent } from '../common/transfer-intent';
import type { Database } from '../prisma/client';

/**
 * Records the intent once; true when the stored intent is this one. Either unique index
 * (transfer, or user and key) makes a second, different intent a no-op, so a key that once
 * named one movement can never name another.
 */
export async function recordIntent(
  db: Pick<Database, '$executeRaw' | '$queryRaw'>,
  intent: TransferIntent,
): Promise<boolean> {
  const intentHash = transferIntentHash(intent);
  await db.$executeRaw`
    INSERT INTO transfer_intents (transfer_id, user_id, idempotency_key, intent_hash)
    VALUES (${intent.transferId}::uuid, ${intent.userId}::uuid, ${intent.idempotencyKey}, ${intentHash})
    ON CONFLICT DO NOTHING`;
  const [stored] = await db.$queryRaw<
    { intent_hash: string }[]
  >`SELECT intent_hash FROM transfer_intents WHERE transfer_id = ${intent.transferId}::uuid`;
  return stored?.intent_hash === intentHash;
}
