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
  db: Pick<Database, '$queryRaw'>,
  intent: TransferIntent,
): Promise<boolean> {
  const intentHash = transferIntentHash(intent);
  // One round trip: the row this statement inserted, else the one already there.
  const [stored] = await db.$queryRaw<{ intent_hash: string }[]>`
    WITH inserted AS (
      INSERT INTO transfer_intents (transfer_id, user_id, idempotency_key, intent_hash)
      VALUES (${intent.transferId}::uuid, ${intent.userId}::uuid, ${intent.idempotencyKey}, ${intentHash})
      ON CONFLICT DO NOTHING
      RETURNING intent_hash)
    SELECT intent_hash FROM inserted
    UNION ALL
    SELECT intent_hash FROM transfer_intents WHERE transfer_id = ${intent.transferId}::uuid AND NOT EXISTS (SELECT 1 FROM inserted)`;
  if (stored) return stored.intent_hash === intentHash;
  // A twin inserted it after this statement's snapshot was taken: read it in a new one.
  const [twin] = await db.$queryRaw<
    { intent_hash: string }[]
  >`SELECT intent_hash FROM transfer_intents WHERE transfer_id = ${intent.transferId}::uuid`;
  return twin?.intent_hash === intentHash;
}
