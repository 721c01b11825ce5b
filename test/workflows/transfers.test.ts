/**
 * Goal: each money movement runs as its workflow on the real Temporal server, PostgreSQL and
 * the shared (fault-free) bank over HTTP: deposit, withdrawal and P2P complete; a closed bank
 * account is refused and the hold released; a review is approved, rejected or times out, by an
 * admin who is neither party (four eyes); a
 * cancel after the bank accepted is refused; a repeated key moves money once. Every test ends
 * with the ledger audit and the bank reconciliation clean.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KizoAmountMinor, KizoKind, KizoStatus, KizoUserId } from '../../temporal/search-attributes';
import { cancelUpdate, reviewSignal, reviewUpdate, statusQuery } from '../../workflows/definitions';
import {
  availableMinor,
  connectServices,
  createAdmin,
  createUser,
  eventually,
  linkBankAccount,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  sharedBankClient,
  type TestServices,
} from '../support/fixtures';
import { demoBankAccountRef } from '../../transfers/bank-accounts';
import {
  depositInput,
  maybeRecordHistory,
  p2pInput,
  startFaultBank,
  startTransfer,
  testPolicy,
  waitForResult,
  withdrawalInput,
  type FaultBank,
} from './support';

describe('money movements on the shared bank', () => {
  let services: TestServices;
  const bank = sharedBankClient();
  /** Workers whose policy reviews from 50.00 (the default threshold is 1000.00): waiting 30 s, or 1.5 s. */
  let reviewer: FaultBank;
  let impatientReviewer: FaultBank;

  beforeAll(async () => {
    services = await connectServices();
    reviewer = await startFaultBank(
      'review',
      testPolicy({}, { reviewThresholdMinor: '5000', reviewTimeoutMs: 30_000 }),
    );
    impatientReviewer = await startFaultBank(
      'review-timeout',
      testPolicy({}, { reviewThresholdMinor: '5000', reviewTimeoutMs: 1_500 }),
    );
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(async () => {
    await reviewer?.stop();
    await impatientReviewer?.stop();
    await services?.close();
  });

  it('deposits: the bank collects, then the wallet is credited; status and search attributes follow', async () => {
    const user = await createUser(services.db, 'depositor');
    const input = depositInput(user.id, '12345');
    const { accepted, handle } = await startTransfer(services.temporal, 'DEPOSIT', input);
    expect(accepted.status).not.toBe('PENDING');

    const done = await waitForResult(handle);
    expect(done.status).toBe('COMPLETED');
    expect(done.steps.map((step) => step.status)).toEqual(['PENDING', 'SENT_TO_BANK', 'COMPLETED']);
    expect(await availableMinor(services.db, user.id)).toBe(12_345n);
    expect((await bank.getCollection(input.transferId))?.amountMinor).toBe(12_345n);
    const row = await services.db.transfer.findUniqueOrThrow({ where: { id: input.transferId } });
    expect([row.status, row.bankAccountRef]).toEqual(['COMPLETED', demoBankAccountRef(user.id)]);

    const query = await handle.query(statusQuery);
    expect(query.status).toBe('COMPLETED');
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect([
      attributes.get(KizoStatus),
      attributes.get(KizoKind),
      attributes.get(KizoUserId),
      attributes.get(KizoAmountMinor),
    ]).toEqual(['COMPLETED', 'DEPOSIT', user.id, 12345]);
    await maybeRecordHistory(handle, 'deposit-completed');
  });

  it('withdraws: holds, pays out once, settles the hold to the bank', async () => {
    const user = await createUser(services.db, 'withdrawer');
    await fundWallet(services.db, user.id, 10_000n);
    const input = withdrawalInput(user.id, '4000');
    const { accepted, handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input);
    expect(['HELD', 'SENT_TO_BANK', 'COMPLETED']).toContain(accepted.status);

    const done = await waitForResult(handle);
    expect(done.steps.map((step) => step.status)).toEqual(['PENDING', 'HELD', 'SENT_TO_BANK', 'COMPLETED']);
    expect(await availableMinor(services.db, user.id)).toBe(6_000n);
    expect((await bank.getPayout(input.transferId))?.status).toBe('ACCEPTED');
    // A finished workflow takes no updates: the API maps WorkflowNotFoundError on cancel to 409.
    await expect(
      handle.executeUpdate(cancelUpdate, { args: [{ requestedBy: user.id }] }),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await maybeRecordHistory(handle, 'withdrawal-completed');
  });

  it('refuses a withdrawal the balance cannot cover (zero moves, nothing reaches the bank)', async () => {
    const user = await createUser(services.db, 'poor');
    await fundWallet(services.db, user.id, 1_000n);
    const input = withdrawalInput(user.id, '1001');
    const { accepted, handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input);
    expect([accepted.status, accepted.failureType]).toEqual(['FAILED', 'InsufficientFunds']);
    await waitForResult(handle);
    expect(await availableMinor(services.db, user.id)).toBe(1_000n);
    expect(await bank.getPayout(input.transferId)).toBeNull();
  });

  it('compensates a withdrawal the bank refuses for good: the hold is released with the reason', async () => {
    const user = await createUser(services.db, 'closed');
    await fundWallet(services.db, user.id, 5_000n);
    await linkBankAccount(services.db, user.id, 'closed-account-1');
    const input = withdrawalInput(user.id, '2000', undefined, 'closed-account-1');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input);
    // The first payout to a newly linked account waits for an admin.
    await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'IN_REVIEW',
    );
    const admin = await createAdmin(services.db);
    expect(
      (await handle.executeUpdate(reviewUpdate, { args: [{ approved: true, reviewerId: admin.id }] }))
        .applied,
    ).toBe(true);
    const done = await waitForResult(handle);
    expect([done.status, done.failureType]).toEqual(['COMPENSATED', 'BankRefused']);
    expect(done.failureReason).toContain('ACCOUNT_CLOSED');
    expect(await availableMinor(services.db, user.id)).toBe(5_000n);
    const row = await services.db.transfer.findUniqueOrThrow({ where: { id: input.transferId } });
    expect([row.status, row.failureReason]).toEqual(['COMPENSATED', done.failureReason]);
    await eventually(
      async () => (await handle.describe()).typedSearchAttributes.get(KizoStatus),
      (status) => status === 'COMPENSATED',
    );
    await maybeRecordHistory(handle, 'withdrawal-refused');
  });

  it('fails a deposit from a closed account and credits nothing', async () => {
    const user = await createUser(services.db, 'closeddep');
    await linkBankAccount(services.db, user.id, 'closed-account-2');
    const input = depositInput(user.id, '700', undefined, 'closed-account-2');
    const { handle } = await startTransfer(services.temporal, 'DEPOSIT', input);
    const done = await waitForResult(handle);
    expect([done.status, done.failureType]).toEqual(['FAILED', 'BankRefused']);
    expect(await availableMinor(services.db, user.id)).toBe(0n);
  });

  it('moves money once for a repeated key, while running and after it finished', async () => {
    const user = await createUser(services.db, 'repeat');
    const input = depositInput(user.id, '500');
    const twins = await Promise.allSettled([
      startTransfer(services.temporal, 'DEPOSIT', input),
      startTransfer(services.temporal, 'DEPOSIT', input),
    ]);
    // A twin joins the running workflow, or, if that already finished (a deposit takes a few
    // milliseconds), is refused as a duplicate: never a second run.
    const started = twins.flatMap((twin) => (twin.status === 'fulfilled' ? [twin.value] : []));
    for (const twin of twins)
      if (twin.status === 'rejected')
        expect(twin.reason).toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    expect(started.length).toBeGreaterThanOrEqual(1);
    const runs = await Promise.all(started.map(async ({ handle }) => (await handle.describe()).runId));
    expect(new Set(runs).size).toBe(1);
    await waitForResult(started[0]!.handle);
    await expect(startTransfer(services.temporal, 'DEPOSIT', input)).rejects.toBeInstanceOf(
      WorkflowExecutionAlreadyStartedError,
    );
    expect(await availableMinor(services.db, user.id)).toBe(500n);
    const page = await bank.listRecords({ kind: 'collection', status: 'ALL', limit: 1000 });
    expect(page.records.filter((record) => record.id === input.transferId)).toHaveLength(1);
  });

  it('settles a P2P transfer at once below the review threshold', async () => {
    const alice = await createUser(services.db, 'alice');
    const bob = await createUser(services.db, 'bob');
    await fundWallet(services.db, alice.id, 3_000n);
    const { handle } = await startTransfer(services.temporal, 'P2P', p2pInput(alice.id, bob.id, '1200'));
    expect((await waitForResult(handle)).status).toBe('COMPLETED');
    expect([await availableMinor(services.db, alice.id), await availableMinor(services.db, bob.id)]).toEqual([
      1_800n,
      1_200n,
    ]);
    // p2p-completed.json is the same transfer before the one-step opening; it replays as it ran.
    await maybeRecordHistory(handle, 'p2p-one-step-completed');
  });

  it('waits for review above the threshold; an approving update settles and answers the admin', async () => {
    const alice = await createUser(services.db, 'alice');
    const bob = await createUser(services.db, 'bob');
    const admin = await createAdmin(services.db);
    await fundWallet(services.db, alice.id, 9_000n);
    const { handle } = await startTransfer(
      services.temporal,
      'P2P',
      p2pInput(alice.id, bob.id, '5000'),
      reviewer.taskQueue,
    );
    await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'IN_REVIEW',
    );
    expect(await availableMinor(services.db, alice.id)).toBe(4_000n);
    const answer = await handle.executeUpdate(reviewUpdate, {
      args: [{ approved: true, reviewerId: admin.id }],
    });
    expect(answer.applied).toBe(true);
    expect(answer.state.status).toBe('COMPLETED');
    expect(await availableMinor(services.db, bob.id)).toBe(5_000n);
    await waitForResult(handle);
    await maybeRecordHistory(handle, 'p2p-one-step-review-approved');
  });

  it('four eyes: refuses a malformed decision, the initiator or recipient as reviewer, and a reviewer who is not an admin', async () => {
    const alice = await createAdmin(services.db, 'alice');
    const bob = await createAdmin(services.db, 'bob');
    const carol = await createUser(services.db, 'carol');
    await fundWallet(services.db, alice.id, 9_000n);
    const { handle } = await startTransfer(
      services.temporal,
      'P2P',
      p2pInput(alice.id, bob.id, '6000'),
      reviewer.taskQueue,
    );
    await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'IN_REVIEW',
    );
    const refusalOf = (decision: unknown) =>
      handle.executeUpdate(reviewUpdate, { args: [decision as never] }).then(
        () => 'applied',
        (error: unknown) => (error as { cause?: { type?: string } }).cause?.type ?? String(error),
      );
    expect(await refusalOf({ approve: 'yes', reviewerId: carol.id })).toBe('ReviewDecisionMalformed');
    expect(await refusalOf({ approved: true, reviewerId: alice.id })).toBe('ReviewerIsParty');
    expect(await refusalOf({ approved: true, reviewerId: bob.id })).toBe('ReviewerIsParty');
    expect(await refusalOf({ approved: true, reviewerId: carol.id })).toBe('ReviewerNotAdmin');
    // The signal path applies the same rules: a self-approval by signal is ignored.
    await handle.signal(reviewSignal, { approved: true, reviewerId: alice.id });
    expect((await handle.query(statusQuery)).status).toBe('IN_REVIEW');
    expect(await availableMinor(services.db, bob.id)).toBe(0n);
    const admin = await createAdmin(services.db);
    await handle.signal(reviewSignal, { approved: false, reviewerId: admin.id, reason: 'four eyes' });
    expect((await waitForResult(handle)).status).toBe('CANCELLED');
    expect(await availableMinor(services.db, alice.id)).toBe(9_000n);
  });

  it('releases the hold when a review is rejected by signal', async () => {
    const alice = await createUser(services.db, 'alice');
    const bob = await createUser(services.db, 'bob');
    await fundWallet(services.db, alice.id, 9_000n);
    const admin = await createAdmin(services.db);
    const { handle } = await startTransfer(
      services.temporal,
      'P2P',
      p2pInput(alice.id, bob.id, '6000'),
      reviewer.taskQueue,
    );
    await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'IN_REVIEW',
    );
    await handle.signal(reviewSignal, { approved: false, reviewerId: admin.id, reason: 'suspicious' });
    const done = await waitForResult(handle);
    expect([done.status, done.failureType, done.failureReason]).toEqual([
      'CANCELLED',
      'ReviewRejected',
      'rejected by review: suspicious',
    ]);
    expect([await availableMinor(services.db, alice.id), await availableMinor(services.db, bob.id)]).toEqual([
      9_000n,
      0n,
    ]);
  });

  it('releases the hold when nobody reviews before the timeout', async () => {
    const alice = await createUser(services.db, 'alice');
    const bob = await createUser(services.db, 'bob');
    await fundWallet(services.db, alice.id, 9_000n);
    const { handle } = await startTransfer(
      services.temporal,
      'P2P',
      p2pInput(alice.id, bob.id, '7000'),
      impatientReviewer.taskQueue,
    );
    const done = await waitForResult(handle);
    expect([done.status, done.failureType]).toEqual(['CANCELLED', 'ReviewTimedOut']);
    expect(done.steps.map((step) => step.status)).toEqual(['PENDING', 'HELD', 'IN_REVIEW', 'CANCELLED']);
    expect(await availableMinor(services.db, alice.id)).toBe(9_000n);
  });
});
