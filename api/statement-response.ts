/**
 * A statement answered in the format asked: JSON (the `Statement` schema), CSV or PDF as a
 * download, whatever the period's length. Shared by the on-demand period statement and the
 * stored monthly ones.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../prisma/client';
import { statementCsv, statementPdf } from '../statements/render';
import {
  STATEMENT_PAGE_LINES,
  statementLines,
  statementPage,
  summarizeStatement,
  type StatementPeriod,
  type StatementSummary,
} from '../statements/statement';
import { MinorUnits, WalletTransaction } from './schemas';

export const StatementFormat = z
  .enum(['json', 'csv', 'pdf'])
  .default('json')
  .openapi({ description: 'json, csv (a spreadsheet) or pdf' });

export const StatementQuery = z.object({
  format: StatementFormat,
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'Give the nextCursor of the page before')
    .optional()
    .openapi({ description: 'JSON only: the `nextCursor` of the page before (CSV and PDF hold every line)' }),
});

export const StatementSchema = z
  .object({
    currency: z.string(),
    from: z.string().openapi({ format: 'date-time' }),
    to: z.string().openapi({ format: 'date-time', description: 'The end of the period, not included' }),
    openingMinor: MinorUnits,
    closingMinor: MinorUnits,
    inMinor: MinorUnits,
    outMinor: MinorUnits,
    lineCount: z.number().int().openapi({ description: 'Entries in the whole period' }),
    lines: z
      .array(WalletTransaction)
      .openapi({ description: `At most ${STATEMENT_PAGE_LINES}, oldest first` }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next lines; null on the last page' }),
  })
  .openapi('Statement');

export const statementContent = {
  'application/json': { schema: StatementSchema },
  'text/csv': { schema: z.string() },
  'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
};

/** Bytes for a response body, read from `chunks` as the client takes them. */
function byteStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * The statement of `period` in the format asked. `check` sees the totals first (a stored
 * statement's must still be the ledger's). Files are streamed a page of lines at a time; JSON
 * is one page of lines with a cursor to the next.
 */
export async function statementResponse(
  c: Context,
  db: Database,
  period: StatementPeriod,
  query: z.infer<typeof StatementQuery>,
  check: (summary: StatementSummary) => void = () => undefined,
): Promise<Response> {
  c.header('Cache-Control', 'private, no-store');
  if (query.format === 'json') {
    const { lastEntryId, ...page } = await statementPage(db, period, { cursor: query.cursor ?? null });
    check({ ...page, lastEntryId });
    return c.json(page, 200);
  }
  const summary = await summarizeStatement(db, period);
  check(summary);
  const name = `kizo-${summary.currency}-${summary.from.slice(0, 10)}-${summary.to.slice(0, 10)}`;
  const lines = statementLines(db, period, summary);
  if (query.format === 'csv') {
    return c.body(byteStream(statementCsv(summary, lines)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
    });
  }
  const holder = await db.user.findUniqueOrThrow({
    where: { id: period.userId },
    select: { handle: true, displayName: true },
  });
  return c.body(byteStream(statementPdf(summary, lines, holder)), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${name}.pdf"`,
  });
}
