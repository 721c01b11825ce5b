/**
 * The caller's wallets and their statements. Balances come from the ledger (read only); a
 * user who has never moved money still sees an empty wallet in the default currency.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createLedger } from '../../ledger/ledger';
import { CURRENCIES, type Currency } from '../../common/money';
import type { Database } from '../../prisma/client';
import { createRouter } from '../router';
import { authProblems, MinorUnits, Moment, PageQuery, problemDoc, WalletTransaction } from '../schemas';
import { walletStatement } from '../wallet-history';
import { ProblemError } from '../problem';
import { statementContent, StatementQuery, statementResponse } from '../statement-response';

/** The longest period one statement covers. */
const STATEMENT_DAYS_MAX = 366;
const CurrencyParam = z.object({
  currency: z
    .enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]])
    .openapi({ param: { name: 'currency', in: 'path' } }),
});

const balanceAt = createRoute({
  method: 'get',
  path: '/{currency}/balance',
  tags: ['wallets'],
  summary: "A wallet's available balance at a moment",
  description:
    'From the balance the ledger recorded after the last entry at or before `at` (0 before the first). Money held for a transfer in flight at that moment is not in it.',
  security: [{ bearerAuth: [] }],
  request: {
    params: CurrencyParam,
    query: z.object({ at: Moment }),
  },
  responses: {
    200: {
      description: 'The balance',
      content: {
        'application/json': {
          schema: z
            .object({
              currency: z.string(),
              at: z.string().openapi({ format: 'date-time' }),
              availableMinor: MinorUnits,
              asOfEntryId: z
                .string()
                .nullable()
                .openapi({ description: 'The ledger entry it is the balance after (null: none yet)' }),
            })
            .openapi('BalanceAt'),
        },
      },
    },
    400: problemDoc('Unknown currency, or a moment malformed or outside the accepted range'),
    ...authProblems,
  },
});

const statement = createRoute({
  method: 'get',
  path: '/{currency}/statement',
  tags: ['wallets'],
  summary: "A wallet's statement for a period: opening and closing balance and every entry",
  description: `The period is [from, to), at most ${STATEMENT_DAYS_MAX} days. As JSON (a page of lines at a time, with a cursor to the next), CSV or PDF (\`format\`, every line, streamed); the numbers are the ledger's.`,
  security: [{ bearerAuth: [] }],
  request: { params: CurrencyParam, query: StatementQuery.extend({ from: Moment, to: Moment }) },
  responses: {
    200: { description: 'The statement', content: statementContent },
    400: problemDoc(
      'Unknown currency, dates malformed or outside the accepted range, or a period that ends before it starts or is too long',
    ),
    ...authProblems,
  },
});

/** The currency every account starts with. */
export const DEFAULT_CURRENCY: Currency = 'EUR';

const Wallet = z
  .object({ currency: z.string(), availableMinor: MinorUnits, heldMinor: MinorUnits })
  .openapi('Wallet');
const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['wallets'],
  summary: "The caller's wallets with available and held balances",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'Wallets',
      content: { 'application/json': { schema: z.object({ wallets: z.array(Wallet) }) } },
    },
    ...authProblems,
  },
});

const transactions = createRoute({
  method: 'get',
  path: '/{currency}/transactions',
  tags: ['wallets'],
  summary: "A wallet's ledger entries, newest first",
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({
      currency: z
        .enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]])
        .openapi({ param: { name: 'currency', in: 'path' } }),
    }),
    query: PageQuery,
  },
  responses: {
    200: {
      description: 'One page of entries',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(WalletTransaction), nextCursor: z.string().nullable() }),
        },
      },
    },
    400: problemDoc('Unknown currency or invalid cursor'),
    ...authProblems,
  },
});

export function walletRoutes({ db }: { db: Database }) {
  const app = createRouter();
  const ledger = createLedger(db);

  app.openapi(list, async (c) => {
    const balances = await ledger.balances(c.get('user').id);
    const wallets = balances.map((balance) => ({
      currency: balance.currency,
      availableMinor: balance.availableMinor.toString(),
      heldMinor: balance.heldMinor.toString(),
    }));
    if (!wallets.some((wallet) => wallet.currency === DEFAULT_CURRENCY)) {
      wallets.unshift({ currency: DEFAULT_CURRENCY, availableMinor: '0', heldMinor: '0' });
    }
    return c.json({ wallets }, 200);
  });

  app.openapi(transactions, async (c) => {
    const { currency } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    const page = await walletStatement(db, {
      userId: c.get('user').id,
      currency,
      limit,
      ...(cursor ? { cursor } : {}),
    });
    return c.json(page, 200);
  });

  app.openapi(balanceAt, async (c) => {
    const { currency } = c.req.valid('param');
    const at = new Date(c.req.valid('query').at);
    const balance = await ledger.balanceAt(c.get('user').id, currency, at);
    return c.json(
      {
        currency,
        at: at.toISOString(),
        availableMinor: balance.balanceMinor.toString(),
        asOfEntryId: balance.postingId,
      },
      200,
    );
  });

  app.openapi(statement, async (c) => {
    const { currency } = c.req.valid('param');
    const query = c.req.valid('query');
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from < to) || to.getTime() - from.getTime() > STATEMENT_DAYS_MAX * 24 * 3600 * 1000) {
      throw new ProblemError(
        400,
        'invalid-period',
        'Choose a period that ends after it starts',
        `at most ${STATEMENT_DAYS_MAX} days`,
      );
    }
    const userId = c.get('user').id;
    return (await statementResponse(c, db, { userId, currency, from, to }, query)) as never;
  });

  return app;
}
