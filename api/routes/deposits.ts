/**
 * Deposits (top-ups): POST starts the deposit's workflow, which asks the bank to collect and
 * then credits the wallet. The API answers 202 once the workflow has recorded the deposit and
 * sent it to the bank; the collection goes on in the background (follow GET /v1/transfers/{id}).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Config } from '../../common/config';
import { parseAmountMinor, parseCurrency } from '../../common/money';
import type { Database } from '../../prisma/client';
import { bankSettingsFromConfig } from '../../workflows/bank-settings';
import type { DepositInput } from '../../workflows/definitions';
import { requireIdempotencyKey } from '../idempotency/require-key';
import type { IdempotencyStore } from '../idempotency/store';
import { moneyRequest } from '../money-request';
import { createRouter } from '../router';
import { AmountMinorInput, BankAccountRef, CurrencyInput, IdempotencyKeyHeader } from '../schemas';
import { moneyPostResponses } from './transfers';

/** The account a deposit collects from when the client names none: the user's linked demo account. */
export const defaultBankAccountRef = (userId: string) => `kizo-linked-${userId}`;

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['deposits'],
  summary: 'Top the wallet up from the bank',
  description: 'Idempotent by the `Idempotency-Key` header. Answers once the collection is sent to the bank (status SENT_TO_BANK); COMPLETED follows when the bank collects.',
  security: [{ bearerAuth: [] }],
  middleware: [requireIdempotencyKey] as const,
  request: {
    headers: IdempotencyKeyHeader,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            amountMinor: AmountMinorInput,
            currency: CurrencyInput,
            bankAccountRef: BankAccountRef.optional().openapi({ description: "Account to collect from; defaults to the user's linked account" }),
          }),
        },
      },
    },
  },
  responses: moneyPostResponses,
});

export function depositRoutes(dependencies: { db: Database; temporal: Client; config: Config; idempotency: IdempotencyStore }) {
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
      prepare: async ({ transferId }): Promise<DepositInput> => ({
        transferId,
        userId: user.id,
        idempotencyKey,
        currency: parseCurrency(body.currency),
        amountMinor: parseAmountMinor(body.amountMinor).toString(),
        bankAccountRef: body.bankAccountRef ?? defaultBankAccountRef(user.id),
        bank: bankSettingsFromConfig(dependencies.config),
      }),
    });
  });
  return app;
}
