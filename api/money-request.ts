/**
 * The one path every money-moving POST takes: idempotency claim, then Update-with-Start of the
 * movement's workflow, then the answer once the workflow accepted (202 with the transfer) or
 * refused (422 problem). The answer is stored under the Idempotency-Key and replayed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Context } from 'hono';
import { transferIdOf } from '../common/ids';
import { parseAmountMinor, parseCurrency } from '../common/money';
import type { Database } from '../prisma/client';
import type { TransferInputBase, TransferKind } from '../workflows/definitions';
import { transferWorkflowId } from '../workflows/ids';
import { intentOf } from '../common/transfer-intent';
import { recordTransferIntent } from './transfer-intents';
import { idempotent } from './idempotency/idempotent';
import { requireIdempotencyKey } from './idempotency/require-key';
import type { IdempotencyStore } from './idempotency/store';
import { ProblemError } from './problem';
import {
  AmountMinorInput,
  authProblems,
  CurrencyInput,
  IdempotencyKeyHeader,
  idempotentReplayedHeader,
  problemDoc,
  retryAfterHeader,
  Transfer,
} from './schemas';
import { loadTransferView, withLiveState } from './transfer-view';
import { descriptorOf } from '../transfers/kinds';
import { assertNotRefused, startAndAwaitAccepted } from './workflow-start';

export const moneyPostResponses = {
  202: {
    description:
      'Accepted: the workflow holds the funds (or has started); follow `status` with GET /v1/transfers/{id}',
    headers: idempotentReplayedHeader,
    content: { 'application/json': { schema: Transfer } },
  },
  400: problemDoc(
    'Invalid body (`validation-failed`, with `errors`), malformed JSON or missing/invalid Idempotency-Key',
  ),
  ...authProblems,
  409: {
    ...problemDoc('A request with this Idempotency-Key is still in flight (`idempotency-key-in-flight`)'),
    headers: retryAfterHeader,
  },
  413: problemDoc('Body larger than the limit'),
  422: {
    ...problemDoc(
      'Refused: `insufficient-funds`, `limit-exceeded`, `bank-account-not-linked`, `recipient-not-found`, `self-transfer`, `idempotency-key-reused` (also for a key that once named another movement), ...',
    ),
    headers: idempotentReplayedHeader,
  },
  429: { ...problemDoc('Too many money requests (`rate-limited`)'), headers: retryAfterHeader },
};

/**
 * The declaration every money-moving POST shares: `POST /` of its router, bearer auth, a required
 * Idempotency-Key, a JSON body of the amount, the currency and the route's own `fields`.
 */
export function moneyPostRoute<Fields extends z.ZodRawShape>(route: {
  tag: string;
  summary: string;
  description: string;
  fields: Fields;
  /** Answers of this route only, beside the ones every money POST shares. */
  responses?: Record<number, ReturnType<typeof problemDoc>>;
}) {
  return createRoute({
    method: 'post',
    path: '/',
    tags: [route.tag],
    summary: route.summary,
    description: route.description,
    security: [{ bearerAuth: [] }],
    middleware: [requireIdempotencyKey] as const,
    request: {
      headers: IdempotencyKeyHeader,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ amountMinor: AmountMinorInput, currency: CurrencyInput, ...route.fields }),
          },
        },
      },
    },
    responses: { ...moneyPostResponses, ...route.responses },
  });
}

export interface MoneyRequestDependencies {
  db: Database;
  temporal: Client;
  idempotency: IdempotencyStore;
}

export interface MoneyRequest<Body extends { amountMinor: unknown; currency: unknown }> {
  kind: TransferKind;
  userId: string;
  idempotencyKey: string;
  /** The validated body: its fingerprint guards the key against reuse for another request. */
  body: Body;
  /**
   * Business checks that may refuse with a 422 (stored and replayed like any answer), then the
   * workflow input: `base` (ids, user, amount and currency) and what the movement adds to it.
   */
  prepare: (
    base: TransferInputBase,
  ) => Promise<TransferInputBase & { recipientUserId?: string; bankAccountRef?: string }>;
  /**
   * Runs after the intent is recorded and before the workflow is started or joined: paying a
   * payment request claims the request here, and its workflow starts the transfer.
   */
  beforeStart?: (input: TransferInputBase, workflowId: string) => Promise<void>;
}

/**
 * Typed as `never` so an OpenAPI handler can return it: the typed-response check cannot see
 * through the idempotency store, but the stored body is the route's declared 202 Transfer or
 * a Problem (idempotency.test.ts and the OpenAPI tests hold it to that).
 */
export async function moneyRequest<Body extends { amountMinor: unknown; currency: unknown }>(
  c: Context,
  dependencies: MoneyRequestDependencies,
  request: MoneyRequest<Body>,
): Promise<never> {
  // Fingerprinted in canonical form: "0100", "100" and 100 are one amount, so one request.
  const amountMinor = parseAmountMinor(request.body.amountMinor).toString();
  const fingerprinted = { ...request.body, amountMinor };
  const response = await idempotent(
    c,
    dependencies.idempotency,
    { userId: request.userId, key: request.idempotencyKey, body: fingerprinted },
    async () => {
      const workflowId = transferWorkflowId(request.kind, request.userId, request.idempotencyKey);
      const transferId = transferIdOf(workflowId);
      const input = await request.prepare({
        transferId,
        userId: request.userId,
        idempotencyKey: request.idempotencyKey,
        currency: parseCurrency(request.body.currency),
        amountMinor,
      });
      await recordTransferIntent(dependencies.db, intentOf(request.kind, input));
      await request.beforeStart?.(input, workflowId);
      const state = await startAndAwaitAccepted(dependencies.temporal, {
        workflowType: descriptorOf(request.kind).workflowType,
        workflowId,
        input,
        attributes: { ...input, kind: request.kind },
      });
      assertNotRefused(state);
      const view = await loadTransferView(dependencies.db, transferId, request.userId);
      // The workflow records the row before it accepts, so a missing row is a fault, not a refusal.
      if (!view) throw new ProblemError(500, 'internal', 'Internal error');
      return { status: 202, body: state ? withLiveState(view, state, request.userId) : view };
    },
  );
  return response as never;
}
