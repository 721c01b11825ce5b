/**
 * A user's accounts at the bank, as the API links and resolves them. Deposits collect only
 * from, and withdrawals pay out only to, a verified account of the caller (the worker checks
 * the same in its admission). Every user gets a demo account at the mock bank when they sign
 * up, named after their id; further accounts are IBANs the bank confirms the holder of.
 */
import { randomUUID } from 'node:crypto';
import { parseIban } from '../common/iban';
import type { Database } from '../prisma/client';

export const demoBankAccountRef = (userId: string) => `kizo-linked-${userId}`;

/** The canonical spelling of a reference as a user typed it: an IBAN loses its spaces and case. */
export function canonicalBankAccountRef(text: string): string {
  return parseIban(text) ?? text.trim();
}

/** Gives a new user their demo account at the mock bank, verified (the bank opened it for them). */
export async function createDemoBankAccount(
  db: Pick<Database, 'bankAccount'>,
  user: { id: string; handle: string },
): Promise<void> {
  await db.bankAccount.create({
    data: {
      id: randomUUID(),
      userId: user.id,
      ref: demoBankAccountRef(user.id),
      holderName: user.handle,
      label: 'Demo account at the Kizo bank',
      verifiedAt: new Date(),
    },
  });
}

/**
 * The caller's verified account named by `text` (an IBAN in any spacing, or a reference), or
 * their first verified account when `text` is undefined; null when they have no such account.
 */
export async function findOwnBankAccount(db: Database, userId: string, text: string | undefined) {
  return db.bankAccount.findFirst({
    where: {
      userId,
      verifiedAt: { not: null },
      ...(text === undefined ? {} : { ref: canonicalBankAccountRef(text) }),
    },
    orderBy: { createdAt: 'asc' },
  });
}
