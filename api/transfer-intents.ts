/**
 * Records what an authenticated request asked a money movement to do, before its workflow
 * starts (transfers/intents.ts). A key that once named one movement can never name another,
 * even after the idempotency record expired: that is a 422, and nothing starts.
 */
import type { TransferIntent } from '../common/transfer-intent';
import type { Database } from '../prisma/client';
import { recordIntent } from '../transfers/intents';
import { ProblemError } from './problem';

export async function recordTransferIntent(db: Database, intent: TransferIntent): Promise<void> {
  if (!(await recordIntent(db, intent))) {
    throw new ProblemError(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused',
      'this key was used for a different request; use a new key',
    );
  }
}
