/**
 * A wallet's statement for a period: the opening balance (the ledger's balance after the last
 * entry before the period), every entry in it, and the closing balance, all from the ledger.
 * Totals come from one aggregate and check themselves (opening plus the entries must equal
 * closing, or the statement refuses to exist); the entries are read in pages by posting id, so
 * a period of any length is served page by page (JSON) or streamed (CSV, PDF), never refused.
 */
import type { Currency } from '../common/money';
import { createLedger } from '../ledger/ledger';
import type { Database } from '../prisma/client';
import { describeEntries, type StatementLine } from './lines';

/** Entries in one JSON page of a statement, and in one read of a streamed file. */
export const STATEMENT_PAGE_LINES = 5_000;

export interface StatementPeriod {
  userId: string;
  currency: Currency;
  /** The period [from, to). */
  from: Date;
  to: Date;
}

export interface StatementSummary {
  currency: Currency;
  from: string;
  to: string;
  openingMinor: string;
  closingMinor: string;
  /** Money in and out over the period, both as positive digits. */
  inMinor: string;
  outMinor: string;
  lineCount: number;
  /** The period's last entry when the totals were taken: the lines are read up to it. */
  lastEntryId: string | null;
}

export interface StatementPage extends StatementSummary {
  lines: StatementLine[];
  /** Pass back as `cursor` for the next page of lines; null on the last. */
  nextCursor: string | null;
}

/** The ledger's entries do not chain from opening to closing: an integrity fault, never retried away. */
export class StatementDoesNotAddUp extends Error {
  override readonly name = 'StatementDoesNotAddUp';
}

export async function summarizeStatement(db: Database, period: StatementPeriod): Promise<StatementSummary> {
  const totals = await createLedger(db).periodTotals(period.userId, period.currency, period);
  if (totals.openingMinor + totals.inMinor - totals.outMinor !== totals.closingMinor) {
    throw new StatementDoesNotAddUp(
      `statement of ${period.currency} for ${period.userId} from ${period.from.toISOString()} does not add up: ` +
        `${totals.openingMinor} + ${totals.inMinor} - ${totals.outMinor} != ${totals.closingMinor}`,
    );
  }
  return {
    currency: period.currency,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    openingMinor: totals.openingMinor.toString(),
    closingMinor: totals.closingMinor.toString(),
    inMinor: totals.inMinor.toString(),
    outMinor: totals.outMinor.toString(),
    lineCount: totals.entryCount,
    lastEntryId: totals.lastEntryId,
  };
}

/** Up to `limit` lines after the entry `cursor`, and where the next page starts. */
async function linesAfter(
  db: Database,
  period: StatementPeriod & { throughId: string | null },
  cursor: string | null,
  limit: number,
): Promise<{ lines: StatementLine[]; nextCursor: string | null }> {
  const entries = await createLedger(db).entriesBetween(
    period.userId,
    period.currency,
    { from: period.from, to: period.to, afterId: cursor, throughId: period.throughId ?? '0' },
    limit + 1,
  );
  const page = entries.slice(0, limit);
  for (let index = 1; index < page.length; index += 1) {
    if (page[index - 1]!.balanceAfterMinor + page[index]!.amountMinor !== page[index]!.balanceAfterMinor) {
      throw new StatementDoesNotAddUp(`entries ${page[index - 1]!.id} and ${page[index]!.id} do not chain`);
    }
  }
  return {
    lines: await describeEntries(db, period.userId, page),
    nextCursor: entries.length > limit ? page.at(-1)!.id : null,
  };
}

/** The totals and one page of lines (the first without a cursor). */
export async function statementPage(
  db: Database,
  period: StatementPeriod,
  page: { cursor?: string | null; limit?: number } = {},
): Promise<StatementPage> {
  const summary = await summarizeStatement(db, period);
  const through = { ...period, throughId: summary.lastEntryId };
  return {
    ...summary,
    ...(await linesAfter(db, through, page.cursor ?? null, page.limit ?? STATEMENT_PAGE_LINES)),
  };
}

/** Every line of the period, a page at a time, checked to chain from opening to closing. */
export async function* statementLines(
  db: Database,
  period: StatementPeriod,
  summary: StatementSummary,
  pageLines = STATEMENT_PAGE_LINES,
): AsyncGenerator<StatementLine[]> {
  let balance = BigInt(summary.openingMinor);
  let count = 0;
  for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
    const page: { lines: StatementLine[]; nextCursor: string | null } = await linesAfter(
      db,
      { ...period, throughId: summary.lastEntryId },
      cursor,
      pageLines,
    );
    for (const line of page.lines) {
      balance += BigInt(line.amountMinor);
      if (balance !== BigInt(line.balanceAfterMinor))
        throw new StatementDoesNotAddUp(`entry ${line.id} does not follow from the one before`);
    }
    count += page.lines.length;
    if (page.lines.length > 0) yield page.lines;
    cursor = page.nextCursor;
  }
  if (balance.toString() !== summary.closingMinor || count !== summary.lineCount)
    throw new StatementDoesNotAddUp(
      `the entries of ${summary.currency} from ${summary.from} do not reach the closing balance`,
    );
}
