/**
 * The caller's wallets and their statements. Balances come from the ledger (read only); a
 * user who has never moved money still sees an empty wallet in the default currency.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createLedger } from '../../ledger/ledger';
import { CURRENCIES, type Currency } from '../../common/money';
import type { Database } from '../../prisma/client';
import { createRouter } from '../router';
import { authProblems, MinorUnits, PageQuery, problemDoc, WalletTransaction } from '../schemas';
import { walletStatement } from '../wallet-history';

/** The currency every account starts with. */
export const DEFAULT_CURRENCY: Currency = 'EUR';

const Wallet = z.object({ currency: z.string(), availableMinor: MinorUnits, heldMinor: MinorUnits }).openapi('Wallet');
const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['wallets'],
  summary: "The caller's wallets with available and held balances",
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: 'Wallets', content: { 'application/json': { schema: z.object({ wallets: z.array(Wallet) }) } } },
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
    params: z.object({ currency: z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]).openapi({ param: { name: 'currency', in: 'path' } }) }),
    query: PageQuery,
  },
  responses: {
    200: {
      description: 'One page of entries',
      content: { 'application/json': { schema: z.object({ items: z.array(WalletTransaction), nextCursor: z.string().nullable() }) } },
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
    const page = await walletStatement(db, { userId: c.get('user').id, currency, limit, ...(cursor ? { cursor } : {}) });
    return c.json(page, 200);
  });

  return app;
}
