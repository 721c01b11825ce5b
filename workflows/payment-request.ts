/**
 * A payment request: A asks B for an amount. It stays OPEN until B pays (an ordinary P2P
 * transfer, started here as a child under the workflow id the API derived from B's
 * Idempotency-Key), B declines, A cancels, or it expires on a durable timer (the worker's
 * policy, 7 days by default). Updates are applied one at a time, so of twenty concurrent pay
 * attempts exactly one claims the request; the others are refused before anything moves. A
 * payment that does not complete (insufficient funds, a rejected review) opens it again until
 * it expires. Deterministic workflow code.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  patched,
  proxyLocalActivities,
  setHandler,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { PAYMENT_REQUEST_ERROR_TYPES } from '../common/error-types';
import { LEDGER_LOCAL_ACTIVITY_OPTIONS } from './activity-options';
import {
  cancelRequestUpdate,
  declineRequestUpdate,
  payRequestUpdate,
  requestOpenedUpdate,
  requestStatusQuery,
  type AnswerRequest,
  type P2PTransferInput,
  type PaymentRequestInput,
  type PaymentRequestState,
  type PaymentRequestStatus,
  type PayRequest,
  type TransferState,
} from './definitions';
import type { p2pTransferWorkflow } from './p2p-transfer';

const requests = proxyLocalActivities<Activities>(LEDGER_LOCAL_ACTIVITY_OPTIONS);

/**
 * Expiry is decided from the request's state, not from whether the timer won the wait: a pay
 * handled in the same workflow task as the expiry timer has already claimed the request (and
 * started its payment), which an EXPIRED status written over it would hide while money moved.
 */
export const EXPIRY_FROM_STATE_PATCH = 'payment-request-expiry-from-state';

/** Used when the worker's policy predates payment requests. */
const DEFAULT_EXPIRY_MS = 7 * 24 * 3600 * 1000;

export async function paymentRequestWorkflow(input: PaymentRequestInput): Promise<PaymentRequestState> {
  const state: PaymentRequestState = {
    requestId: input.requestId,
    status: 'OPEN',
    transferId: null,
    expiresAt: '',
    lastPaymentFailure: null,
  };
  let opened = false;
  let payment: ChildWorkflowHandle<typeof p2pTransferWorkflow> | undefined;

  setHandler(requestStatusQuery, () => state);
  setHandler(requestOpenedUpdate, async () => {
    await condition(() => opened);
    return state;
  });

  setHandler(
    payRequestUpdate,
    async (pay) => {
      await condition(() => opened);
      // A retry of the payment that holds the claim joins it; nothing starts twice.
      if (state.transferId === pay.transferId) return state;
      assertOpen();
      state.status = 'PAYING';
      state.transferId = pay.transferId;
      state.lastPaymentFailure = null;
      try {
        payment = await startChild<typeof p2pTransferWorkflow>('p2pTransferWorkflow', {
          workflowId: pay.transferWorkflowId,
          args: [paymentInput(input, pay)],
          // The payment is the payer's transfer: it ends on its own terms whatever happens here.
          parentClosePolicy: ParentClosePolicy.ABANDON,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
      } catch {
        // That key already made a payment (which did not complete): the payer needs a new one.
        state.status = 'OPEN';
        state.transferId = null;
        throw ApplicationFailure.nonRetryable(
          'this Idempotency-Key already made a payment attempt; use a new key',
          PAYMENT_REQUEST_ERROR_TYPES.notOpen,
        );
      }
      await requests.recordPaymentRequest({
        requestId: input.requestId,
        status: 'PAYING',
        transferId: pay.transferId,
      });
      return state;
    },
    {
      validator: (pay) => {
        if (pay?.payerId !== input.payerId) throw notAllowed('only the payer may pay this request');
        if (state.transferId !== pay.transferId) assertOpen();
      },
    },
  );

  const answer = (
    by: 'payerId' | 'requesterId',
    status: Extract<PaymentRequestStatus, 'DECLINED' | 'CANCELLED'>,
  ) => ({
    handler: async (_request: AnswerRequest) => {
      await condition(() => opened);
      assertOpen();
      await settle(status);
      return state;
    },
    validator: (request: AnswerRequest) => {
      if (request?.userId !== input[by])
        throw notAllowed(
          by === 'payerId'
            ? 'only the payer may decline this request'
            : 'only the requester may cancel this request',
        );
      assertOpen();
    },
  });
  const decline = answer('payerId', 'DECLINED');
  setHandler(declineRequestUpdate, decline.handler, { validator: decline.validator });
  const cancel = answer('requesterId', 'CANCELLED');
  setHandler(cancelRequestUpdate, cancel.handler, { validator: cancel.validator });

  // Handlers first (an update that arrives with the start must find them), then the first await.
  const policy = await requests.readPolicy();
  const expiresAtMs = Date.now() + (policy.paymentRequestExpiryMs ?? DEFAULT_EXPIRY_MS);
  state.expiresAt = new Date(expiresAtMs).toISOString();
  await requests.openPaymentRequest({
    ...input,
    workflowId: workflowInfo().workflowId,
    expiresAt: state.expiresAt,
  });
  opened = true;

  for (;;) {
    if (state.status === 'OPEN') {
      const remainingMs = expiresAtMs - Date.now();
      const moved = remainingMs > 0 && (await condition(() => state.status !== 'OPEN', remainingMs));
      if (patched(EXPIRY_FROM_STATE_PATCH)) {
        // Still OPEN once this task's updates ran, and its time is up: only then it expires.
        // Claimed meanwhile (PAYING): the payment decides; opened again early: wait on.
        if (state.status === 'OPEN' && (!moved || Date.now() >= expiresAtMs)) await settle('EXPIRED');
      } else if (!moved) await settle('EXPIRED');
    } else if (state.status === 'PAYING') {
      // The pay handler sets PAYING before its child has started; wait for the start (or its failure).
      await condition(() => payment !== undefined || state.status !== 'PAYING');
      if (!payment) continue;
      const result = await outcomeOf(payment);
      payment = undefined;
      if (result.status === 'COMPLETED') {
        await settle('PAID');
      } else {
        // Nothing moved: the request may be paid again, unless it expired meanwhile.
        state.lastPaymentFailure = result.failureReason ?? 'the payment did not complete';
        state.transferId = null;
        state.status = 'OPEN';
        if (Date.now() >= expiresAtMs) await settle('EXPIRED');
        else
          await requests.recordPaymentRequest({
            requestId: input.requestId,
            status: 'OPEN',
            transferId: null,
          });
      }
    } else {
      break;
    }
  }
  await condition(allHandlersFinished);
  return state;

  function assertOpen(): void {
    if (state.status !== 'OPEN') {
      const now = state.status === 'PAYING' ? 'being paid' : state.status.toLowerCase();
      throw ApplicationFailure.nonRetryable(`the request is ${now}`, PAYMENT_REQUEST_ERROR_TYPES.notOpen);
    }
  }

  async function settle(
    status: Extract<PaymentRequestStatus, 'PAID' | 'DECLINED' | 'CANCELLED' | 'EXPIRED'>,
  ): Promise<void> {
    state.status = status;
    await requests.recordPaymentRequest({
      requestId: input.requestId,
      status,
      transferId: status === 'PAID' ? state.transferId : null,
    });
  }
}

function notAllowed(message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, PAYMENT_REQUEST_ERROR_TYPES.notAllowed);
}

/** The payer's ordinary P2P transfer to the requester, for the request's amount and note. */
function paymentInput(request: PaymentRequestInput, pay: PayRequest): P2PTransferInput {
  return {
    transferId: pay.transferId,
    userId: request.payerId,
    idempotencyKey: pay.idempotencyKey,
    currency: request.currency,
    amountMinor: request.amountMinor,
    recipientUserId: request.requesterId,
    note: request.note,
    paymentRequestId: request.requestId,
  };
}

/** The transfer's final state; a transfer workflow that failed outright moved nothing it kept. */
async function outcomeOf(
  payment: ChildWorkflowHandle<typeof p2pTransferWorkflow>,
): Promise<Pick<TransferState, 'status' | 'failureReason'>> {
  try {
    return await payment.result();
  } catch {
    return { status: 'FAILED', failureReason: 'the payment failed' };
  }
}
