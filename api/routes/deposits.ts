/**
 * Deposits (top-ups): POST starts the deposit's workflow, which asks the bank to collect and
 * then credits the wallet. The API answers 202 once the workflow has recorded the deposit and
 * sent it to the bank; the collection goes on in the background (follow GET /v1/transfers/{id}).
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../../common/config';
import type { Database } from '../../prisma/client';
import { ownAccountRef } from '../bank-account-ref';
import type { DepositInput } from '../../workflows/definitions';
import type { IdempotencyStore } from '../idempotency/store';
import { moneyPostRoute, moneyRequest } from '../money-request';
import { createRouter } from '../router';
import { BankAccountRef } from '../schemas';

const create = moneyPostRoute({
  tag: 'deposits',
  summary: 'Top the wallet up from the bank',
  description:
    'Idempotent by the `Idempotency-Key` header. Answers once the collection is sent to the bank (status SENT_TO_BANK); COMPLETED follows when the bank collects.',
  fields: {
    bankAccountRef: BankAccountRef.optional().openapi({
      description:
        "One of the caller's verified bank accounts (GET /v1/bank-accounts) to collect from; defaults to their first. Anyone else's is refused (422 `bank-account-not-linked`).",
    }),
  },
});

export function depositRoutes(dependencies: {
  db: Database;
  temporal: Client;
  config: Config;
  idempotency: IdempotencyStore;
}) {
  const app = createRouter();
  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    return moneyRequest(c, dependencies, {
      kind: 'DEPOSIT',
      userId: user.id,
      idempotencyKey,
      body,
      prepare: async (base): Promise<DepositInput> => ({
        ...base,
        bankAccountRef: await ownAccountRef(dependencies.db, user.id, body.bankAccountRef),
      }),
    });
  });
  return app;
}
