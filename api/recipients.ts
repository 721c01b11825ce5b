/**
 * Who money goes to (or is asked from): a user named by handle (with or without `@`) or email.
 * Sending, requesting, scheduling, the lookup and saving a contact all resolve the name here,
 * under one rule: an email names a user only once they verified it. An unverified email answers
 * exactly as an unregistered one (same status, same problem), so whoever signs up with someone
 * else's address first receives nothing addressed to it, and no answer tells the two apart.
 */
import type { Database } from '../prisma/client';
import { ProblemError } from './problem';

export interface Recipient {
  id: string;
  handle: string;
  displayName: string | null;
}

export function findUserByName(db: Database, name: string): Promise<Recipient | null> {
  const normalized = name.trim().toLowerCase();
  return db.user.findFirst({
    where:
      normalized.includes('@') && !normalized.startsWith('@')
        ? { email: normalized, emailVerifiedAt: { not: null } }
        : { handle: normalized.replace(/^@/, '') },
    select: { id: true, handle: true, displayName: true },
  });
}

/** The other user, or a 422 when there is none or it is the caller. */
export async function resolveRecipient(
  db: Database,
  callerId: string,
  name: string,
  role = 'Recipient',
): Promise<Recipient> {
  const recipient = await findUserByName(db, name);
  if (!recipient)
    throw new ProblemError(
      422,
      'recipient-not-found',
      `${role} not found`,
      'no user has that handle or verified email',
    );
  if (recipient.id === callerId)
    throw new ProblemError(
      422,
      'self-transfer',
      role === 'Recipient' ? 'You cannot send money to yourself' : 'You cannot ask yourself for money',
    );
  return recipient;
}

/** The name to show for a user: their display name, else their handle. */
export const nameOf = (user: { handle: string; displayName: string | null }) =>
  user.displayName ?? `@${user.handle}`;
