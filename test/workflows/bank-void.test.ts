/**
 * Goal: a bank answer that arrives late can never move money twice or lose it. A payout or
 * collection call hangs past the client's timeout and lands at the bank later: after the user's
 * cancel, after the deadline, or before the workflow's void. Each time the workflow voids the id
 * first and acts on the bank's definite answer: a tombstone (release or fail; the late call is
 * refused) or the booked record (settle or credit). A cancel while the bank is down is answered
 * at once as pending and honoured when the bank is back. After each case the ledger audit and
 * the reconciliation are clean and the bank and the ledger agree on the id.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BankRecord, BankRecordKind } from '../../bank-client/client';
import { loadTransferView, withLiveState } from '../../api/transfer-view';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('late bank answers against the void protocol', () => {
  let services: TestServices;
  let faulty: FaultBank;
  /** A worker whose policy gives the bank 2.5 s: a 1.5 s hang lands before its deadline, a 4 s one after. */
  let shortDeadline: FaultBank;

  beforeAll(async () => {
    services = await connectServices();
    faulty = await startFaultBank('void');
    shortDeadline = await startFaultBank('void-deadline', testPolicy({ bankDeadlineMs: 2_500 }));
  });
  beforeEach(() => {
    faulty.bank.faults.reset();
    shortDeadline.bank.faults.reset();
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db, faulty.client);
  });
  afterAll(async () => {
    await faulty?.stop();
    await shortDeadline?.stop();
    await services?.close();
  });

  async function fundedUser(name: string, amountMinor: bigint) {
    const user = await createUser(services.db, name);
    await fundWallet(services.db, user.id, amountMinor);
    return user;
  }

  function bankRecord(kind: BankRecordKind, id: string): Promise<BankRecord | null> {
    return kind === 'payout' ? faulty.client.getPayout(id) : faulty.client.getCollection(id);
  }

  /** Makes the next money call at `bank` hang for `hangMs`... */
  async function hangFirstCallThenFail(hangMs: number, bank: FaultBank = faulty): Promise<void> {
    await bank.setFaults({ hangNext: 1, hangMs });
  }
  /** ...and, once it hangs, every later one fail unrecorded. */
  async function whenHanging(bank: FaultBank = faulty): Promise<void> {
    await eventually(
      async () => bank.bank.faults.settings().hangNext,
      (left) => left === 0,
    );
    await bank.setFaults({ failNext: 1_000 });
  }

  it('payout: a call that lands after the cancel is refused by the tombstone; the hold is released once', async () => {
    const user = await fundedUser('void-cancel', 10_000n);
    await hangFirstCallThenFail(4_000);
    const input = withdrawalInput(user.id, '1200');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, faulty.taskQueue);
    await whenHanging();
    const answer = await handle.executeUpdate(cancelUpdate, { args: [{ requestedBy: user.id }] });
    expect([answer.cancelled, answer.state.status]).toEqual([true, 'CANCELLED']);
    expect(await availableMinor(services.db, user.id)).toBe(10_000n);
    // The hung call lands now: the bank answers it with the tombstone and books nothing.
    await sleep(4_500);
    const record = await bankRecord('payout', input.transferId);
    expect([record?.status, record?.reason]).toEqual(['REFUSED', 'VOIDED']);
    expect((await waitForResult(handle)).status).toBe('CANCELLED');
    expect(await availableMinor(services.db, user.id)).toBe(10_000n);
    await maybeRecordHistory(handle, 'withdrawal-cancel-voided');
  });

  it('payout: a call that landed before the cancel reached the bank is settled, and the cancel refused', async () => {
    const user = await fundedUser('void-late-cancel', 10_000n);
    await hangFirstCallThenFail(1_500);
    const input = withdrawalInput(user.id, '1300');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, faulty.taskQueue);
    await whenHanging();
    await eventually(
      () => bankRecord('payout', input.transferId),
      (record) => record?.status === 'ACCEPTED',
    );
    const answer = await handle.executeUpdate(cancelUpdate, { args: [{ requestedBy: user.id }] });
    expect(answer.cancelled).toBe(false);
    const done = await waitForResult(handle);
    expect(done.status).toBe('COMPLETED');
    expect(done.steps.at(-1)?.detail).toMatch(/already paid out/);
    expect(await availableMinor(services.db, user.id)).toBe(8_700n);
    await maybeRecordHistory(handle, 'withdrawal-cancel-after-booking');
  });

  it('payout: a call that lands after the deadline is refused; the withdrawal is compensated once', async () => {
    const user = await fundedUser('void-deadline', 10_000n);
    await hangFirstCallThenFail(4_000, shortDeadline);
    const input = withdrawalInput(user.id, '1400');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, shortDeadline.taskQueue);
    await whenHanging(shortDeadline);
    const done = await waitForResult(handle);
    expect([done.status, done.failureType]).toEqual(['COMPENSATED', 'BankDeadlineExceeded']);
    await sleep(3_000);
    const record = await bankRecord('payout', input.transferId);
    expect([record?.status, record?.reason]).toEqual(['REFUSED', 'VOIDED']);
    expect(await availableMinor(services.db, user.id)).toBe(10_000n);
  });

  it('collection: a call that lands after the deadline is refused; the deposit fails and nothing is collected', async () => {
    const user = await createUser(services.db, 'void-collect');
    await hangFirstCallThenFail(4_000, shortDeadline);
    const input = depositInput(user.id, '2500');
    const { handle } = await startTransfer(services.temporal, 'DEPOSIT', input, shortDeadline.taskQueue);
    await whenHanging(shortDeadline);
    const done = await waitForResult(handle);
    expect([done.status, done.failureType]).toEqual(['FAILED', 'BankDeadlineExceeded']);
    await sleep(3_000);
    const record = await bankRecord('collection', input.transferId);
    expect([record?.status, record?.reason]).toEqual(['REFUSED', 'VOIDED']);
    expect(await availableMinor(services.db, user.id)).toBe(0n);
    await maybeRecordHistory(handle, 'deposit-deadline-voided');
  });

  it('collection: a call that landed before the deadline is credited, not lost', async () => {
    const user = await createUser(services.db, 'void-collected');
    await hangFirstCallThenFail(1_500, shortDeadline);
    const input = depositInput(user.id, '2600');
    const { handle } = await startTransfer(services.temporal, 'DEPOSIT', input, shortDeadline.taskQueue);
    await whenHanging(shortDeadline);
    const done = await waitForResult(handle);
    expect(done.status).toBe('COMPLETED');
    expect(done.steps.at(-1)?.detail).toMatch(/already collected/);
    expect((await bankRecord('collection', input.transferId))?.status).toBe('ACCEPTED');
    expect(await availableMinor(services.db, user.id)).toBe(2_600n);
    await maybeRecordHistory(handle, 'deposit-deadline-booked');
  });

  it('a cancel while the bank is down is answered at once as pending, then honoured when the bank is back', async () => {
    const user = await fundedUser('void-outage', 10_000n);
    await faulty.setFaults({ failNext: 1_000 });
    const input = withdrawalInput(user.id, '1500');
    const { handle } = await startTransfer(services.temporal, 'WITHDRAWAL', input, faulty.taskQueue);
    await eventually(
      () => handle.query(statusQuery),
      (state) => state.status === 'SENT_TO_BANK',
    );
    await faulty.setFaults({ outage: true });
    // Cancelled twice (a client retrying): both answered pending; the first one is the one recorded.
    const answers = await Promise.all(
      [0, 1].map(() => handle.executeUpdate(cancelUpdate, { args: [{ requestedBy: user.id }] })),
    );
    for (const twin of answers) expect([twin.cancelled, twin.pending]).toEqual([false, true]);
    const answer = answers[0]!;
    expect(answer.state.status).toBe('SENT_TO_BANK');
    expect(answer.state.steps.at(-1)?.detail).toMatch(/cancel requested/);
    // Still held: nothing is released before the bank's answer.
    expect(await availableMinor(services.db, user.id)).toBe(8_500n);
    // The owner's view says the cancel is recorded and offers it no more.
    const stored = await loadTransferView(services.db, input.transferId, user.id);
    const live = withLiveState(stored!, answer.state, user.id);
    expect([live.cancelRequested, live.allowedActions.includes('cancel')]).toEqual([true, false]);
    await faulty.setFaults({ outage: false });
    const done = await waitForResult(handle);
    expect(done.status).toBe('CANCELLED');
    expect((await loadTransferView(services.db, input.transferId, user.id))?.cancelRequested).toBe(false);
    expect(done.steps.filter((step) => step.status === 'CANCELLED')).toHaveLength(1);
    const record = await bankRecord('payout', input.transferId);
    expect([record?.status, record?.reason]).toEqual(['REFUSED', 'VOIDED']);
    expect(await availableMinor(services.db, user.id)).toBe(10_000n);
    await maybeRecordHistory(handle, 'withdrawal-cancel-during-outage');
  });
});
