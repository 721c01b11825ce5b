/**
 * Payment requests: a user asks another for an amount (POST, idempotent by Idempotency-Key),
 * both see it, the payer pays (an ordinary P2P transfer with its own Idempotency-Key, linked to
 * the request) or declines, the requester cancels. Each request is a workflow
 * (workflows/payment-request.ts) that applies these one at a time, so a request is paid once
 * however many pay at once; anyone but its two parties is told it does not exist.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ApplicationFailure } from '@temporalio/common';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { Config } from '../../common/config';
import { PAYMENT_REQUEST_ERROR_TYPES } from '../../common/error-types';
import { uuidV5 } from '../../common/ids';
import { parseAmountMinor, parseCurrency } from '../../common/money';
import type { Database } from '../../prisma/client';
import { TASK_QUEUE_TRANSFERS } from '../../temporal/task-queues';
import {
  countOpenRequests,
  findPaymentRequest,
  listPaymentRequests,
  type PaymentRequestRow,
} from '../../transfers/payment-requests';
import {
  cancelRequestUpdate,
  declineRequestUpdate,
  payRequestUpdate,
  requestOpenedUpdate,
  type PaymentRequestInput,
  type PaymentRequestStatus,
} from '../../workflows/definitions';
import { paymentRequestWorkflowId } from '../../workflows/ids';
import { decodeCursor, encodeCursor } from '../cursor';
import { idempotent } from '../idempotency/idempotent';
import { requireIdempotencyKey } from '../idempotency/require-key';
import type { IdempotencyStore } from '../idempotency/store';
import { moneyPostResponses, moneyRequest } from '../money-request';
import { toPaymentRequestViews, type PaymentRequestView } from '../payment-request-view';
import { ProblemError } from '../problem';
import { resolveRecipient } from '../recipients';
import { createRouter } from '../router';
import {
  AmountMinorInput,
  authProblems,
  CurrencyInput,
  IdempotencyKeyHeader,
  IdParam,
  idempotentReplayedHeader,
  MinorUnits,
  NoteInput,
  PageQuery,
  idempotentCreateProblems,
  problemDoc,
  retryAfterHeader,
} from '../schemas';

const STATUSES = ['OPEN', 'PAYING', 'PAID', 'DECLINED', 'CANCELLED', 'EXPIRED'] as const;
const Party = z.object({ handle: z.string(), displayName: z.string().nullable() });

export const PaymentRequest = z
  .object({
    id: z.string().uuid(),
    status: z.enum(STATUSES).openapi({
      description: 'OPEN until paid, declined, cancelled or expired; PAYING while its payment runs',
    }),
    direction: z
      .enum(['incoming', 'outgoing'])
      .openapi({ description: 'incoming: the caller is asked to pay; outgoing: the caller asked' }),
    requester: Party,
    payer: Party,
    amountMinor: MinorUnits,
    currency: z.string(),
    note: z.string().nullable(),
    transferId: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: 'The P2P transfer that paid it (PAID only)' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    allowedActions: z
      .array(z.enum(['pay', 'decline', 'cancel']))
      .openapi({ description: 'What the caller may do now' }),
  })
  .openapi('PaymentRequest');

const requestProblems = {
  ...authProblems,
  404: problemDoc("No such request among the caller's (`not-found`)"),
  409: problemDoc(
    'The request is no longer open: paid, being paid, declined, cancelled or expired (`payment-request-not-open`)',
  ),
};

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['payment-requests'],
  summary: 'Ask another user for money',
  description:
    "Idempotent by the `Idempotency-Key` header. The request stays open until the payer pays or declines, the requester cancels, or it expires (7 days by default, the worker's policy).",
  security: [{ bearerAuth: [] }],
  middleware: [requireIdempotencyKey] as const,
  request: {
    headers: IdempotencyKeyHeader,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            payer: z
              .string()
              .trim()
              .min(1)
              .max(254)
              .openapi({ description: "The payer's email or handle", example: 'bob' }),
            amountMinor: AmountMinorInput,
            currency: CurrencyInput,
            note: NoteInput.optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'The open request',
      headers: idempotentReplayedHeader,
      content: { 'application/json': { schema: PaymentRequest } },
    },
    ...idempotentCreateProblems(
      '`recipient-not-found`, `self-transfer`, `too-many-open-requests`, `idempotency-key-reused`',
    ),
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['payment-requests'],
  summary: 'Requests the caller sent or must answer, newest first',
  security: [{ bearerAuth: [] }],
  request: {
    query: PageQuery.extend({
      direction: z.enum(['incoming', 'outgoing']).optional(),
      status: z.enum(STATUSES).optional(),
    }),
  },
  responses: {
    200: {
      description: 'One page',
      content: {
        'application/json': {
          schema: z
            .object({ items: z.array(PaymentRequest), nextCursor: z.string().nullable() })
            .openapi('PaymentRequestPage'),
        },
      },
    },
    400: problemDoc('Invalid cursor, limit or filter'),
    ...authProblems,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['payment-requests'],
  summary: 'One payment request',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: {
    200: { description: 'The request', content: { 'application/json': { schema: PaymentRequest } } },
    400: problemDoc('The id is not a UUID'),
    ...authProblems,
    404: requestProblems[404],
  },
});

const pay = createRoute({
  method: 'post',
  path: '/{id}/pay',
  tags: ['payment-requests'],
  summary: 'Pay a request made of the caller',
  description:
    'An ordinary P2P transfer of the requested amount to the requester, idempotent by its own `Idempotency-Key`. Of concurrent payments one is accepted; the others get 409 `payment-request-not-open` and move nothing. A payment refused (e.g. insufficient funds) leaves the request open.',
  security: [{ bearerAuth: [] }],
  middleware: [requireIdempotencyKey] as const,
  request: { params: IdParam, headers: IdempotencyKeyHeader },
  responses: {
    ...moneyPostResponses,
    404: requestProblems[404],
    409: { ...requestProblems[409], headers: retryAfterHeader },
  },
});

const answer = (action: 'decline' | 'cancel') =>
  createRoute({
    method: 'post',
    path: `/{id}/${action}`,
    tags: ['payment-requests'],
    summary:
      action === 'decline'
        ? 'Decline a request made of the caller (the payer)'
        : 'Cancel a request the caller made (the requester)',
    security: [{ bearerAuth: [] }],
    request: { params: IdParam },
    responses: {
      200: {
        description: 'The request, now ' + (action === 'decline' ? 'DECLINED' : 'CANCELLED'),
        content: { 'application/json': { schema: PaymentRequest } },
      },
      400: problemDoc('The id is not a UUID'),
      ...requestProblems,
    },
  });

export interface PaymentRequestRouteDependencies {
  db: Database;
  temporal: Client;
  config: Config;
  idempotency: IdempotencyStore;
}

const notFound = () => new ProblemError(404, 'not-found', 'Payment request not found');
const NOT_OPEN_DETAIL: Record<PaymentRequestStatus, string> = {
  OPEN: 'it is open',
  PAYING: 'it is being paid right now',
  PAID: 'it has been paid',
  DECLINED: 'it was declined',
  CANCELLED: 'it was cancelled',
  EXPIRED: 'it expired',
};
const notOpen = (status: PaymentRequestStatus) =>
  new ProblemError(
    409,
    'payment-request-not-open',
    'This request is no longer open',
    NOT_OPEN_DETAIL[status],
    { requestStatus: status },
  );

export function paymentRequestRoutes(dependencies: PaymentRequestRouteDependencies) {
  const { db, temporal, config } = dependencies;
  const app = createRouter();

  async function viewOf(row: PaymentRequestRow, viewerId: string): Promise<PaymentRequestView> {
    const [view] = await toPaymentRequestViews(db, [row], viewerId);
    return view!;
  }

  /** Runs an update on the request's workflow; its refusals become 409s (or 404 for a stranger). */
  async function updateRequest<T>(
    row: PaymentRequestRow,
    viewerId: string,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const failure =
        error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure
          ? error.cause
          : undefined;
      if (failure?.type === PAYMENT_REQUEST_ERROR_TYPES.notAllowed) throw notFound();
      if (failure?.type === PAYMENT_REQUEST_ERROR_TYPES.notOpen)
        throw new ProblemError(
          409,
          'payment-request-not-open',
          'This request is no longer open',
          failure.message,
        );
      // The workflow ended between the read and the update: the row says how.
      const now = await findPaymentRequest(db, row.id, viewerId);
      if (now && now.status !== 'OPEN') throw notOpen(now.status);
      throw error;
    }
  }

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const amountMinor = parseAmountMinor(body.amountMinor).toString();
    const response = await idempotent(
      c,
      dependencies.idempotency,
      { userId: user.id, key: idempotencyKey, body: { ...body, amountMinor } },
      async () => {
        const payer = await resolveRecipient(db, user.id, body.payer, 'Payer');
        if ((await countOpenRequests(db, user.id)) >= config.OPEN_PAYMENT_REQUESTS_PER_USER_MAX) {
          throw new ProblemError(
            422,
            'too-many-open-requests',
            'Too many open requests',
            `you may have ${config.OPEN_PAYMENT_REQUESTS_PER_USER_MAX} open requests at a time; cancel one first`,
          );
        }
        const workflowId = paymentRequestWorkflowId(user.id, idempotencyKey);
        const input: PaymentRequestInput = {
          requestId: uuidV5(workflowId),
          requesterId: user.id,
          payerId: payer.id,
          idempotencyKey,
          currency: parseCurrency(body.currency),
          amountMinor,
          note: body.note ?? null,
        };
        try {
          await temporal.workflow.executeUpdateWithStart(requestOpenedUpdate, {
            startWorkflowOperation: new WithStartWorkflowOperation('paymentRequestWorkflow', {
              workflowId,
              taskQueue: TASK_QUEUE_TRANSFERS,
              args: [input],
              workflowIdConflictPolicy: 'USE_EXISTING',
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            }),
          });
        } catch (error) {
          // Its workflow already ended (the key's record expired): the row says how.
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
        const row = await findPaymentRequest(db, input.requestId, user.id);
        if (!row) throw new ProblemError(500, 'internal', 'Internal error');
        return { status: 201, body: await viewOf(row, user.id) };
      },
    );
    return response as never;
  });

  app.openapi(list, async (c) => {
    const userId = c.get('user').id;
    const { cursor, limit, direction, status } = c.req.valid('query');
    const after = decodeCursor(cursor, ['createdAt', 'id']);
    const role = direction === 'incoming' ? 'payer' : direction === 'outgoing' ? 'requester' : undefined;
    const rows = await listPaymentRequests(
      db,
      { userId, ...(role ? { role } : {}), ...(status ? { status } : {}), ...(after ? { after } : {}) },
      limit,
    );
    const items = await toPaymentRequestViews(db, rows.slice(0, limit), userId);
    const last = items.at(-1);
    return c.json(
      {
        items,
        nextCursor:
          rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      },
      200,
    );
  });

  app.openapi(get, async (c) => {
    const user = c.get('user');
    const row = await findPaymentRequest(db, c.req.valid('param').id, user.id);
    if (!row) throw notFound();
    return c.json(await viewOf(row, user.id), 200);
  });

  app.openapi(pay, async (c) => {
    const user = c.get('user');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const row = await findPaymentRequest(db, c.req.valid('param').id, user.id);
    if (!row || row.payerId !== user.id) throw notFound();
    return moneyRequest(c, dependencies, {
      kind: 'P2P',
      userId: user.id,
      idempotencyKey,
      body: { paymentRequestId: row.id, amountMinor: row.amountMinor.toString(), currency: row.currency },
      prepare: async (base) => {
        if (row.status !== 'OPEN' && row.status !== 'PAYING') throw notOpen(row.status);
        return { ...base, recipientUserId: row.requesterId, note: row.note, paymentRequestId: row.id };
      },
      beforeStart: async (input, transferWorkflowId) => {
        await updateRequest(row, user.id, () =>
          temporal.workflow.getHandle(row.workflowId).executeUpdate(payRequestUpdate, {
            args: [{ payerId: user.id, transferId: input.transferId, transferWorkflowId, idempotencyKey }],
          }),
        );
      },
    });
  });

  for (const action of ['decline', 'cancel'] as const) {
    app.openapi(answer(action), async (c) => {
      const user = c.get('user');
      const row = await findPaymentRequest(db, c.req.valid('param').id, user.id);
      const party = action === 'decline' ? row?.payerId : row?.requesterId;
      if (!row || party !== user.id) throw notFound();
      // A retry of an answer that was applied (its reply lost) gets the same answer.
      if (row.status === (action === 'decline' ? 'DECLINED' : 'CANCELLED'))
        return c.json(await viewOf(row, user.id), 200);
      if (row.status !== 'OPEN') throw notOpen(row.status);
      const update = action === 'decline' ? declineRequestUpdate : cancelRequestUpdate;
      await updateRequest(row, user.id, () =>
        temporal.workflow.getHandle(row.workflowId).executeUpdate(update, { args: [{ userId: user.id }] }),
      );
      const now = await findPaymentRequest(db, row.id, user.id);
      return c.json(await viewOf(now ?? row, user.id), 200);
    });
  }

  return app;
}
