/**
 * Goal: withdrawals and deposits survive a misbehaving bank without moving money twice or
 * losing it. A bank and worker of this file's own (own task queue, shared bank store) take the
 * faults, so no other test file sees them: flaky calls succeed after retries and pay once; a
 * lost answer is found by id; an outage longer than the retry budget but shorter than the
 * deadline completes after recovery; one past the deadline compensates; a cancel before the
 * bank accepted releases the hold, one while the bank is accepting is refused.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { cancelUpdate, statusQuery } from '../../workflows/definitions';
import {
  availableMinor,
  connectServices,
  createUser,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import {
  depositInput,
  maybeRecordHistory,
  startFaultBank,
  startTransfer,
  testPolicy,
  waitForResult,
  withdrawalInput,
  type FaultBank,
} from './support';

describe('money movements against a faulty bank', () => {
  let services: TestServices;
  let faulty: FaultBank;

  beforeAll(async () => {
    services = await connectServices();
    faulty = await startFaultBank('faults');
  });
  beforeEach(() =>
    faulty.setFaults({ latencyMs: 0, failNext: 0, dropResponseNext: 0, outage: false, outageUntil: null }),
  );
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db, faulty.client);
  });
  afterAll(async () => {
    await faulty?.stop();
    await services?.close();
  });

  async function fundedUser(name: string, amountMinor: bigint) {
    const user = await createUser(services.db, name);
    await fundWallet(services.db, user.id, amountMinor);
    return user;
  }

  async function payoutsOf(transferId: string) {
    const page = await faulty.client.listRecords({ kind: 'payout', status: 'ALL', limit: 1000 });
    return page.records.filter((record) => record.id === transferId);
  }

  it('pays out once when the bank fails twice and then loses its answer', async () => {
    const user = await fundedUser('flaky', 10_000n);
    await faulty.setFaults({ failNext: 2, dropResponseNext: 1 });
    const input = withdrawalInput(user.id, '3000');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, faulty.taskQueue);
    const done = await waitForResult(handle);
    expect(done.status).toBe('COMPLETED');
    expect(await payoutsOf(input.transferId)).toHaveLength(1);
    expect(await availableMinor(services.db, user.id)).toBe(7_000n);
    await maybeRecordHistory(handle, 'withdrawal-flaky-bank');
  });

  it('collects once for a deposit through a flaky bank', async () => {
    const user = await createUser(services.db, 'flakydep');
    await faulty.setFaults({ failNext: 1, dropResponseNext: 1 });
    const input = depositInput(user.id, '800');
    const { handle } = await startTransfer(services.temporal, 'DEPOSIT', input, faulty.taskQueue);
    expect((await waitForResult(handle)).status).toBe('COMPLETED');
    expect(await availableMinor(services.db, user.id)).toBe(800n);
    const collections = (await faulty.client.listRecords({ kind: 'collection', status: 'ALL', limit: 1000 }))
      .records;
    expect(collections.filter((record) => record.id === input.transferId)).toHaveLength(1);
  });

  it('waits out an outage longer than the retry budget on durable timers, then completes', async () => {
    const user = await fundedUser('outage', 10_000n);
    // The burst (3 attempts, ~0.3 s) is spent long before the outage ends; the deadline (30 s) is not.
    await faulty.setFaults({ outageUntil: new Date(Date.now() + 4_000).toISOString() });
    const input = withdrawalInput(user.id, '2500');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, faulty.taskQueue);
    const history = await eventually(
      () => handle.fetchHistory(),
      (events) => (events.events ?? []).some((event) => event.timerStartedEventAttributes),
    );
    expect(history.events?.length).toBeGreaterThan(0);
    expect((await handle.query(statusQuery)).status).toBe('SENT_TO_BANK');
    // The row says the bank is not answering, and until when the workflow keeps trying.
    const waiting = await eventually(
      () => services.db.transfer.findUniqueOrThrow({ where: { id: input.transferId } }),
      (row) => row.bankUnavailableSince !== null,
    );
    expect(waiting.bankRetryUntil!.getTime()).toBeGreaterThan(Date.now());
    const done = await waitForResult(handle);
    expect(done.status).toBe('COMPLETED');
    expect(await payoutsOf(input.transferId)).toHaveLength(1);
    expect(await availableMinor(services.db, user.id)).toBe(7_500n);
    const answered = await services.db.transfer.findUniqueOrThrow({ where: { id: input.transferId } });
    expect([answered.bankUnavailableSince, answered.bankRetryUntil]).toEqual([null, null]);
    const notices = await services.db.userEvent.findMany({
      where: { subjectId: input.transferId },
      orderBy: { id: 'asc' },
    });
    expect(
      notices.map(
        (event) => (event.payload as { bankUnavailableSince: string | null }).bankUnavailableSince !== null,
      ),
    ).toContain(true);
    await maybeRecordHistory(handle, 'withdrawal-outage-recovered-notice');
  });

  it('compensates when the bank is down past the deadline, and records why', async () => {
    const user = await fundedUser('deadline', 10_000n);
    const shortDeadline = await startFaultBank('faults-deadline', testPolicy({ bankDeadlineMs: 3_000 }));
    onTestFinished(() => shortDeadline.stop());
    await shortDeadline.setFaults({ outage: true });
    const input = withdrawalInput(user.id, '4000');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, shortDeadline.taskQueue);
    await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'SENT_TO_BANK',
    );
    expect(await availableMinor(services.db, user.id)).toBe(6_000n);
    // Past the deadline the workflow voids the payout before releasing: let the bank answer.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await shortDeadline.setFaults({ outage: false });
    const done = await waitForResult(handle);
    expect([done.status, done.failureType]).toEqual(['COMPENSATED', 'BankDeadlineExceeded']);
    // The void left a tombstone: the bank refuses the id for good and paid nothing.
    expect((await payoutsOf(input.transferId)).map((record) => [record.status, record.reason])).toEqual([
      ['REFUSED', 'VOIDED'],
    ]);
    expect(await availableMinor(services.db, user.id)).toBe(10_000n);
    const row = await services.db.transfer.findUniqueOrThrow({ where: { id: input.transferId } });
    expect([row.status, row.failureReason]).toEqual(['COMPENSATED', done.failureReason]);
    await maybeRecordHistory(handle, 'withdrawal-deadline-compensated');
  });

  it('cancels a withdrawal the bank has not accepted: the hold is released and nothing is paid', async () => {
    const user = await fundedUser('cancel', 10_000n);
    // Payout calls fail without being recorded; the void still answers.
    await faulty.setFaults({ failNext: 1_000 });
    const input = withdrawalInput(user.id, '3000');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, faulty.taskQueue);
    await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'SENT_TO_BANK',
    );
    const answer = await handle.executeUpdate(cancelUpdate, {
      args: [{ requestedBy: user.id, reason: 'changed my mind' }],
    });
    expect(answer.cancelled).toBe(true);
    expect([answer.state.status, answer.state.failureType]).toEqual(['CANCELLED', 'CancelledByUser']);
    await waitForResult(handle);
    expect((await payoutsOf(input.transferId)).map((record) => [record.status, record.reason])).toEqual([
      ['REFUSED', 'VOIDED'],
    ]);
    expect(await availableMinor(services.db, user.id)).toBe(10_000n);
    await maybeRecordHistory(handle, 'withdrawal-cancelled');
  });

  it('refuses a cancel that arrives while the bank is accepting the payout', async () => {
    const user = await fundedUser('late', 10_000n);
    // Every call takes 700 ms (under the client's 1 s timeout): the cancel lands mid-call.
    await faulty.setFaults({ latencyMs: 700 });
    const input = withdrawalInput(user.id, '1500');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, faulty.taskQueue);
    // Wait until the payout call itself is running: a cancel before it is (rightly) honoured.
    await eventually(
      async () => (await handle.describe()).raw.pendingActivities ?? [],
      (pending) => pending.some((activity) => activity.activityType?.name === 'bankPayout'),
    );
    const answer = await handle.executeUpdate(cancelUpdate, { args: [{ requestedBy: user.id }] });
    expect(answer.cancelled).toBe(false);
    expect((await waitForResult(handle)).status).toBe('COMPLETED');
    expect(await payoutsOf(input.transferId)).toHaveLength(1);
    expect(await availableMinor(services.db, user.id)).toBe(8_500n);
  });
});
