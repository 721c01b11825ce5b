/**
 * The caller's monthly statements (made on the 1st by the `kizo-monthly-statements` Schedule):
 * the list with their totals, and each as JSON, CSV or PDF, made again from the ledger, which
 * must give the totals recorded when it was made.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Currency } from '../../common/money';
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, IdParam, MinorUnits, problemDoc } from '../schemas';
import { statementContent, StatementQuery, statementResponse } from '../statement-response';

const MonthlyStatement = z
  .object({
    id: z.string().uuid(),
    currency: z.string(),
    from: z.string().openapi({ format: 'date-time' }),
    to: z.string().openapi({ format: 'date-time' }),
    openingMinor: MinorUnits,
    closingMinor: MinorUnits,
    inMinor: MinorUnits,
    outMinor: MinorUnits,
    lineCount: z.number().int(),
  })
  .openapi('MonthlyStatement');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['wallets'],
  summary: "The caller's monthly statements, newest first",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'Statements',
      content: { 'application/json': { schema: z.object({ items: z.array(MonthlyStatement) }) } },
    },
    ...authProblems,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['wallets'],
  summary: 'One monthly statement, as JSON, CSV or PDF',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam, query: StatementQuery },
  responses: {
    200: { description: 'The statement', content: statementContent },
    400: problemDoc('The id is not a UUID, or a malformed cursor'),
    ...authProblems,
    404: problemDoc("No such statement of the caller's"),
  },
});

export function statementRoutes({ db }: { db: Database }) {
  const app = createRouter();

  app.openapi(list, async (c) => {
    const rows = await db.statement.findMany({
      where: { userId: c.get('user').id },
      orderBy: [{ periodStart: 'desc' }, { currency: 'asc' }],
      take: 120,
    });
    const items = rows.map((row) => ({
      id: row.id,
      currency: row.currency,
      from: row.periodStart.toISOString(),
      to: row.periodEnd.toISOString(),
      openingMinor: row.openingMinor.toString(),
      closingMinor: row.closingMinor.toString(),
      inMinor: row.inMinor.toString(),
      outMinor: row.outMinor.toString(),
      lineCount: row.lineCount,
    }));
    return c.json({ items }, 200);
  });

  app.openapi(get, async (c) => {
    const userId = c.get('user').id;
    const row = await db.statement.findFirst({ where: { id: c.req.valid('param').id, userId } });
    if (!row) throw new ProblemError(404, 'not-found', 'Statement not found');
    const period = { userId, currency: row.currency as Currency, from: row.periodStart, to: row.periodEnd };
    return (await statementResponse(c, db, period, c.req.valid('query'), (summary) => {
      if (summary.closingMinor !== row.closingMinor.toString() || summary.lineCount !== row.lineCount)
        throw new Error(`statement ${row.id} no longer matches the ledger`);
    })) as never;
  });

  return app;
}
