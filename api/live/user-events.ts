/** Reads of the `user_events` outbox for the live stream (in id order, one user's only). */
import type { Database } from '../../prisma/client';

export interface UserEventRow {
  id: bigint;
  type: string;
  payload: unknown;
  createdAt: Date;
}

/** A page of a user's events after `afterId`, oldest first. */
export function userEventsAfter(
  db: Database,
  userId: string,
  afterId: bigint,
  limit: number,
): Promise<UserEventRow[]> {
  return db.userEvent.findMany({
    where: { userId, id: { gt: afterId } },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true, type: true, payload: true, createdAt: true },
  });
}

/** The id of a user's latest event (0 when none): a new stream starts after it. */
export async function latestUserEventId(db: Database, userId: string): Promise<bigint> {
  const latest = await db.userEvent.findFirst({
    where: { userId },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  return latest?.id ?? 0n;
}
