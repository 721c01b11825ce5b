/**
 * Goal: prove the promise under faults. The whole system runs as separate processes (embedded
 * PostgreSQL, Temporal dev server on a SQLite file, bank, worker, API); each case breaks one of
 * them while money is moving — SIGKILL the worker before and during the bank call, restart
 * Temporal, restart PostgreSQL, make the bank slow, down or garbled, restart the API while
 * clients retry with the same keys, a hung payout landing after a SIGKILL and a cancel — and then checks that every transfer finished exactly once:
 * balances add up, the bank paid once per transfer, the ledger audit and bank reconciliation
 * are clean, and no transfer is left in flight.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../ledger/audit';
import { createBankClient } from '../../bank-client/client';
import { reconcile } from '../../ledger/reconciliation';
import { createDatabase, type Database } from '../../prisma/client';
import { ProcessStack, sleep } from '../../scripts/stack';
import { FINAL_STATUSES } from '../../common/transfer-status';
import { ApiClient, setBankFaults, type TransferView } from '../support/api-client';

const CASE_TIMEOUT_MS = 240_000;
const FUNDING_MINOR = 1_000_000n;

describe.sequential('money survives faults', () => {
  let stack: ProcessStack;
  let db: Database;

  beforeAll(async () => {
    stack = await new ProcessStack({
      environment: {
        // Short enough for a test, long enough to outlast every outage below.
        BANK_DEADLINE_MS: '180000',
        BANK_RETRY_INITIAL_MS: '200',
        BANK_TIMEOUT_MS: '2000',
        // A claim left by a killed API is retaken after this; clients get 409 until then.
        IDEMPOTENCY_LOCK_TIMEOUT_SECONDS: '5',
      },
      log: (line) => console.log(`[stack] ${line}`),
    }).start();
    db = createDatabase(stack.databaseUrl);
  }, CASE_TIMEOUT_MS);

  afterEach(async () => {
    await setBankFaults(stack.bankUrl, {});
    // Nothing may be left in flight: every transfer reaches a final state.
    const pending = await db.transfer.findMany({
      where: { status: { notIn: [...FINAL_STATUSES] as never } },
    });
    expect(pending.map((transfer) => `${transfer.id} ${transfer.status}`)).toEqual([]);
    const audit = await auditLedger(db);
    expect(audit.checks.filter((check) => !check.ok)).toEqual([]);
    const reconciliation = await reconcile(
      db,
      createBankClient({ baseUrl: stack.bankUrl, timeoutMs: 5_000 }),
    );
    expect(reconciliation.mismatches).toEqual([]);
    expect(reconciliation.ok).toBe(true);
  }, CASE_TIMEOUT_MS);

  afterAll(async () => {
    await db?.$disconnect();
    await stack?.stop();
  }, CASE_TIMEOUT_MS);

  async function fundedUser(name: string): Promise<ApiClient> {
    const client = await new ApiClient(stack.apiUrl).signUp(name);
    const deposit = await client.moveUntilAnswered('/v1/deposits', {
      amountMinor: FUNDING_MINOR.toString(),
      currency: 'EUR',
    });
    expect(deposit.status).toBe(202);
    expect((await client.waitFinal(deposit.body.id)).status).toBe('COMPLETED');
    return client;
  }

  // To the user's demo account, which funded the wallet: a known payee, so no review.
  const withdrawal = (amountMinor: bigint) => ({ amountMinor: amountMinor.toString(), currency: 'EUR' });

  /** The bank's own record: exactly one accepted payout for the transfer. */
  async function expectPaidOnce(transferId: string, amountMinor: bigint): Promise<void> {
    const bank = createBankClient({ baseUrl: stack.bankUrl, timeoutMs: 5_000 });
    const record = await bank.getPayout(transferId);
    expect(record?.status).toBe('ACCEPTED');
    expect(record?.amountMinor).toBe(amountMinor);
    const postings = await db.posting.findMany({ where: { transferId } });
    expect(postings.map((posting) => posting.kind).sort()).toEqual(['HOLD', 'SETTLE']);
  }

  async function bankFaults(): Promise<{ hangNext: number }> {
    return (await (await fetch(`${stack.bankUrl}/control/faults`)).json()) as { hangNext: number };
  }

  async function waitStatus(client: ApiClient, id: string, statuses: string[]): Promise<TransferView> {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const transfer = await client.transfer(id);
      if (statuses.includes(transfer.status)) return transfer;
      await sleep(100);
    }
    throw new Error(`transfer ${id} never reached ${statuses.join('/')}`);
  }

  it(
    'a worker killed between the hold and the bank call: the restarted worker pays once',
    async () => {
      const alice = await fundedUser('alice');
      await setBankFaults(stack.bankUrl, { outage: true });
      const accepted = await alice.moveUntilAnswered('/v1/withdrawals', withdrawal(40_000n));
      expect(accepted.status).toBe(202);
      await waitStatus(alice, accepted.body.id, ['HELD', 'SENT_TO_BANK']);
      await stack.kill('worker-0');
      await setBankFaults(stack.bankUrl, {});
      await stack.startService('worker', 0);

      expect((await alice.waitFinal(accepted.body.id)).status).toBe('COMPLETED');
      await expectPaidOnce(accepted.body.id, 40_000n);
      expect(await alice.availableMinor()).toBe(FUNDING_MINOR - 40_000n);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'a worker killed during the bank call: the retry is answered from the bank record, paid once',
    async () => {
      const alice = await fundedUser('alice');
      await setBankFaults(stack.bankUrl, { latencyMs: 1_500 });
      const accepted = await alice.moveUntilAnswered('/v1/withdrawals', withdrawal(25_000n));
      expect(accepted.status).toBe(202);
      await waitStatus(alice, accepted.body.id, ['HELD', 'SENT_TO_BANK']);
      await sleep(500);
      await stack.kill('worker-0');
      await sleep(1_500);
      await setBankFaults(stack.bankUrl, {});
      await stack.startService('worker', 0);

      expect((await alice.waitFinal(accepted.body.id)).status).toBe('COMPLETED');
      await expectPaidOnce(accepted.body.id, 25_000n);
      expect(await alice.availableMinor()).toBe(FUNDING_MINOR - 25_000n);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'a payout call hung through a worker SIGKILL and a cancel lands after both: refused by the tombstone, released once',
    async () => {
      const alice = await fundedUser('alice');
      // The first payout call hangs at the bank for 25 s (long enough for Temporal to hand the
      // dead worker's tasks to the new one); every later one fails unrecorded.
      const hangMs = 25_000;
      await setBankFaults(stack.bankUrl, { hangNext: 1, hangMs });
      const accepted = await alice.moveUntilAnswered('/v1/withdrawals', withdrawal(30_000n));
      expect(accepted.status).toBe(202);
      for (let attempt = 0; attempt < 100 && (await bankFaults()).hangNext !== 0; attempt += 1)
        await sleep(100);
      expect((await bankFaults()).hangNext).toBe(0);
      const landsAtMs = Date.now() + hangMs;
      await setBankFaults(stack.bankUrl, { failNext: 10_000 });
      await stack.kill('worker-0');
      await stack.startService('worker', 0);

      const cancel = await alice.request<TransferView>('POST', `/v1/withdrawals/${accepted.body.id}/cancel`);
      expect(cancel.status).toBe(202);
      expect((await alice.waitFinal(accepted.body.id)).status).toBe('CANCELLED');
      // Let the hung call land: the bank answers it with the tombstone and pays nothing.
      await sleep(Math.max(0, landsAtMs - Date.now()) + 1_000);
      const record = await createBankClient({ baseUrl: stack.bankUrl, timeoutMs: 5_000 }).getPayout(
        accepted.body.id,
      );
      expect([record?.status, record?.reason]).toEqual(['REFUSED', 'VOIDED']);
      expect(await alice.availableMinor()).toBe(FUNDING_MINOR);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'Temporal restarted with transfers in flight: every one completes exactly once',
    async () => {
      const alice = await fundedUser('alice');
      const bob = await new ApiClient(stack.apiUrl).signUp('bob');
      await setBankFaults(stack.bankUrl, { latencyMs: 1_000 });
      const started = await Promise.all([
        ...[1, 2, 3].map((index) =>
          alice.moveUntilAnswered('/v1/withdrawals', withdrawal(BigInt(index) * 1_000n)),
        ),
        ...[1, 2, 3].map((index) =>
          alice.moveUntilAnswered('/v1/transfers', {
            amountMinor: String(index * 100),
            currency: 'EUR',
            recipient: bob.handle,
          }),
        ),
      ]);
      expect(started.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202, 202]);
      await stack.restartTemporal(1_000);
      await setBankFaults(stack.bankUrl, {});

      const finals = await Promise.all(started.map((answer) => alice.waitFinal(answer.body.id)));
      expect(finals.map((transfer) => transfer.status)).toEqual(Array(6).fill('COMPLETED'));
      for (const [index, answer] of started.slice(0, 3).entries())
        await expectPaidOnce(answer.body.id, BigInt(index + 1) * 1_000n);
      expect(await alice.availableMinor()).toBe(FUNDING_MINOR - 6_000n - 600n);
      expect(await bob.availableMinor()).toBe(600n);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'PostgreSQL restarted with transfers in flight: activities retry and every transfer completes once',
    async () => {
      const alice = await fundedUser('alice');
      await setBankFaults(stack.bankUrl, { latencyMs: 1_000 });
      const started = await Promise.all(
        [1, 2, 3, 4].map((index) =>
          alice.moveUntilAnswered('/v1/withdrawals', withdrawal(BigInt(index) * 500n)),
        ),
      );
      expect(started.map((answer) => answer.status)).toEqual([202, 202, 202, 202]);
      await stack.restartPostgres(1_500);
      await setBankFaults(stack.bankUrl, {});

      const finals = await Promise.all(started.map((answer) => alice.waitFinal(answer.body.id)));
      expect(finals.map((transfer) => transfer.status)).toEqual([
        'COMPLETED',
        'COMPLETED',
        'COMPLETED',
        'COMPLETED',
      ]);
      for (const [index, answer] of started.entries())
        await expectPaidOnce(answer.body.id, BigInt(index + 1) * 500n);
      expect(await alice.availableMinor()).toBe(FUNDING_MINOR - 5_000n);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'a bank slower than the activity timeout, and one answering garbage: paid once each',
    async () => {
      const alice = await fundedUser('alice');
      // Each hang outlasts BANK_TIMEOUT_MS, so the activity times out while the bank still pays.
      await setBankFaults(stack.bankUrl, { hangNext: 2, hangMs: 3_000 });
      const slow = await alice.moveUntilAnswered('/v1/withdrawals', withdrawal(7_000n));
      expect((await alice.waitFinal(slow.body.id)).status).toBe('COMPLETED');
      await expectPaidOnce(slow.body.id, 7_000n);

      await setBankFaults(stack.bankUrl, { garbageNext: 2 });
      const garbled = await alice.moveUntilAnswered('/v1/withdrawals', withdrawal(3_000n));
      expect((await alice.waitFinal(garbled.body.id)).status).toBe('COMPLETED');
      await expectPaidOnce(garbled.body.id, 3_000n);
      expect(await alice.availableMinor()).toBe(FUNDING_MINOR - 10_000n);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'a bank outage while deposits come in: each deposit credits once when the bank is back',
    async () => {
      const alice = await new ApiClient(stack.apiUrl).signUp('alice');
      await setBankFaults(stack.bankUrl, { outage: true });
      const deposits = await Promise.all(
        [100n, 200n, 300n].map((amount) =>
          alice.moveUntilAnswered('/v1/deposits', { amountMinor: amount.toString(), currency: 'EUR' }),
        ),
      );
      expect(deposits.map((answer) => answer.status)).toEqual([202, 202, 202]);
      await sleep(2_000);
      expect(await alice.availableMinor()).toBe(0n);
      await setBankFaults(stack.bankUrl, {});
      const finals = await Promise.all(deposits.map((answer) => alice.waitFinal(answer.body.id)));
      expect(finals.map((transfer) => transfer.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
      expect(await alice.availableMinor()).toBe(600n);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'the API killed with requests in flight while clients retry with the same keys: each key moves money once',
    async () => {
      const alice = await fundedUser('alice');
      const bob = await new ApiClient(stack.apiUrl).signUp('bob');
      const keys = Array.from({ length: 12 }, () => randomUUID());
      // With the worker down, every first attempt waits inside the API for the workflow to
      // accept, so the API is surely killed with all of them in flight.
      await stack.kill('worker-0');
      const requests = keys.map((key, index) =>
        alice.moveUntilAnswered(
          '/v1/transfers',
          { amountMinor: String(1_000 + index), currency: 'EUR', recipient: bob.handle },
          key,
        ),
      );
      await sleep(1_000);
      await stack.kill('api');
      await sleep(500);
      await stack.startService('api');
      await stack.startService('worker', 0);
      const answers = await Promise.all(requests);
      expect(answers.map((answer) => answer.status)).toEqual(Array(keys.length).fill(202));
      expect(answers.map((answer) => answer.attempts).filter((attempts) => attempts < 2)).toEqual([]);

      // Asking again with every key replays, and still moves nothing more.
      const replays = await Promise.all(
        keys.map((key, index) =>
          alice.move(
            '/v1/transfers',
            { amountMinor: String(1_000 + index), currency: 'EUR', recipient: bob.handle },
            key,
          ),
        ),
      );
      expect(replays.map((answer) => [answer.status, answer.replayed])).toEqual(
        Array(keys.length).fill([202, true]),
      );
      expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(keys.length);
      await Promise.all(answers.map((answer) => alice.waitFinal(answer.body.id)));

      const expectedTotal = keys.reduce((sum, _key, index) => sum + 1_000n + BigInt(index), 0n);
      expect(await bob.availableMinor()).toBe(expectedTotal);
      expect(await alice.availableMinor()).toBe(FUNDING_MINOR - expectedTotal);
      const rows = await db.transfer.count({ where: { userId: alice.userId, kind: 'P2P' } });
      expect(rows).toBe(keys.length);
    },
    CASE_TIMEOUT_MS,
  );
});
