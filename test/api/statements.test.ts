/**
 * Goal: statements and balances at a moment equal the ledger. A wallet with 1,000 movements in
 * a period: its statement (JSON, CSV, PDF) opens at the ledger's balance before the period,
 * has every entry, and its CSV amounts add up to closing minus opening; `?at=` balances equal a
 * replay of the wallet's postings; the monthly statements run records each wallet once, even
 * run twice, and its files match; history filters find what they say. Audit and reconciliation
 * clean after each test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../../ledger/ledger';
import {
  availableMinor,
  connectServices,
  createTransfer,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import { maybeRecordHistory } from '../workflows/support';
import { createTestApp, get, postMoney, signUp, type SignedUp, type TestApp } from './support';

interface StatementBody {
  openingMinor: string;
  closingMinor: string;
  inMinor: string;
  outMinor: string;
  lines: { amountMinor: string; balanceAfterMinor: string; description: string; note: string | null }[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('statements and balances at a moment', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(() => services.close());

  /** A P2P payment straight through the ledger, as the workflow makes it (hold, then settle). */
  async function pay(from: string, to: string, amountMinor: bigint) {
    const ledger = createLedger(services.db);
    const transferId = await createTransfer(services.db, { userId: from, recipientUserId: to, amountMinor });
    await ledger.placeHold({ transferId, userId: from, currency: 'EUR', amountMinor });
    await ledger.settleHoldToUser({ transferId, recipientUserId: to, currency: 'EUR' });
    await services.db.transfer.update({ where: { id: transferId }, data: { status: 'COMPLETED' } });
  }

  /** The wallet's balance replayed from its postings made at or before `at`. */
  async function replayedBalance(userId: string, at: Date): Promise<bigint> {
    const [row] = await services.db.$queryRaw<{ balance: bigint }[]>`
      SELECT coalesce(sum(CASE WHEN p.credit_account_id = a.id THEN p.amount_minor ELSE -p.amount_minor END), 0)::bigint AS balance
        FROM accounts a JOIN postings p ON p.debit_account_id = a.id OR p.credit_account_id = a.id
       WHERE a.kind = 'WALLET' AND a.user_id = ${userId}::uuid AND a.currency = 'EUR' AND p.created_at <= ${at}`;
    return row!.balance;
  }

  const statementOf = (user: SignedUp, from: Date, to: Date, format = 'json') =>
    get(
      app,
      `/v1/wallets/EUR/statement?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&format=${format}`,
      user,
    );

  it('a period of 1,000 movements: the statement and its CSV equal the ledger; balances at moments equal a replay', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    await fundWallet(services.db, ada.id, 100_000n);
    await pause(20);
    const from = new Date();
    const moments: Date[] = [];
    await pause(20);
    // 1,000 entries on ada's wallet: 250 top-ups and 750 payments out (each one entry: its hold).
    for (let index = 0; index < 250; index += 1) {
      await fundWallet(services.db, ada.id, BigInt(100 + index));
      await pay(ada.id, bob.id, BigInt(50 + index));
      await pay(ada.id, bob.id, 7n);
      await pay(ada.id, bob.id, 3n);
      if (index % 60 === 30) {
        await pause(5);
        moments.push(new Date());
        await pause(5);
      }
    }
    await pause(20);
    const to = new Date();
    await fundWallet(services.db, ada.id, 999n); // after the period

    const response = await statementOf(ada, from, to);
    expect(response.status).toBe(200);
    const statement = (await response.json()) as StatementBody;
    expect(statement.lines).toHaveLength(1_000);
    expect(statement.openingMinor).toBe('100000');
    expect(BigInt(statement.closingMinor)).toBe((await availableMinor(services.db, ada.id)) - 999n);
    expect(BigInt(statement.openingMinor) + BigInt(statement.inMinor) - BigInt(statement.outMinor)).toBe(
      BigInt(statement.closingMinor),
    );
    let running = BigInt(statement.openingMinor);
    for (const line of statement.lines) {
      running += BigInt(line.amountMinor);
      expect(BigInt(line.balanceAfterMinor)).toBe(running);
    }

    const csv = await statementOf(ada, from, to, 'csv');
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('Content-Disposition')).toMatch(/attachment; filename="kizo-EUR-.*\.csv"/);
    const rows = (await csv.text())
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual([
      'date',
      'description',
      'note',
      'amount',
      'balance',
      'currency',
      'transfer_id',
      'entry_id',
    ]);
    const entries = rows.slice(2, -1);
    expect(entries).toHaveLength(1_000);
    const cents = (text: string) => BigInt(text.replace('.', ''));
    const sum = entries.reduce((total, row) => total + cents(row[3]!), 0n);
    expect(sum).toBe(BigInt(statement.closingMinor) - BigInt(statement.openingMinor));
    expect(cents(rows[1]![4]!)).toBe(BigInt(statement.openingMinor));
    expect(cents(rows.at(-1)![4]!)).toBe(BigInt(statement.closingMinor));

    const pdf = await statementOf(ada, from, to, 'pdf');
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);

    for (const at of [new Date(from.getTime() - 60_000), ...moments, to]) {
      const balance = (await (
        await get(app, `/v1/wallets/EUR/balance?at=${encodeURIComponent(at.toISOString())}`, ada)
      ).json()) as { availableMinor: string };
      expect(BigInt(balance.availableMinor), at.toISOString()).toBe(await replayedBalance(ada.id, at));
    }
    expect((await get(app, '/v1/wallets/EUR/balance?at=yesterday', ada)).status).toBe(400);
    expect((await statementOf(ada, to, from)).status).toBe(400);
  }, 180_000);

  it('the monthly statements run records each wallet once and its files match; strangers see nothing', async () => {
    const ada = await signUp(app, 'ada');
    const eve = await signUp(app, 'eve');
    await fundWallet(services.db, ada.id, 2_500n);
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    for (let run = 0; run < 2; run += 1) {
      const handle = await services.temporal.workflow.start('monthlyStatementsWorkflow', {
        taskQueue: 'kizo-transfers',
        workflowId: `statements-test-${ada.id}-${run}`,
        args: [{ month }],
      });
      await handle.result();
      if (run === 0) await maybeRecordHistory(handle, 'monthly-statements');
    }
    const list = (await (await get(app, '/v1/statements', ada)).json()) as {
      items: { id: string; closingMinor: string; lineCount: number; currency: string }[];
    };
    const mine = list.items.filter((item) => item.currency === 'EUR');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ closingMinor: '2500', lineCount: 1 });
    const csv = await get(app, `/v1/statements/${mine[0]!.id}?format=csv`, ada);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/Closing balance,,,25\.00,EUR/);
    expect((await get(app, `/v1/statements/${mine[0]!.id}`, eve)).status).toBe(404);
    expect(await (await get(app, '/v1/statements', eve)).json()).toEqual({ items: [] });
  });

  it('history filters by kind, status, counterparty, date range and amount', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    const cyd = await signUp(app, 'cyd');
    await fundWallet(services.db, ada.id, 10_000n);
    const start = new Date();
    for (const [to, amount] of [
      [bob, '100'],
      [cyd, '200'],
      [bob, '300'],
    ] as const) {
      expect(
        (
          await postMoney(app, ada, '/v1/transfers', {
            recipient: to.handle,
            amountMinor: amount,
            currency: 'EUR',
          })
        ).status,
      ).toBe(202);
    }
    const refused = await postMoney(app, ada, '/v1/transfers', {
      recipient: bob.handle,
      amountMinor: '999999',
      currency: 'EUR',
    });
    expect(refused.status).toBe(422);
    const amountsOf = async (query: string) =>
      (
        (await (await get(app, `/v1/transfers?${query}`, ada)).json()) as { items: { amountMinor: string }[] }
      ).items.map((item) => item.amountMinor);
    expect(await amountsOf(`counterparty=${bob.handle}&status=COMPLETED`)).toEqual(['300', '100']);
    expect(await amountsOf(`counterparty=@${cyd.handle}`)).toEqual(['200']);
    expect(await amountsOf('status=FAILED')).toEqual(['999999']);
    expect(await amountsOf('kind=P2P&minAmountMinor=150&maxAmountMinor=300')).toEqual(['300', '200']);
    expect(await amountsOf(`from=${encodeURIComponent(start.toISOString())}&kind=DEPOSIT`)).toEqual([]);
    expect(await amountsOf('counterparty=nobody_by_that_name')).toEqual([]);
    expect((await get(app, '/v1/transfers?minAmountMinor=ten', ada)).status).toBe(400);
    // Bob sees only what reached him, filtered the same way.
    const bobs = (
      (await (await get(app, `/v1/transfers?counterparty=${ada.handle}`, bob)).json()) as {
        items: { amountMinor: string }[];
      }
    ).items;
    expect(bobs.map((item) => item.amountMinor)).toEqual(['300', '100']);
  });
});
