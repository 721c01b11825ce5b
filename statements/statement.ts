/**
 * A wallet's statement for a period: the opening balance (the ledger's balance after the last
 * entry before the period), every entry in it, and the closing balance, all from the ledger.
 * It checks itself: opening plus the entries must equal closing, or it refuses to exist.
 */
import type { Currency } from '../common/money';
import { createLedger } from '../ledger/ledger';
import type { Database } from '../prisma/client';
import { describeEntries, type StatementLine } from './lines';

/** Entries one statement may hold; a longer period is split by the reader. */
export const STATEMENT_LINES_MAX = 20_000;

export interface Statement {
  currency: Currency;
  /** The period [from, to). */
  from: string;
  to: string;
  openingMinor: string;
  closingMinor: string;
  /** Money in and out over the period, both as positive digits. */
  inMinor: string;
  outMinor: string;
  lines: StatementLine[];
}

export class StatementTooLarge extends Error {}

export async function buildStatement(
  db: Database,
  input: { userId: string; currency: Currency; from: Date; to: Date },
): Promise<Statement> {
  const ledger = createLedger(db);
  const opening = await ledger.balanceAt(input.userId, input.currency, new Date(input.from.getTime() - 1));
  const entries = await ledger.entriesBetween(
    input.userId,
    input.currency,
    { from: input.from, to: input.to },
    STATEMENT_LINES_MAX + 1,
  );
  if (entries.length > STATEMENT_LINES_MAX)
    throw new StatementTooLarge(
      `the period has more than ${STATEMENT_LINES_MAX} entries; choose a shorter one`,
    );
  const inMinor = entries.reduce(
    (sum, entry) => (entry.amountMinor > 0n ? sum + entry.amountMinor : sum),
    0n,
  );
  const outMinor = entries.reduce(
    (sum, entry) => (entry.amountMinor < 0n ? sum - entry.amountMinor : sum),
    0n,
  );
  const closing = entries.at(-1)?.balanceAfterMinor ?? opening.balanceMinor;
  if (opening.balanceMinor + inMinor - outMinor !== closing) {
    throw new Error(
      `statement of ${input.currency} for ${input.userId} does not add up: ${opening.balanceMinor} + ${inMinor} - ${outMinor} != ${closing}`,
    );
  }
  return {
    currency: input.currency,
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    openingMinor: opening.balanceMinor.toString(),
    closingMinor: closing.toString(),
    inMinor: inMinor.toString(),
    outMinor: outMinor.toString(),
    lines: await describeEntries(db, input.userId, entries),
  };
}
