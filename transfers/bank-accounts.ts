/**
 * A user's accounts at the bank, as the API links and resolves them. Deposits collect only
 * from, and withdrawals pay out only to, a VERIFIED account of the caller (the worker checks
 * the same in its admission, and again before each collection). Every user gets a demo account
 * at the mock bank when they sign up, named after their id, verified by construction; any other
 * account is linked PENDING_VERIFICATION and proven by micro-deposits: the bank sends two small
 * random amounts from Kizo's own account to it, and its user types them back (three tries, then
 * the link is VOID). Whoever proves an account owns it: every other link of it is voided.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { parseIban } from '../common/iban';
import type { Database } from '../prisma/client';

export const demoBankAccountRef = (userId: string) => `kizo-linked-${userId}`;

/** Micro-deposits per link, each 1..99 minor units, and the tries its user has to type them back. */
export const MICRO_DEPOSIT_COUNT = 2;
export const MICRO_DEPOSIT_MINOR_MAX = 99;
export const CONFIRM_TRIES_MAX = 3;

export type BankAccountVoidReason = 'CONFIRM_TRIES_EXHAUSTED' | 'CLAIMED_BY_PROVEN_OWNER';

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
      status: 'VERIFIED',
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
      status: 'VERIFIED',
      ...(text === undefined ? {} : { ref: canonicalBankAccountRef(text) }),
    },
    orderBy: { createdAt: 'asc' },
  });
}

/** Whether `userId` holds `ref` as a VERIFIED link now: what the worker requires of a deposit. */
export async function isProvenOwner(db: Database, userId: string, ref: string): Promise<boolean> {
  const account = await db.bankAccount.findFirst({
    where: { userId, ref, status: 'VERIFIED' },
    select: { id: true },
  });
  return account !== null;
}

/** Two random amounts of 1..99 minor units, from the operating system's generator. */
export function drawMicroDeposits(): bigint[] {
  return Array.from({ length: MICRO_DEPOSIT_COUNT }, () => BigInt(randomInt(1, MICRO_DEPOSIT_MINOR_MAX + 1)));
}

/**
 * The keyed hash a link keeps of its amounts (in any order: a person may type them either way).
 * Keyed, because 99 x 99 possibilities are no secret behind a plain hash.
 */
export function microDepositHash(
  key: Buffer,
  bankAccountId: string,
  amountsMinor: readonly bigint[],
): string {
  const sorted = [...amountsMinor].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha256', key)
    .update(`bank-account-proof:${bankAccountId}:${sorted.join(',')}`)
    .digest('hex');
}

export type ConfirmOutcome =
  | { outcome: 'VERIFIED'; voidedOtherLinks: number }
  | { outcome: 'WRONG'; triesLeft: number }
  | { outcome: 'VOIDED'; reason: BankAccountVoidReason }
  | { outcome: 'NOT_PENDING'; status: 'VERIFIED' | 'VOID' }
  | { outcome: 'NOT_FOUND' };

/**
 * One try at a link's micro-deposits. Every link of the account is locked (in id order, so two
 * claimants cannot deadlock) before the try is counted, so concurrent tries are counted one by
 * one and at most CONFIRM_TRIES_MAX of them are ever compared. The right amounts make the link
 * VERIFIED and void every other link of the account; the last wrong try voids this one.
 */
export async function confirmMicroDeposits(
  db: Database,
  input: { userId: string; bankAccountId: string; amountsMinor: readonly bigint[]; key: Buffer },
): Promise<ConfirmOutcome> {
  const target = await db.bankAccount.findFirst({
    where: { id: input.bankAccountId, userId: input.userId },
    select: { ref: true },
  });
  if (!target) return { outcome: 'NOT_FOUND' };
  return db.$transaction(async (tx) => {
    const links = await tx.$queryRaw<{ id: string; status: 'PENDING_VERIFICATION' | 'VERIFIED' | 'VOID' }[]>`
      SELECT id::text, status::text FROM bank_accounts WHERE ref = ${target.ref} ORDER BY id FOR UPDATE`;
    const link = links.find((row) => row.id === input.bankAccountId);
    if (!link) return { outcome: 'NOT_FOUND' } as const;
    if (link.status !== 'PENDING_VERIFICATION')
      return { outcome: 'NOT_PENDING', status: link.status } as const;
    const [proof] = await tx.$queryRaw<{ amounts_hash: string; tries_left: number }[]>`
      UPDATE bank_account_proofs SET tries_left = tries_left - 1
       WHERE bank_account_id = ${input.bankAccountId}::uuid AND tries_left > 0
       RETURNING amounts_hash, tries_left`;
    if (!proof) {
      // A pending link always has its proof with tries left; without, it can never be proven.
      await voidLinks(tx, [input.bankAccountId], 'CONFIRM_TRIES_EXHAUSTED');
      return { outcome: 'VOIDED', reason: 'CONFIRM_TRIES_EXHAUSTED' } as const;
    }
    const tried = Buffer.from(microDepositHash(input.key, input.bankAccountId, input.amountsMinor), 'hex');
    const expected = Buffer.from(proof.amounts_hash, 'hex');
    const right = tried.length === expected.length && timingSafeEqual(tried, expected);
    if (!right) {
      if (proof.tries_left > 0) return { outcome: 'WRONG', triesLeft: proof.tries_left } as const;
      await voidLinks(tx, [input.bankAccountId], 'CONFIRM_TRIES_EXHAUSTED');
      return { outcome: 'VOIDED', reason: 'CONFIRM_TRIES_EXHAUSTED' } as const;
    }
    const others = links.filter((row) => row.id !== input.bankAccountId && row.status !== 'VOID');
    await voidLinks(
      tx,
      others.map((row) => row.id),
      'CLAIMED_BY_PROVEN_OWNER',
    );
    await tx.bankAccountProof.delete({ where: { bankAccountId: input.bankAccountId } });
    await tx.bankAccount.update({
      where: { id: input.bankAccountId },
      data: { status: 'VERIFIED', verifiedAt: new Date() },
    });
    return { outcome: 'VERIFIED', voidedOtherLinks: others.length } as const;
  });
}

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

async function voidLinks(tx: Transaction, ids: string[], reason: BankAccountVoidReason): Promise<void> {
  if (ids.length === 0) return;
  await tx.bankAccountProof.deleteMany({ where: { bankAccountId: { in: ids } } });
  await tx.bankAccount.updateMany({
    where: { id: { in: ids }, status: { not: 'VOID' } },
    data: { status: 'VOID', voidedAt: new Date(), voidReason: reason },
  });
}
