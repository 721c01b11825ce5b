/**
 * Goal: every branch of the three transfer workflows, in seconds: on Temporal's time-skipping
 * test server (deadlines of hours and review timeouts of a day pass at once) with in-memory
 * activities that script the bank and the ledger. Each case asserts the final state and what
 * the fake ledger did (held, settled, released, credited), so a branch that moves money wrongly
 * fails here long before the real-stack tests run. `npm run test:workflows` runs this file alone.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../activities';
import type { BankVoidOutcome } from '../activities/bank-activities';
import { workflowBundle } from '../temporal/worker';
import {
  cancelUpdate,
  reviewUpdate,
  statusQuery,
  type TransferPolicy,
  type TransferState,
} from './definitions';
import { createTimeSkippingEnvironment } from '../test/support/time-skipping';

const HOUR_MS = 3_600_000;
const POLICY: TransferPolicy = {
  reviewThresholdMinor: '100000',
  reviewTimeoutMs: 24 * HOUR_MS,
  bank: {
    bankDeadlineMs: 2 * HOUR_MS,
    retryInitialIntervalMs: 100,
    retryBackoffCoefficient: 2,
    retryMaximumIntervalMs: 200,
    retryMaximumAttempts: 1,
    outagePauseMs: 60_000,
    outagePauseMaxMs: 30 * 60_000,
    callTimeoutMs: 5_000,
  },
  limits: {
    DEPOSIT: { perMovementMinor: '5000000', dailyMinor: '10000000' },
    WITHDRAWAL: { perMovementMinor: '5000000', dailyMinor: '10000000' },
  },
};

/** How the fake bank answers: a money call, and a void. */
interface BankScript {
  call: 'accept' | 'refuse' | 'down';
  void: BankVoidOutcome['verdict'];
}

/** What the fake ledger did, per transfer. */
type LedgerEvent = 'held' | 'settled-to-user' | 'settled-to-bank' | 'released' | 'credited';

function fakeActivities(
  bank: BankScript,
  ledger: LedgerEvent[],
  options: { refuseHold?: string; refuseSettle?: string; firstPayout?: boolean } = {},
): Partial<Activities> {
  const unavailable = () => new Error('bank unavailable (scripted)');
  const callBank = async () => {
    if (bank.call === 'down') throw unavailable();
    if (bank.call === 'refuse')
      throw ApplicationFailure.nonRetryable('refused (scripted)', 'BankRefused', { code: 'ACCOUNT_CLOSED' });
    return { status: 'ACCEPTED' as const, reason: null, amountMinor: '1', replayed: false };
  };
  return {
    readPolicy: async () => POLICY,
    openTransfer: async (input) => {
      if (options.refuseHold) throw ApplicationFailure.nonRetryable(options.refuseHold, options.refuseHold);
      if (input.hold) ledger.push('held');
      return { firstPayoutToAccount: options.firstPayout ?? false };
    },
    // As the real one: the hold, then (below the threshold) the settlement, or a refusal of either.
    openP2PTransfer: async (input) => {
      if (options.refuseHold) throw ApplicationFailure.nonRetryable(options.refuseHold, options.refuseHold);
      ledger.push('held');
      if (BigInt(input.amountMinor) >= BigInt(POLICY.reviewThresholdMinor))
        return { policy: POLICY, settled: false };
      if (options.refuseSettle)
        throw ApplicationFailure.nonRetryable(options.refuseSettle, options.refuseSettle);
      ledger.push('settled-to-user');
      return { policy: POLICY, settled: true };
    },
    recordStatus: async () => {},
    recordBankOutage: async () => {},
    bankPayout: callBank,
    bankCollect: callBank,
    bankVoid: async () => ({
      verdict: bank.void,
      reason: bank.void === 'REFUSED' ? 'ACCOUNT_CLOSED' : bank.void === 'VOIDED' ? 'VOIDED' : null,
    }),
    // As the real ledger: releasing a hold that was never placed (or already resolved) changes nothing.
    releaseHold: async () => {
      if (ledger.at(-1) === 'held') ledger.push('released');
    },
    settleHoldToBank: async () => void ledger.push('settled-to-bank'),
    settleHoldToUser: async () => void ledger.push('settled-to-user'),
    creditFromBank: async () => void ledger.push('credited'),
    isAdmin: async (userId: string) => userId.startsWith('admin'),
  };
}

describe('transfer workflows on the time-skipping test server', () => {
  let environment: TestWorkflowEnvironment;

  beforeAll(async () => {
    environment = await createTimeSkippingEnvironment();
  }, 120_000);
  afterAll(() => environment?.teardown());

  async function run(
    type: 'withdrawalWorkflow' | 'depositWorkflow' | 'p2pTransferWorkflow',
    bank: BankScript,
    options: {
      amountMinor?: string;
      refuseHold?: string;
      refuseSettle?: string;
      firstPayout?: boolean;
      during?: (workflowId: string) => Promise<void>;
    } = {},
  ): Promise<{ state: TransferState; ledger: LedgerEvent[] }> {
    const ledger: LedgerEvent[] = [];
    const taskQueue = `fast-${randomUUID()}`;
    const worker = await Worker.create({
      connection: environment.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: fakeActivities(bank, ledger, options),
    });
    const workflowId = `${type}-${randomUUID()}`;
    const input = {
      transferId: randomUUID(),
      userId: 'user-1',
      idempotencyKey: 'key-1',
      currency: 'EUR',
      amountMinor: options.amountMinor ?? '1000',
      bankAccountRef: 'acct-1',
      recipientUserId: 'user-2',
    };
    const state = await worker.runUntil(async () => {
      const handle = await environment.client.workflow.start(type, { taskQueue, workflowId, args: [input] });
      await options.during?.(workflowId);
      return (await handle.result()) as TransferState;
    });
    return { state, ledger };
  }

  const waitFor = async (workflowId: string, status: string) => {
    const handle = environment.client.workflow.getHandle(workflowId);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if ((await handle.query(statusQuery)).status === status) return handle;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${workflowId} never reached ${status}`);
  };

  describe('withdrawal', () => {
    it('completes when the bank accepts: held, then settled to the bank', async () => {
      const { state, ledger } = await run('withdrawalWorkflow', { call: 'accept', void: 'VOIDED' });
      expect(state.status).toBe('COMPLETED');
      expect(ledger).toEqual(['held', 'settled-to-bank']);
    });

    it('compensates a refusal: the hold is released', async () => {
      const { state, ledger } = await run('withdrawalWorkflow', { call: 'refuse', void: 'VOIDED' });
      expect([state.status, state.failureType]).toEqual(['COMPENSATED', 'BankRefused']);
      expect(ledger).toEqual(['held', 'released']);
    });

    it('at the deadline voids first: voided, released; booked after all, settled; refused, released', async () => {
      const voided = await run('withdrawalWorkflow', { call: 'down', void: 'VOIDED' });
      expect([voided.state.status, voided.state.failureType, voided.ledger]).toEqual([
        'COMPENSATED',
        'BankDeadlineExceeded',
        ['held', 'released'],
      ]);
      const booked = await run('withdrawalWorkflow', { call: 'down', void: 'BOOKED' });
      expect([booked.state.status, booked.ledger]).toEqual(['COMPLETED', ['held', 'settled-to-bank']]);
      expect(booked.state.steps.at(-1)?.detail).toMatch(/already paid out/);
      const refused = await run('withdrawalWorkflow', { call: 'down', void: 'REFUSED' });
      expect([refused.state.status, refused.ledger]).toEqual(['COMPENSATED', ['held', 'released']]);
    });

    it('a cancel while the bank is down voids: cancelled and released, or completed when the bank had paid', async () => {
      const cancelWhenSent = async (workflowId: string) => {
        const handle = await waitFor(workflowId, 'SENT_TO_BANK');
        await handle.executeUpdate(cancelUpdate, { args: [{ requestedBy: 'user-1' }] });
      };
      const voided = await run(
        'withdrawalWorkflow',
        { call: 'down', void: 'VOIDED' },
        { during: cancelWhenSent },
      );
      expect([voided.state.status, voided.ledger]).toEqual(['CANCELLED', ['held', 'released']]);
      const booked = await run(
        'withdrawalWorkflow',
        { call: 'down', void: 'BOOKED' },
        { during: cancelWhenSent },
      );
      expect([booked.state.status, booked.ledger]).toEqual(['COMPLETED', ['held', 'settled-to-bank']]);
      expect(booked.state.steps.at(-1)?.detail).toMatch(/already paid out when the cancel reached it/);
    });

    it('reviews a large one and the first payout to an account: approved, rejected, timed out, or cancelled while waiting', async () => {
      const decide =
        (decision: { approved: boolean; reviewerId: string; reason?: string }) =>
        async (workflowId: string) => {
          const handle = await waitFor(workflowId, 'IN_REVIEW');
          await handle.executeUpdate(reviewUpdate, { args: [decision] });
        };
      const approved = await run(
        'withdrawalWorkflow',
        { call: 'accept', void: 'VOIDED' },
        { amountMinor: '100000', during: decide({ approved: true, reviewerId: 'admin-1' }) },
      );
      expect([approved.state.status, approved.ledger]).toEqual(['COMPLETED', ['held', 'settled-to-bank']]);
      const rejected = await run(
        'withdrawalWorkflow',
        { call: 'accept', void: 'VOIDED' },
        { firstPayout: true, during: decide({ approved: false, reviewerId: 'admin-1', reason: 'no' }) },
      );
      expect([rejected.state.status, rejected.state.failureType, rejected.ledger]).toEqual([
        'CANCELLED',
        'ReviewRejected',
        ['held', 'released'],
      ]);
      const timedOut = await run(
        'withdrawalWorkflow',
        { call: 'accept', void: 'VOIDED' },
        { firstPayout: true },
      );
      expect([timedOut.state.status, timedOut.state.failureType, timedOut.ledger]).toEqual([
        'CANCELLED',
        'ReviewTimedOut',
        ['held', 'released'],
      ]);
      const cancelled = await run(
        'withdrawalWorkflow',
        { call: 'accept', void: 'VOIDED' },
        {
          firstPayout: true,
          during: async (workflowId) => {
            const handle = await waitFor(workflowId, 'IN_REVIEW');
            expect(
              (await handle.executeUpdate(cancelUpdate, { args: [{ requestedBy: 'user-1' }] })).cancelled,
            ).toBe(true);
          },
        },
      );
      expect([cancelled.state.status, cancelled.ledger]).toEqual(['CANCELLED', ['held', 'released']]);
    });

    it('fails without moving money when admission refuses it', async () => {
      const { state, ledger } = await run(
        'withdrawalWorkflow',
        { call: 'accept', void: 'VOIDED' },
        { refuseHold: 'LimitExceeded' },
      );
      expect([state.status, state.failureType, ledger]).toEqual(['FAILED', 'LimitExceeded', []]);
    });
  });

  describe('deposit', () => {
    it('credits what the bank collected, fails a refusal, and at the deadline credits or fails by the void', async () => {
      expect(
        await run('depositWorkflow', { call: 'accept', void: 'VOIDED' }).then((result) => [
          result.state.status,
          result.ledger,
        ]),
      ).toEqual(['COMPLETED', ['credited']]);
      expect(
        await run('depositWorkflow', { call: 'refuse', void: 'VOIDED' }).then((result) => [
          result.state.status,
          result.ledger,
        ]),
      ).toEqual(['FAILED', []]);
      expect(
        await run('depositWorkflow', { call: 'down', void: 'VOIDED' }).then((result) => [
          result.state.failureType,
          result.ledger,
        ]),
      ).toEqual(['BankDeadlineExceeded', []]);
      expect(
        await run('depositWorkflow', { call: 'down', void: 'BOOKED' }).then((result) => [
          result.state.status,
          result.ledger,
        ]),
      ).toEqual(['COMPLETED', ['credited']]);
      expect(
        await run(
          'depositWorkflow',
          { call: 'accept', void: 'VOIDED' },
          { refuseHold: 'TransferNotAuthorized' },
        ).then((result) => [result.state.failureType, result.ledger]),
      ).toEqual(['TransferNotAuthorized', []]);
    });
  });

  describe('P2P transfer', () => {
    it('settles below the threshold; above it, only an admin who is neither party decides', async () => {
      const small = await run('p2pTransferWorkflow', { call: 'accept', void: 'VOIDED' });
      expect([small.state.status, small.ledger]).toEqual(['COMPLETED', ['held', 'settled-to-user']]);

      const reviewed = await run(
        'p2pTransferWorkflow',
        { call: 'accept', void: 'VOIDED' },
        {
          amountMinor: '150000',
          during: async (workflowId) => {
            const handle = await waitFor(workflowId, 'IN_REVIEW');
            const typeOf = (decision: unknown) =>
              handle.executeUpdate(reviewUpdate, { args: [decision as never] }).then(
                () => 'applied',
                (error: unknown) => (error as { cause?: { type?: string } }).cause?.type,
              );
            expect(await typeOf({ approved: 'yes', reviewerId: 'admin-1' })).toBe('ReviewDecisionMalformed');
            expect(await typeOf({ approved: true, reviewerId: 'user-2' })).toBe('ReviewerIsParty');
            expect(await typeOf({ approved: true, reviewerId: 'someone' })).toBe('ReviewerNotAdmin');
            expect(await typeOf({ approved: true, reviewerId: 'admin-1' })).toBe('applied');
          },
        },
      );
      expect([reviewed.state.status, reviewed.ledger]).toEqual(['COMPLETED', ['held', 'settled-to-user']]);

      const timedOut = await run(
        'p2pTransferWorkflow',
        { call: 'accept', void: 'VOIDED' },
        { amountMinor: '150000' },
      );
      expect([timedOut.state.failureType, timedOut.ledger]).toEqual(['ReviewTimedOut', ['held', 'released']]);
      const refused = await run(
        'p2pTransferWorkflow',
        { call: 'accept', void: 'VOIDED' },
        { refuseHold: 'InsufficientFunds' },
      );
      expect([refused.state.status, refused.state.failureReason, refused.ledger]).toEqual([
        'FAILED',
        'insufficient funds',
        [],
      ]);
      // Held, then the settlement refused in the same step: the hold is released.
      const unsettled = await run(
        'p2pTransferWorkflow',
        { call: 'accept', void: 'VOIDED' },
        { refuseSettle: 'CurrencyMismatch' },
      );
      expect([unsettled.state.status, unsettled.state.failureType, unsettled.ledger]).toEqual([
        'FAILED',
        'CurrencyMismatch',
        ['held', 'released'],
      ]);
    });
  });
});
