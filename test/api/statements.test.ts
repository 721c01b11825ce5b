/**
 * Goal: statements and balances at a moment equal the ledger. A wallet with 1,000 movements in
 * a period: its statement (JSON, CSV, PDF) opens at the ledger's balance before the period,
 * has every entry, and its CSV amounts add up to closing minus opening; `?at=` balances equal a
 * replay of the wallet's postings; the monthly statements run records each wallet once, even
 * run twice, and its files match; history filters find what they say. Audit and reconciliation
 * clean after each test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createLedger } from '../../ledger/ledger';
import { Prisma } from '../../prisma/client';
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

  it('a wallet of more than 20,000 entries: the monthly run completes, a failing wallet is skipped, the statement is paged and streamed', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    const eve = await signUp(app, 'eve');
    const count = 20_001;
    await fundWallet(services.db, ada.id, 30_000n);
    await fundWallet(services.db, eve.id, 10n);
    const from = new Date(Date.now() - 1_000);
    // 20,001 cent payments from ada to bob, straight through the ledger's functions.
    await services.db.$executeRaw`
      INSERT INTO transfers (id, kind, user_id, recipient_user_id, currency, amount_minor, status, workflow_id, idempotency_key)
      SELECT id, 'P2P', ${ada.id}::uuid, ${bob.id}::uuid, 'EUR', 1, 'HELD', 'fixture-' || id, 'fixture-' || id
        FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, ${count})) ids`;
    const mine = Prisma.sql`SELECT id FROM transfers WHERE user_id = ${ada.id}::uuid AND kind = 'P2P' AND status = 'HELD' ORDER BY id`;
    await services.db
      .$queryRaw`SELECT count(*) FROM (${mine}) t, LATERAL ledger_place_hold(t.id, ${ada.id}::uuid, 'EUR', 1) h`;
    await services.db
      .$queryRaw`SELECT count(*) FROM (${mine}) t, LATERAL ledger_resolve_hold(t.id, 'SETTLED', ledger_wallet_id(${bob.id}::uuid, 'EUR')) h`;
    await services.db
      .$executeRaw`UPDATE transfers SET status = 'COMPLETED' WHERE user_id = ${ada.id}::uuid AND kind = 'P2P' AND status = 'HELD'`;
    const to = new Date(Date.now() + 1_000);

    // Eve's statement fails to be written (a real failure in the real database).
    const refuseEve = `kizo_test_refuse_${eve.id.replaceAll('-', '')}`;
    await services.db.$executeRawUnsafe(
      `CREATE FUNCTION ${refuseEve}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
         IF NEW.user_id = '${eve.id}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`,
    );
    await services.db.$executeRawUnsafe(
      `CREATE TRIGGER ${refuseEve} BEFORE INSERT ON statements FOR EACH ROW EXECUTE FUNCTION ${refuseEve}()`,
    );
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const runMonth = (run: string) =>
      services.temporal.workflow.execute('monthlyStatementsWorkflow', {
        taskQueue: 'kizo-transfers',
        workflowId: `statements-large-${ada.id}-${run}`,
        args: [{ month }],
      }) as Promise<{ made: number; skipped: number }>;
    try {
      const first = await runMonth('first');
      expect(first.skipped).toBeGreaterThanOrEqual(1);
      const skip = await services.db.statementSkip.findMany({ where: { userId: eve.id } });
      expect(skip).toHaveLength(1);
      expect(skip[0]!.reason).toMatch(/refused for the test/);
    } finally {
      await services.db.$executeRawUnsafe(`DROP TRIGGER ${refuseEve} ON statements`);
      await services.db.$executeRawUnsafe(`DROP FUNCTION ${refuseEve}()`);
    }
    const stored = await services.db.statement.findMany({ where: { userId: { in: [ada.id, bob.id] } } });
    expect(stored.map((row) => [row.userId, row.lineCount]).sort()).toEqual(
      [
        [ada.id, count + 1],
        [bob.id, count],
      ].sort(),
    );
    // A later run makes the skipped one and clears its skip.
    await runMonth('second');
    expect(await services.db.statement.count({ where: { userId: eve.id } })).toBe(1);
    expect(await services.db.statementSkip.count({ where: { userId: eve.id } })).toBe(0);

    // JSON in pages of 5,000 lines, followed by cursor, chains from opening to closing.
    let cursor: string | null = null;
    let running = 0n;
    let lines = 0;
    let pages = 0;
    do {
      const response = await get(
        app,
        `/v1/wallets/EUR/statement?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}${cursor ? `&cursor=${cursor}` : ''}`,
        ada,
      );
      expect(response.status).toBe(200);
      const page = (await response.json()) as StatementBody & {
        lineCount: number;
        nextCursor: string | null;
      };
      expect(page.lineCount).toBe(count + 1);
      expect(page.lines.length).toBeLessThanOrEqual(5_000);
      for (const line of page.lines) {
        running += BigInt(line.amountMinor);
        expect(line.balanceAfterMinor).toBe(running.toString());
      }
      lines += page.lines.length;
      pages += 1;
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect([lines, pages, running]).toEqual([count + 1, 5, 30_000n - BigInt(count)]);

    // CSV and PDF hold every line, streamed.
    const csv = parse(await (await statementOf(ada, from, to, 'csv')).text()) as string[][];
    expect(csv).toHaveLength(count + 1 + 3);
    expect(csv.at(-1)!.slice(0, 2)).toEqual([to.toISOString(), 'Closing balance']);
    expect(csv.at(-1)![4]).toBe('99.99');
    const pdf = Buffer.from(await (await statementOf(ada, from, to, 'pdf')).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    const monthly = stored.find((row) => row.userId === ada.id)!;
    const storedCsv = await get(app, `/v1/statements/${monthly.id}?format=csv`, ada);
    expect(storedCsv.status).toBe(200);
    expect(parse(await storedCsv.text())).toHaveLength(count + 1 + 3);
    expect(
      (
        await get(
          app,
          '/v1/wallets/EUR/statement?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&cursor=x',
          ada,
        )
      ).status,
    ).toBe(400);
  }, 300_000);

  it('a posting whose transaction began before a period boundary but posted after it lands in the later period, in order', async () => {
    const ada = await signUp(app, 'ada');
    await fundWallet(services.db, ada.id, 1_000n);
    const holdId = await createTransfer(services.db, { userId: ada.id, amountMinor: 50n });
    let boundary = new Date();
    // The hold's transaction begins before the boundary; a deposit commits after the boundary
    // while that transaction is still open; then the hold posts and commits.
    await services.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT now()`;
        await pause(30);
        boundary = new Date();
        await pause(30);
        await fundWallet(services.db, ada.id, 300n);
        await tx.$queryRaw`SELECT * FROM ledger_place_hold(${holdId}::uuid, ${ada.id}::uuid, 'EUR', 50::bigint)`;
      },
      { timeout: 20_000 },
    );
    await pause(20);
    const to = new Date();
    const response = await statementOf(ada, boundary, to);
    expect(response.status).toBe(200);
    const statement = (await response.json()) as StatementBody;
    expect(statement.openingMinor).toBe('1000');
    expect(statement.lines.map((line) => line.amountMinor)).toEqual(['300', '-50']);
    expect(statement.closingMinor).toBe('1250');
    const before = (await (
      await get(app, `/v1/wallets/EUR/balance?at=${encodeURIComponent(boundary.toISOString())}`, ada)
    ).json()) as { availableMinor: string };
    expect(before.availableMinor).toBe('1000');
    await createLedger(services.db).releaseHold({ transferId: holdId });
    await services.db.transfer.update({ where: { id: holdId }, data: { status: 'FAILED' } });
  });

  it('a note written as a formula reaches the CSV as text; negative amounts stay numbers', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    await fundWallet(services.db, ada.id, 1_000n);
    await pause(20);
    const from = new Date();
    const notes = ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', 'plain words'];
    for (const note of notes) {
      const response = await postMoney(app, ada, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '5',
        currency: 'EUR',
        note,
      });
      expect(response.status).toBe(202);
    }
    await expect
      .poll(
        async () =>
          services.db.transfer.count({ where: { userId: ada.id, kind: 'P2P', status: 'COMPLETED' } }),
        {
          timeout: 30_000,
        },
      )
      .toBe(notes.length);
    const to = new Date(Date.now() + 1_000);
    for (const [user, sign] of [
      [ada, '-'],
      [bob, ''],
    ] as const) {
      const csv = await (await statementOf(user, from, to, 'csv')).text();
      const entries = parse(csv, { from_line: 3 }).slice(0, -1) as string[][];
      const byNote = new Map(entries.map((row) => [row[2]!, row[3]!]));
      expect([...byNote.keys()].sort()).toEqual(
        ['\'=HYPERLINK("http://x")', "'+1+1", "'-2+3", "'@SUM(A1)", 'plain words'].sort(),
      );
      expect(new Set(byNote.values())).toEqual(new Set([`${sign}0.05`]));
    }
  });

  it('dates outside the accepted range are a 400 problem, never a 500', async () => {
    const ada = await signUp(app, 'ada');
    await fundWallet(services.db, ada.id, 100n);
    const early = [
      '/v1/wallets/EUR/balance?at=0000-01-01T00:00:00Z',
      '/v1/wallets/EUR/balance?at=1969-12-31T23:59:59Z',
      '/v1/wallets/EUR/statement?from=0001-01-01T00:00:00Z&to=0001-06-01T00:00:00Z',
      '/v1/wallets/EUR/statement?from=0001-01-01T00:00:00Z&to=0001-06-01T00:00:00Z&format=csv',
      '/v1/wallets/EUR/statement?from=0001-01-01T00:00:00Z&to=0001-06-01T00:00:00Z&format=pdf',
      '/v1/wallets/EUR/statement?from=9999-12-01T00:00:00Z&to=10000-01-01T00:00:00Z',
      '/v1/wallets/EUR/balance?at=9999-12-31T23:59:59-01:00',
      '/v1/transfers?from=0000-01-01T00:00:00Z&to=0000-06-01T00:00:00Z',
      '/v1/transfers?to=0000-06-01T00:00:00Z',
    ];
    for (const path of early) {
      const response = await get(app, path, ada);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('Content-Type'), path).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { detail?: string };
      expect(JSON.stringify(problem), path).toMatch(/1970-01-01T00:00:00Z/);
    }
    // The ends of the range themselves are accepted.
    const first = await get(app, '/v1/wallets/EUR/balance?at=1970-01-01T00:00:00Z', ada);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ availableMinor: '0' });
    const last = await get(app, '/v1/wallets/EUR/balance?at=9999-12-31T23:59:59Z', ada);
    expect(last.status).toBe(200);
    expect(await last.json()).toMatchObject({ availableMinor: '100' });
    expect(
      (await get(app, '/v1/transfers?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z', ada)).status,
    ).toBe(200);
  });
});
