/**
 * How much of a user's rolling 24-hour limit a kind of movement has used, per currency: the one
 * query both the worker's admission (which enforces it, under a lock on the user) and the API's
 * `GET /v1/limits` (which shows it) run. Movements that failed, were cancelled or compensated
 * never moved money and do not count.
 */
import type { Database } from '../prisma/client';

export type LimitedKind = 'DEPOSIT' | 'WITHDRAWAL';

/** The rolling window limits are counted over. */
export const LIMIT_WINDOW_HOURS = 24;

export async function usedInWindowMinor(executor: Pick<Database, '$queryRaw'>, userId: string, kind: LimitedKind, currency: string): Promise<bigint> {
  const [row] = await executor.$queryRaw<{ used: bigint }[]>`
    SELECT coalesce(sum(amount_minor), 0)::bigint AS used FROM transfers
     WHERE user_id = ${userId}::uuid AND kind = ${kind}::"TransferKind" AND currency = ${currency}
       AND created_at > now() - make_interval(hours => ${LIMIT_WINDOW_HOURS})
       AND status NOT IN ('FAILED', 'CANCELLED', 'COMPENSATED')`;
  return row?.used ?? 0n;
}
