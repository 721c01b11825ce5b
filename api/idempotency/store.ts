/**
 * The idempotency_keys table as the API uses it (IETF Idempotency-Key draft semantics).
 * The INSERT ... ON CONFLICT DO NOTHING (Prisma's createMany with skipDuplicates) is the lock:
 * of any number of concurrent requests with one key, exactly one inserts the row and runs;
 * the others see it in flight (409) or, once it is completed, replay its stored response.
 * Rows live until `expires_at` (at least IDEMPOTENCY_KEY_TTL_HOURS), in PostgreSQL, so they
 * survive restarts and are shared by every API replica.
 */
import type { Database } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'completed'; response: StoredResponse };

export interface IdempotencySettings {
  ttlHours: number;
  /** A claim older than this with no response is abandoned (its process died) and may be retaken. */
  lockTimeoutSeconds: number;
}

/** Attempts to claim a key before answering "in flight"; two cover a concurrent expiry purge. */
const CLAIM_ATTEMPTS_MAX = 2;

export function createIdempotencyStore(db: Database, settings: IdempotencySettings) {
  return {
    async claim(input: {
      userId: string;
      key: string;
      hash: string;
      method: string;
      path: string;
    }): Promise<ClaimOutcome> {
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS_MAX; attempt += 1) {
        const now = new Date();
        const inserted = await db.idempotencyKey.createMany({
          data: {
            userId: input.userId,
            key: input.key,
            requestHash: input.hash,
            method: input.method,
            path: input.path,
            // One clock for both, so the row's lifetime is exactly the policy's.
            createdAt: now,
            expiresAt: new Date(now.getTime() + settings.ttlHours * 3600 * 1000),
          },
          skipDuplicates: true,
        });
        if (inserted.count === 1) return { kind: 'claimed' };

        const row = await db.idempotencyKey.findUnique({
          where: { userId_key: { userId: input.userId, key: input.key } },
        });
        if (!row) continue; // released by a failed first attempt a moment ago: claim again
        if (row.expiresAt <= now) {
          await db.idempotencyKey.deleteMany({
            where: { userId: input.userId, key: input.key, expiresAt: { lte: now } },
          });
          continue;
        }
        if (row.requestHash !== input.hash) return { kind: 'mismatch' };
        if (row.completedAt && row.responseStatus !== null) {
          return { kind: 'completed', response: { status: row.responseStatus, body: row.responseBody } };
        }
        // created_at doubles as the claim time: retaking a stale claim is one conditional update,
        // so only one of several retries wins it. Running again is safe because the workflow id
        // is derived from the key: the retried start joins the workflow the dead process started.
        const retaken = await db.idempotencyKey.updateMany({
          where: {
            userId: input.userId,
            key: input.key,
            completedAt: null,
            createdAt: { lt: new Date(now.getTime() - settings.lockTimeoutSeconds * 1000) },
          },
          data: { createdAt: now },
        });
        return retaken.count === 1 ? { kind: 'claimed' } : { kind: 'in-flight' };
      }
      return { kind: 'in-flight' };
    },

    async complete(userId: string, key: string, response: StoredResponse): Promise<void> {
      await db.idempotencyKey.update({
        where: { userId_key: { userId, key } },
        data: {
          responseStatus: response.status,
          responseBody: response.body as Prisma.InputJsonValue,
          completedAt: new Date(),
        },
      });
    },

    /** Frees a key whose request failed for a reason worth retrying (a fault, not a refusal). */
    async release(userId: string, key: string): Promise<void> {
      await db.idempotencyKey.deleteMany({ where: { userId, key, completedAt: null } });
    },

    /**
     * Deletes expired keys in batches of `batch` until none is left (or `batchesMax` ran), so the
     * purge keeps up however fast keys arrive; main.ts runs it every minute. Returns the count.
     */
    async purgeExpired(options: { batch: number; batchesMax: number }): Promise<number> {
      let deleted = 0;
      for (let round = 0; round < options.batchesMax; round += 1) {
        const count = await db.$executeRaw`
          DELETE FROM idempotency_keys WHERE (user_id, key) IN (
            SELECT user_id, key FROM idempotency_keys WHERE expires_at <= now() LIMIT ${options.batch})`;
        deleted += count;
        if (count < options.batch) break;
      }
      return deleted;
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
