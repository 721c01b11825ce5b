/**
 * A wallet's history as the API pages it: the ledger's entries, newest first, with the balance
 * after each, described for a person (statements/lines.ts). Reads only.
 */
import { InvalidHistoryQuery } from '../ledger/errors';
import { createLedger } from '../ledger/ledger';
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';
import { describeEntries, type StatementLine } from '../statements/lines';
import { invalidCursor } from './cursor';

export async function walletStatement(
  db: Database,
  input: { userId: string; currency: Currency; cursor?: string; limit: number },
): Promise<{ items: StatementLine[]; nextCursor: string | null }> {
  // The ledger's cursor is a posting id; the API passes it through opaquely, and a cursor the
  // ledger refuses is the client's 400, not the server's 500.
  const page = await createLedger(db)
    .history(input.userId, input.currency, { cursor: input.cursor ?? null, limit: input.limit })
    .catch((error: unknown) => {
      throw error instanceof InvalidHistoryQuery ? invalidCursor() : error;
    });
  return { nextCursor: page.nextCursor, items: await describeEntries(db, input.userId, page.items) };
}
