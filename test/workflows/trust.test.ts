/**
 * Goal: a workflow trusts no caller. Started directly on Temporal (as anyone who reaches its
 * port could), with forged input, it moves no money and ends with a clear failure: no recorded
 * intent, an intent that says otherwise, another user's bank account, a link its user has not
 * proven (or one voided since, even while its deposit is in flight), or policy fields (a huge
 * review threshold) in the input, which the worker ignores for its own. Limits hold under
 * concurrency: 50 withdrawals at once never pass the daily limit together. The audit and the
 * reconciliation are clean after each.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { createActivities } from '../../activities';
import { usedInWindowMinor } from '../../transfers/records';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TASK_QUEUE_TRANSFERS } from '../../temporal/task-queues';
import type { TransferKind } from '../../common/transfer-status';
import { demoBankAccountRef } from '../../transfers/bank-accounts';
import { descriptorOf } from '../../transfers/kinds';
import { acceptedUpdate, reviewUpdate, statusQuery, type TransferState } from '../../workflows/definitions';
import { transferWorkflowId } from '../../workflows/ids';
import {
  availableMinor,
  connectServices,
  createAdmin,
  createUser,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  linkBankAccount,
  sharedBankClient,
  type TestServices,
} from '../support/fixtures';
import {
  depositInput,
  p2pInput,
  recordIntent,
  startFaultBank,
  startTransfer,
  testPolicy,
  waitForResult,
  withdrawalInput,
  type FaultBank,
} from './support';

describe('workers that trust no caller', () => {
  let services: TestServices;
  /** A worker whose policy allows 1000 per withdrawal and 10 000 a day. */
  let limited: FaultBank;
  const bank = sharedBankClient();

  beforeAll(async () => {
    services = await connectServices();
    limited = await startFaultBank(
      'limits',
      testPolicy(
        {},
        {
          limits: {
            DEPOSIT: { perMovementMinor: '1000', dailyMinor: '10000' },
            WITHDRAWAL: { perMovementMinor: '1000', dailyMinor: '10000' },
          },
        },
      ),
    );
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(async () => {
    await limited?.stop();
    await services?.close();
  });

  /** Starts a workflow as a forger would: straight on Temporal, no request recorded by the API. */
  async function forge(
    kind: TransferKind,
    input: { userId: string; idempotencyKey: string },
  ): Promise<TransferState> {
    const workflowId = transferWorkflowId(kind, input.userId, input.idempotencyKey);
    await services.temporal.workflow.executeUpdateWithStart(acceptedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(descriptorOf(kind).workflowType, {
        workflowId,
        taskQueue: TASK_QUEUE_TRANSFERS,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    return (await services.temporal.workflow.getHandle(workflowId).result()) as TransferState;
  }

  it("a forged P2P transfer out of someone else's wallet moves nothing", async () => {
    const victim = await createUser(services.db, 'victim');
    const thief = await createUser(services.db, 'thief');
    await fundWallet(services.db, victim.id, 5_000n);
    const done = await forge('P2P', p2pInput(victim.id, thief.id, '5000'));
    expect([done.status, done.failureType]).toEqual(['FAILED', 'TransferNotAuthorized']);
    expect([
      await availableMinor(services.db, victim.id),
      await availableMinor(services.db, thief.id),
    ]).toEqual([5_000n, 0n]);
  });

  it("a forged deposit from another user's account collects nothing", async () => {
    const thief = await createUser(services.db, 'thief');
    const owner = await createUser(services.db, 'owner');
    const input = depositInput(thief.id, '2500', undefined, demoBankAccountRef(owner.id));
    const done = await forge('DEPOSIT', input);
    expect([done.status, done.failureType]).toEqual(['FAILED', 'TransferNotAuthorized']);
    expect(await bank.getCollection(input.transferId)).toBeNull();
    expect(await availableMinor(services.db, thief.id)).toBe(0n);
  });

  it("a deposit whose recorded intent names the user's own account but whose input names another's moves nothing", async () => {
    const thief = await createUser(services.db, 'thief');
    const owner = await createUser(services.db, 'owner');
    const honest = depositInput(thief.id, '2500');
    const tampered = { ...honest, bankAccountRef: demoBankAccountRef(owner.id) };
    // The intent is recorded for the honest request; the workflow is then started with the tampered one.
    await recordIntent('DEPOSIT', honest);
    const done = await forge('DEPOSIT', tampered);
    expect([done.status, done.failureType]).toEqual(['FAILED', 'TransferNotAuthorized']);
    expect(await bank.getCollection(honest.transferId)).toBeNull();
  });

  it("an intent for the right account but the wrong owner is refused: the account must be the caller's, verified", async () => {
    const thief = await createUser(services.db, 'thief');
    const owner = await createUser(services.db, 'owner');
    // As if the API had been fooled into recording it: the worker still checks ownership.
    const { accepted, handle } = await startTransfer(
      services.temporal,
      'DEPOSIT',
      depositInput(thief.id, '2500', undefined, demoBankAccountRef(owner.id)),
    );
    expect([accepted.status, accepted.failureType]).toEqual(['FAILED', 'BankAccountNotLinked']);
    await waitForResult(handle);
    expect(await availableMinor(services.db, thief.id)).toBe(0n);
  });

  it('a deposit from a link its user has not proven, or whose proof was voided, collects nothing', async () => {
    const squatter = await createUser(services.db, 'squatter');
    const pendingRef = `DE${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const voidRef = `DE${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    await linkBankAccount(services.db, squatter.id, pendingRef, 'PENDING_VERIFICATION');
    const voided = await linkBankAccount(services.db, squatter.id, voidRef);
    await services.db.bankAccount.update({
      where: { id: voided },
      data: { status: 'VOID', voidedAt: new Date(), voidReason: 'CLAIMED_BY_PROVEN_OWNER' },
    });
    for (const ref of [pendingRef, voidRef]) {
      // Its intent recorded as if the API had been fooled: the worker still refuses.
      const input = depositInput(squatter.id, '2500', undefined, ref);
      const { accepted, handle } = await startTransfer(services.temporal, 'DEPOSIT', input);
      expect([accepted.status, accepted.failureType]).toEqual(['FAILED', 'BankAccountNotLinked']);
      await waitForResult(handle);
      expect(await bank.getCollection(input.transferId)).toBeNull();
    }
    expect(await availableMinor(services.db, squatter.id)).toBe(0n);
  });

  it('a deposit in flight from a link voided since (its owner claimed the account) collects nothing', async () => {
    const outage = await startFaultBank('voided-in-flight');
    try {
      const squatter = await createUser(services.db, 'squatter');
      const ref = `DE${randomUUID().replaceAll('-', '').slice(0, 20)}`;
      const link = await linkBankAccount(services.db, squatter.id, ref);
      await outage.setFaults({ outage: true });
      const input = depositInput(squatter.id, '2500', undefined, ref);
      const { accepted, handle } = await startTransfer(services.temporal, 'DEPOSIT', input, outage.taskQueue);
      expect(accepted.status).toBe('SENT_TO_BANK');
      // The proven owner claims the account while the bank is down; then the bank comes back.
      await services.db.bankAccount.update({
        where: { id: link },
        data: { status: 'VOID', voidedAt: new Date(), voidReason: 'CLAIMED_BY_PROVEN_OWNER' },
      });
      await outage.setFaults({ outage: false });
      const done = await waitForResult(handle);
      expect([done.status, done.failureType]).toEqual(['FAILED', 'BankRefused']);
      expect(done.failureReason).toMatch(/ACCOUNT_NOT_VERIFIED/);
      // The worker voided the id before refusing: nothing can ever be collected under it.
      expect(await bank.getCollection(input.transferId)).toMatchObject({
        status: 'REFUSED',
        reason: 'VOIDED',
      });
      expect(await availableMinor(services.db, squatter.id)).toBe(0n);
    } finally {
      await outage.stop();
    }
  });

  it('policy in the input is ignored: a huge review threshold does not skip review', async () => {
    const alice = await createUser(services.db, 'alice');
    const bob = await createUser(services.db, 'bob');
    await fundWallet(services.db, alice.id, 300_000n);
    const input = {
      ...p2pInput(alice.id, bob.id, '150000'),
      reviewThresholdMinor: '999999999999',
      reviewTimeoutMs: 1,
    };
    const { handle } = await startTransfer(services.temporal, 'P2P', input);
    const state = await eventually(
      () => handle.query(statusQuery),
      (current) => current.status === 'IN_REVIEW',
    );
    expect(state.steps.at(-1)?.detail).toMatch(/threshold of 1000\.00 EUR/);
    expect(await availableMinor(services.db, bob.id)).toBe(0n);
    const admin = await createAdmin(services.db);
    await handle.executeUpdate(reviewUpdate, {
      args: [{ approved: false, reviewerId: admin.id, reason: 'test over' }],
    });
    expect((await waitForResult(handle)).status).toBe('CANCELLED');
    expect(await availableMinor(services.db, alice.id)).toBe(300_000n);
  });

  it('admits a transfer once however often its activity runs: one row, one hold, the limit counted once', async () => {
    const user = await createUser(services.db, 'retried');
    await fundWallet(services.db, user.id, 5_000n);
    const input = withdrawalInput(user.id, '6000');
    await recordIntent('WITHDRAWAL', input);
    const activities = createActivities({ db: services.db, policy: testPolicy() });
    const open = () =>
      activities.openTransfer({
        ...input,
        kind: 'WITHDRAWAL',
        workflowId: transferWorkflowId('WITHDRAWAL', input.userId, input.idempotencyKey),
        hold: true,
        limits: { perMovementMinor: '10000', dailyMinor: '10000' },
        then: { status: 'HELD', detail: null },
      });
    // 6000 of a 5000 balance: the hold is refused, as many times as the activity is retried.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(open()).rejects.toMatchObject({ type: 'InsufficientFunds' });
    }
    await fundWallet(services.db, user.id, 5_000n);
    // A retry after the answer was lost: the same row, one hold, and 6000 counted once against the 10000.
    const [first, second] = [await open(), await open()];
    expect(second).toEqual(first);
    expect(await services.db.transfer.count({ where: { id: input.transferId } })).toBe(1);
    expect(await services.db.hold.count({ where: { transferId: input.transferId } })).toBe(1);
    expect(await availableMinor(services.db, user.id)).toBe(4_000n);
    expect(await usedInWindowMinor(services.db, user.id, 'WITHDRAWAL', 'EUR')).toBe(6_000n);
    await activities.releaseHold({ transferId: input.transferId });
    await activities.recordStatus(input.transferId, {
      status: 'CANCELLED',
      detail: 'test over',
      failureReason: 'test over',
    });
    expect(await availableMinor(services.db, user.id)).toBe(10_000n);
  });

  it('opens a P2P transfer in one step once however often or however concurrently it runs, and never without its intent', async () => {
    const alice = await createUser(services.db, 'onestep');
    const bob = await createUser(services.db, 'onestepped');
    await fundWallet(services.db, alice.id, 5_000n);
    const activities = createActivities({ db: services.db, policy: testPolicy() });
    const openP2P = (input: ReturnType<typeof p2pInput>) =>
      activities.openP2PTransfer({
        ...input,
        kind: 'P2P',
        workflowId: transferWorkflowId('P2P', input.userId, input.idempotencyKey),
        held: { status: 'HELD', detail: null },
        settled: { status: 'COMPLETED', detail: null },
      });
    // Nobody asked for it (no intent recorded): refused, nothing moves.
    const forged = p2pInput(alice.id, bob.id, '1000');
    await expect(openP2P(forged)).rejects.toMatchObject({ type: 'TransferNotAuthorized' });
    expect(await availableMinor(services.db, alice.id)).toBe(5_000n);

    const input = p2pInput(alice.id, bob.id, '1200');
    await recordIntent('P2P', input);
    // Three at once (a retried local activity beside its first attempt), then once more late.
    const answers = await Promise.all([openP2P(input), openP2P(input), openP2P(input)]);
    answers.push(await openP2P(input));
    expect(answers.every((answer) => answer.settled)).toBe(true);
    expect(await services.db.transfer.count({ where: { id: input.transferId } })).toBe(1);
    expect(await services.db.hold.count({ where: { transferId: input.transferId } })).toBe(1);
    expect([await availableMinor(services.db, alice.id), await availableMinor(services.db, bob.id)]).toEqual([
      3_800n,
      1_200n,
    ]);
    expect((await services.db.transfer.findUnique({ where: { id: input.transferId } }))?.status).toBe(
      'COMPLETED',
    );
  });

  it('50 concurrent withdrawals never pass the daily limit together', async () => {
    const user = await createUser(services.db, 'hasty');
    await fundWallet(services.db, user.id, 50_000n);
    const inputs = Array.from({ length: 50 }, () => withdrawalInput(user.id, '300'));
    const started = await Promise.all(
      inputs.map((input) => startTransfer(services.temporal, 'WITHDRAWAL', input, limited.taskQueue)),
    );
    const finals = await Promise.all(started.map(({ handle }) => waitForResult(handle)));
    const completed = finals.filter((state) => state.status === 'COMPLETED');
    const refused = finals.filter((state) => state.failureType === 'LimitExceeded');
    // 33 × 300 = 9 900 fits in 10 000; a 34th would not.
    expect([completed.length, refused.length]).toEqual([33, 17]);
    expect(await availableMinor(services.db, user.id)).toBe(50_000n - 9_900n);
    const tooBig = await startTransfer(
      services.temporal,
      'WITHDRAWAL',
      withdrawalInput(user.id, '1001'),
      limited.taskQueue,
    );
    expect([tooBig.accepted.status, tooBig.accepted.failureType]).toEqual(['FAILED', 'LimitExceeded']);
  });
});
