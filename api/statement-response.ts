/**
 * A statement answered in the format asked: JSON (the `Statement` schema), CSV or PDF as a
 * download. Shared by the on-demand period statement and the stored monthly ones.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../prisma/client';
import { statementCsv, statementPdf } from '../statements/render';
import { buildStatement, StatementTooLarge, type Statement } from '../statements/statement';
import type { Currency } from '../common/money';
import { ProblemError } from './problem';
import { MinorUnits, WalletTransaction } from './schemas';

export const StatementFormat = z
  .enum(['json', 'csv', 'pdf'])
  .default('json')
  .openapi({ description: 'json, csv (a spreadsheet) or pdf' });

export const StatementSchema = z
  .object({
    currency: z.string(),
    from: z.string().openapi({ format: 'date-time' }),
    to: z.string().openapi({ format: 'date-time', description: 'The end of the period, not included' }),
    openingMinor: MinorUnits,
    closingMinor: MinorUnits,
    inMinor: MinorUnits,
    outMinor: MinorUnits,
    lines: z.array(WalletTransaction),
  })
  .openapi('Statement');

export const statementContent = {
  'application/json': { schema: StatementSchema },
  'text/csv': { schema: z.string() },
  'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
};

export async function buildStatementOr422(
  db: Database,
  input: { userId: string; currency: Currency; from: Date; to: Date },
): Promise<Statement> {
  try {
    return await buildStatement(db, input);
  } catch (error) {
    if (error instanceof StatementTooLarge)
      throw new ProblemError(422, 'statement-too-large', 'Too many entries for one statement', error.message);
    throw error;
  }
}

export async function statementResponse(
  c: Context,
  db: Database,
  statement: Statement,
  format: 'json' | 'csv' | 'pdf',
  userId: string,
): Promise<Response> {
  const name = `kizo-${statement.currency}-${statement.from.slice(0, 10)}-${statement.to.slice(0, 10)}`;
  c.header('Cache-Control', 'private, no-store');
  if (format === 'csv') {
    return c.body(statementCsv(statement), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
    });
  }
  if (format === 'pdf') {
    const holder = await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { handle: true, displayName: true },
    });
    const pdf = await statementPdf(statement, holder);
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name}.pdf"`,
    });
  }
  return c.json(statement, 200);
}
