/** The bank account a deposit or withdrawal names, checked to be the caller's own. */
import { findOwnBankAccount } from '../transfers/bank-accounts';
import type { Database } from '../prisma/client';
import { ProblemError } from './problem';

/** The canonical reference of the caller's verified account named by `text` (or their first). */
export async function ownAccountRef(db: Database, userId: string, text: string | undefined): Promise<string> {
  const account = await findOwnBankAccount(db, userId, text);
  if (!account) {
    throw new ProblemError(
      422,
      'bank-account-not-linked',
      'Not one of your verified bank accounts',
      text === undefined
        ? 'link a bank account first (POST /v1/bank-accounts)'
        : 'link this account first (POST /v1/bank-accounts), then use it',
    );
  }
  return account.ref;
}
