/**
 * Monthly statements: for each wallet with entries in a month, its statement's totals recorded
 * in `statements` (once per wallet and month, so a repeated or retried run adds nothing), by
 * one aggregate however many entries the month holds; a wallet that fails is recorded as skipped. Run
 * by the `monthlyStatementsWorkflow` of the `kizo-monthly-statements` Schedule, in batches.
 */
import { uuidV5 } from '../common/ids';
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';
import { summarizeStatement } from './statement';

/** The month [start, end) in UTC of a `YYYY-MM`. */
export function monthPeriod(month: string): { from: Date; to: Date } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, monthNumber - 1, 1)), to: new Date(Date.UTC(year, monthNumber, 1)) };
}

/**
 * Makes the statements of up to `batch` wallets after `afterAccountId`; answers where to go on,
 * or null when done. A wallet whose statement cannot be made is recorded in `statement_skips`
 * and the batch goes on; if even that record cannot be written (the database is away), the
 * activity fails and is retried.
 */
export async function makeMonthlyStatements(
  db: Database,
  input: { month: string; afterAccountId: string; batch: number },
): Promise<{ made: number; skipped: number; next: string | null }> {
  const { from, to } = monthPeriod(input.month);
  const wallets = await db.$queryRaw<{ id: bigint; user_id: string; currency: Currency }[]>`
    SELECT a.id, a.user_id::text, a.currency FROM accounts a
     WHERE a.kind = 'WALLET' AND a.id > ${BigInt(input.afterAccountId)}
       AND (EXISTS (SELECT 1 FROM postings p WHERE p.debit_account_id = a.id AND p.created_at >= ${from} AND p.created_at < ${to})
         OR EXISTS (SELECT 1 FROM postings p WHERE p.credit_account_id = a.id AND p.created_at >= ${from} AND p.created_at < ${to}))
     ORDER BY a.id LIMIT ${input.batch}`;
  let made = 0;
  let skipped = 0;
  for (const wallet of wallets) {
    const key = { userId: wallet.user_id, currency: wallet.currency, periodStart: from };
    try {
      const statement = await summarizeStatement(db, {
        userId: wallet.user_id,
        currency: wallet.currency,
        from,
        to,
      });
      made += await db.$executeRaw`
        INSERT INTO statements (id, user_id, currency, period_start, period_end, opening_minor, closing_minor, in_minor, out_minor, line_count)
        VALUES (${uuidV5(`statement-${wallet.user_id}-${wallet.currency}-${input.month}`)}::uuid, ${wallet.user_id}::uuid, ${wallet.currency}, ${from}, ${to},
                ${BigInt(statement.openingMinor)}, ${BigInt(statement.closingMinor)}, ${BigInt(statement.inMinor)}, ${BigInt(statement.outMinor)}, ${statement.lineCount})
        ON CONFLICT DO NOTHING`;
      await db.statementSkip.deleteMany({ where: key });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await db.statementSkip.upsert({
        where: { userId_currency_periodStart: key },
        create: { ...key, periodEnd: to, reason },
        update: { reason, skippedAt: new Date() },
      });
      skipped += 1;
    }
  }
  return { made, skipped, next: wallets.length === input.batch ? wallets.at(-1)!.id.toString() : null };
}
