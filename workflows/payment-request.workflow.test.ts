/**
 * Goal: every branch of the payment request workflow in seconds, on Temporal's time-skipping
 * test server (its seven-day expiry passes at once) with in-memory activities: it expires
 * unanswered; it is paid once by a child P2P transfer; a stranger's pay is refused before
 * anything starts; a refused payment opens it again; decline and cancel end it and nothing can
 * pay it after; a pay that reaches the workflow in the same task as the expiry timer either
 * pays (and the request is PAID) or is refused (and nothing moves), never money moved on an
 * EXPIRED request. The fake ledger shows what moved.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../activities';
import { workflowBundle } from '../temporal/worker';
import { createTimeSkippingEnvironment } from '../test/support/time-skipping';
import {
  cancelRequestUpdate,
  declineRequestUpdate,
  payRequestUpdate,
  requestOpenedUpdate,
  type PaymentRequestInput,
  type PaymentRequestState,
  type TransferPolicy,
} from './definitions';

const DAY_MS = 24 * 3_600_000;
const POLICY: TransferPolicy = {
  reviewThresholdMinor: '100000',
  reviewTimeoutMs: DAY_MS,
  bank: {
    bankDeadlineMs: DAY_MS,
    retryInitialIntervalMs: 100,
    retryBackoffCoefficient: 2,
    retryMaximumIntervalMs: 200,
    retryMaximumAttempts: 1,
    outagePauseMs: 1000,
    callTimeoutMs: 5000,
  },
  limits: {
    DEPOSIT: { perMovementMinor: '5000000', dailyMinor: '10000000' },
    WITHDRAWAL: { perMovementMinor: '5000000', dailyMinor: '10000000' },
  },
  paymentRequestExpiryMs: 7 * DAY_MS,
};

interface Books {
  /** What moved: 'held', 'settled', 'released'. */
  ledger: string[];
  /** The request's statuses as the database would have recorded them. */
  statuses: string[];
}

/** Holds the payer's transfer in flight until the test lets it finish (a slow ledger). */
function paymentGate(): { passed: Promise<void>; open: () => void } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { passed, open };
}

function fakeActivities(
  books: Books,
  options: { brokeFor: number; gate?: Promise<void> },
): Partial<Activities> {
  let refusalsLeft = options.brokeFor;
  return {
    readPolicy: async () => POLICY,
    openPaymentRequest: async () => void books.statuses.push('OPEN'),
    // Activities run at least once (the real write is idempotent): a repeat is recorded once.
    recordPaymentRequest: async ({ status }) => {
      if (books.statuses.at(-1) !== status) books.statuses.push(status);
    },
    // The payer's transfer opens, holds and (below the threshold) settles in one step.
    openP2PTransfer: async () => {
      await options.gate;
      if (refusalsLeft > 0) {
        refusalsLeft -= 1;
        throw ApplicationFailure.nonRetryable('insufficient funds', 'InsufficientFunds');
      }
      books.ledger.push('held', 'settled');
      return { policy: POLICY, settled: true };
    },
    recordStatus: async () => {},
    releaseHold: async () => {
      if (books.ledger.at(-1) === 'held') books.ledger.push('released');
    },
    isAdmin: async () => false,
  };
}

describe('payment request workflow on the time-skipping test server', () => {
  let environment: TestWorkflowEnvironment;

  beforeAll(async () => {
    environment = await createTimeSkippingEnvironment();
  }, 120_000);
  afterAll(() => environment?.teardown());

  const input: PaymentRequestInput = {
    requestId: randomUUID(),
    requesterId: 'ada',
    payerId: 'bob',
    idempotencyKey: 'request-1',
    currency: 'EUR',
    amountMinor: '2500',
    note: 'Dinner',
  };
  const payment = (key: string, payerId = 'bob') => ({
    payerId,
    transferId: randomUUID(),
    transferWorkflowId: `p2p-${payerId}-${key}-${randomUUID()}`,
    idempotencyKey: key,
  });

  async function run(
    during: (handle: ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>) => Promise<void>,
    options: { brokeFor: number; gate?: Promise<void> } = { brokeFor: 0 },
  ) {
    const books: Books = { ledger: [], statuses: [] };
    const taskQueue = `requests-${randomUUID()}`;
    const worker = await Worker.create({
      connection: environment.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: fakeActivities(books, options),
    });
    const state = await worker.runUntil(async () => {
      const handle = await environment.client.workflow.start('paymentRequestWorkflow', {
        taskQueue,
        workflowId: `payreq-${randomUUID()}`,
        args: [{ ...input, requestId: randomUUID() }],
      });
      await handle.executeUpdate(requestOpenedUpdate);
      await during(handle);
      return (await handle.result()) as PaymentRequestState;
    });
    return { state, books };
  }

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((error as WorkflowUpdateFailedError).cause as ApplicationFailure).type;
  };

  it('expires after seven days unanswered, and nothing moves', async () => {
    const { state, books } = await run(async () => {});
    expect(state.status).toBe('EXPIRED');
    expect(books).toEqual({ ledger: [], statuses: ['OPEN', 'EXPIRED'] });
  });

  it('is paid once by a child P2P transfer; a stranger and a second payment are refused', async () => {
    const gate = paymentGate();
    const { state, books } = await run(
      async (handle) => {
        expect(await refusal(handle.executeUpdate(payRequestUpdate, { args: [payment('k0', 'eve')] }))).toBe(
          'PaymentRequestNotAllowed',
        );
        const first = payment('k1');
        expect((await handle.executeUpdate(payRequestUpdate, { args: [first] })).status).toBe('PAYING');
        // The same payment again (a retried request) joins it; another is refused.
        expect((await handle.executeUpdate(payRequestUpdate, { args: [first] })).transferId).toBe(
          first.transferId,
        );
        expect(await refusal(handle.executeUpdate(payRequestUpdate, { args: [payment('k2')] }))).toBe(
          'PaymentRequestNotOpen',
        );
        // The first payment was in flight all along; now it settles.
        gate.open();
      },
      { brokeFor: 0, gate: gate.passed },
    );
    expect(state.status).toBe('PAID');
    expect(books.ledger).toEqual(['held', 'settled']);
    expect(books.statuses).toEqual(['OPEN', 'PAYING', 'PAID']);
  });

  it('a refused payment opens it again; it still expires on time', async () => {
    const { state, books } = await run(
      async (handle) => {
        await handle.executeUpdate(payRequestUpdate, { args: [payment('k1')] });
      },
      { brokeFor: 1 },
    );
    expect(state).toMatchObject({ status: 'EXPIRED', lastPaymentFailure: 'insufficient funds' });
    expect(books).toEqual({ ledger: [], statuses: ['OPEN', 'PAYING', 'OPEN', 'EXPIRED'] });
  });

  it('a pay arriving with the expiry timer in one workflow task: paid, or expired with nothing moved', async () => {
    const books: Books = { ledger: [], statuses: [] };
    const taskQueue = `requests-${randomUUID()}`;
    const workerFor = async () =>
      Worker.create({
        connection: environment.nativeConnection,
        taskQueue,
        workflowBundle: await workflowBundle(),
        activities: fakeActivities(books, { brokeFor: 0 }),
        // No sticky queue: the second worker gets the next task at once, whole.
        maxCachedWorkflows: 0,
      });
    const handle = await environment.client.workflow.start('paymentRequestWorkflow', {
      taskQueue,
      workflowId: `payreq-${randomUUID()}`,
      args: [{ ...input, requestId: randomUUID() }],
    });
    const first = await workerFor();
    await first.runUntil(handle.executeUpdate(requestOpenedUpdate));
    // No worker now: the expiry timer fires (the test server then holds its clock until a worker
    // answers the task, so this sleep is not awaited), then a pay comes; the next task carries both.
    const slept = environment.sleep(POLICY.paymentRequestExpiryMs! + 1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const paid = handle.executeUpdate(payRequestUpdate, { args: [payment('k1')] }).then(
      (state) => ({ state }),
      (error: unknown) => ({ error }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const second = await workerFor();
    const [state, answer] = await second.runUntil(
      Promise.all([handle.result() as Promise<PaymentRequestState>, paid, slept]),
    );
    // Both reached the workflow in one task (the race this is about): the timer fired, then the
    // very next task completed and accepted the pay.
    const kinds = ((await handle.fetchHistory()).events ?? []).map((event) =>
      Object.keys(event).find((key) => key.endsWith('EventAttributes')),
    );
    const fired = kinds.indexOf('timerFiredEventAttributes');
    expect(fired).toBeGreaterThan(0);
    expect(kinds.slice(fired + 1, fired + 5)).toEqual([
      'workflowTaskScheduledEventAttributes',
      'workflowTaskStartedEventAttributes',
      'workflowTaskCompletedEventAttributes',
      'workflowExecutionUpdateAcceptedEventAttributes',
    ]);
    // Before the fix: the pay was accepted and its payment settled while the request said EXPIRED.
    if (state.status === 'PAID') {
      expect('state' in answer && answer.state.status).toBe('PAYING');
      expect(books.ledger).toEqual(['held', 'settled']);
      expect(books.statuses).toEqual(['OPEN', 'PAYING', 'PAID']);
    } else {
      expect(state.status).toBe('EXPIRED');
      expect('error' in answer).toBe(true);
      expect(books.ledger).toEqual([]);
      expect(books.statuses).toEqual(['OPEN', 'EXPIRED']);
    }
  });

  it('declined by the payer or cancelled by the requester, it cannot be paid', async () => {
    const declined = await run(async (handle) => {
      expect(await refusal(handle.executeUpdate(declineRequestUpdate, { args: [{ userId: 'ada' }] }))).toBe(
        'PaymentRequestNotAllowed',
      );
      expect((await handle.executeUpdate(declineRequestUpdate, { args: [{ userId: 'bob' }] })).status).toBe(
        'DECLINED',
      );
      // Its workflow has ended: nothing can reach it (the API answers 409 from the request's row).
      await expect(handle.executeUpdate(payRequestUpdate, { args: [payment('k1')] })).rejects.toThrow(
        /not found|completed/i,
      );
    });
    expect([declined.state.status, declined.books.ledger]).toEqual(['DECLINED', []]);
    const cancelled = await run(async (handle) => {
      expect(await refusal(handle.executeUpdate(cancelRequestUpdate, { args: [{ userId: 'bob' }] }))).toBe(
        'PaymentRequestNotAllowed',
      );
      expect((await handle.executeUpdate(cancelRequestUpdate, { args: [{ userId: 'ada' }] })).status).toBe(
        'CANCELLED',
      );
    });
    expect([cancelled.state.status, cancelled.books.statuses]).toEqual(['CANCELLED', ['OPEN', 'CANCELLED']]);
  });
});
