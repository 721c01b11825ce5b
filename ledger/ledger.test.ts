/**
 * Goal: the ledger keeps its promises against real PostgreSQL: postings are idempotent by
 * business key, bad amounts and mixed currencies are refused, a wallet never goes below zero
 * however many holds race for it, a hold is settled or released exactly once however the two
 * race, and history pages through a wallet newest first. The audit is clean after every test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../prisma/client';
import {
  availableMinor,
  createTransfer,
  createUser,
  expectLedgerAuditClean,
  fundWallet,
  scratchDatabase,
  type ScratchDatabase,
} from '../test/support/fixtures';
import { businessKey } from './business-keys';
import { InvalidHistoryQuery, LedgerError, LEDGER_ERROR_TYPES } from './errors';
import { createLedger, HISTORY_LIMIT_MAX, type Ledger } from './ledger';

/** Enough connections for real contention, few enough to share the machine's server. */
const POOL_SIZE = 20;

let scratch: ScratchDatabase;
let db: Database;
let ledger: Ledger;

// A database of its own: these tests credit wallets without the bank, on purpose.
beforeAll(async () => {
  scratch = await scratchDatabase('ledger', POOL_SIZE);
  db = scratch.db;
  ledger = createLedger(db);
});
afterEach(() => expectLedgerAuditClean(db));
afterAll(() => scratch.drop());

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LedgerError);
  return (error as LedgerError).type;
}

describe('idempotent postings', () => {
  it('placing the same hold twice posts once and returns the first posting', async () => {
    const sender = await createUser(db, 'sender');
    await fundWallet(db, sender.id, 1_000n, 'EUR', { bank: null });
    const transferId = await createTransfer(db, { userId: sender.id, amountMinor: 300n });
    const first = await ledger.placeHold({
      transferId,
      userId: sender.id,
      currency: 'EUR',
      amountMinor: 300n,
    });
    const second = await ledger.placeHold({
      transferId,
      userId: sender.id,
      currency: 'EUR',
      amountMinor: 300n,
    });
    expect(first.created).toBe(true);
    expect(second).toEqual({ postingId: first.postingId, created: false });
    expect(await ledger.balances(sender.id)).toEqual([
      { currency: 'EUR', availableMinor: 700n, heldMinor: 300n },
    ]);
    expect(await db.posting.count({ where: { transferId } })).toBe(1);
  });

  it('gives postings the business keys business-keys.ts spells: hold, settled, released, credit', async () => {
    const user = await createUser(db, 'keys');
    const [credited, settled, released] = [
      randomUUID(),
      await createTransfer(db, { userId: user.id, amountMinor: 10n, kind: 'WITHDRAWAL' }),
      await createTransfer(db, { userId: user.id, amountMinor: 10n, kind: 'WITHDRAWAL' }),
    ];
    await ledger.creditFromBank({
      transferId: credited,
      userId: user.id,
      currency: 'EUR',
      amountMinor: 100n,
    });
    await ledger.placeHold({ transferId: settled, userId: user.id, currency: 'EUR', amountMinor: 10n });
    await ledger.settleHoldToBank({ transferId: settled, currency: 'EUR' });
    await ledger.placeHold({ transferId: released, userId: user.id, currency: 'EUR', amountMinor: 10n });
    await ledger.releaseHold({ transferId: released });
    const keys = (
      await db.posting.findMany({
        where: { transferId: { in: [credited, settled, released] } },
        select: { businessKey: true },
      })
    ).map((row) => row.businessKey);
    expect(keys.sort()).toEqual(
      [
        businessKey(credited, 'credit'),
        businessKey(settled, 'hold'),
        businessKey(settled, 'settled'),
        businessKey(released, 'hold'),
        businessKey(released, 'released'),
      ].sort(),
    );
  });

  it('the same key with a different amount is refused, not silently ignored', async () => {
    const sender = await createUser(db, 'sender');
    await fundWallet(db, sender.id, 1_000n, 'EUR', { bank: null });
    const transferId = await createTransfer(db, { userId: sender.id, amountMinor: 300n });
    await ledger.placeHold({ transferId, userId: sender.id, currency: 'EUR', amountMinor: 300n });
    expect(
      await refusal(ledger.placeHold({ transferId, userId: sender.id, currency: 'EUR', amountMinor: 301n })),
    ).toBe(LEDGER_ERROR_TYPES.businessKeyConflict);
    const depositId = randomUUID();
    await ledger.creditFromBank({
      transferId: depositId,
      userId: sender.id,
      currency: 'EUR',
      amountMinor: 50n,
    });
    expect(
      await refusal(
        ledger.creditFromBank({
          transferId: depositId,
          userId: sender.id,
          currency: 'EUR',
          amountMinor: 51n,
        }),
      ),
    ).toBe(LEDGER_ERROR_TYPES.businessKeyConflict);
    expect(await availableMinor(db, sender.id)).toBe(750n);
    await ledger.releaseHold({ transferId });
  });

  it('a repeated deposit, settlement or release changes nothing the second time', async () => {
    const [sender, recipient] = [await createUser(db, 'sender'), await createUser(db, 'recipient')];
    const depositId = randomUUID();
    const credit = await ledger.creditFromBank({
      transferId: depositId,
      userId: sender.id,
      currency: 'EUR',
      amountMinor: 500n,
    });
    expect(
      await ledger.creditFromBank({
        transferId: depositId,
        userId: sender.id,
        currency: 'EUR',
        amountMinor: 500n,
      }),
    ).toEqual({
      postingId: credit.postingId,
      created: false,
    });
    const settled = await createTransfer(db, {
      userId: sender.id,
      amountMinor: 200n,
      recipientUserId: recipient.id,
      status: 'COMPLETED',
    });
    await ledger.placeHold({ transferId: settled, userId: sender.id, currency: 'EUR', amountMinor: 200n });
    const settle = await ledger.settleHoldToUser({
      transferId: settled,
      recipientUserId: recipient.id,
      currency: 'EUR',
    });
    expect(
      await ledger.settleHoldToUser({ transferId: settled, recipientUserId: recipient.id, currency: 'EUR' }),
    ).toEqual({
      postingId: settle.postingId,
      created: false,
    });
    const released = await createTransfer(db, { userId: sender.id, amountMinor: 100n, status: 'COMPLETED' });
    await ledger.placeHold({ transferId: released, userId: sender.id, currency: 'EUR', amountMinor: 100n });
    const release = await ledger.releaseHold({ transferId: released });
    expect(await ledger.releaseHold({ transferId: released })).toEqual({
      postingId: release.postingId,
      created: false,
    });
    expect(await availableMinor(db, sender.id)).toBe(300n);
    expect(await availableMinor(db, recipient.id)).toBe(200n);
  });
});

describe('refusals', () => {
  it('refuses zero and negative amounts before touching the database, and in SQL too', async () => {
    const user = await createUser(db);
    await fundWallet(db, user.id, 100n, 'EUR', { bank: null });
    for (const amountMinor of [0n, -1n, -100n]) {
      const transferId = randomUUID();
      expect(
        await refusal(ledger.placeHold({ transferId, userId: user.id, currency: 'EUR', amountMinor })),
      ).toBe(LEDGER_ERROR_TYPES.invalidPosting);
      expect(
        await refusal(ledger.creditFromBank({ transferId, userId: user.id, currency: 'EUR', amountMinor })),
      ).toBe(LEDGER_ERROR_TYPES.invalidPosting);
    }
    // The SQL functions refuse on their own, for any caller that bypasses this module.
    await expect(
      db.$queryRaw`SELECT * FROM ledger_place_hold(${randomUUID()}::uuid, ${user.id}::uuid, 'EUR', 0)`,
    ).rejects.toThrow(/greater than zero/);
    const [wallet, other] = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM accounts ORDER BY id LIMIT 2`;
    await expect(
      db.$queryRaw`SELECT * FROM ledger_move('test:zero', 'TEST', NULL, 'EUR', ${wallet!.id}, ${other!.id}, 0)`,
    ).rejects.toThrow(/must move more than zero/);
    await expect(
      db.$queryRaw`SELECT * FROM ledger_move('test:self', 'TEST', NULL, 'EUR', ${wallet!.id}, ${wallet!.id}, 1)`,
    ).rejects.toThrow(/two different accounts/);
    // The database itself refuses a posting that is not one positive amount between two
    // accounts, and entries that are not the legs of a posting, whoever writes them.
    const rawPosting = (debit: bigint, credit: bigint, amount: number) => db.$executeRaw`
      INSERT INTO postings (business_key, kind, currency, amount_minor, debit_account_id, credit_account_id,
                            debit_balance_after_minor, credit_balance_after_minor)
      VALUES (${`test:raw-${randomUUID()}`}, 'TEST', 'EUR', ${amount}, ${debit}, ${credit}, 0, 0)`;
    await expect(rawPosting(wallet!.id, other!.id, -5)).rejects.toThrow(/postings_amount_positive/);
    await expect(rawPosting(wallet!.id, wallet!.id, 5)).rejects.toThrow(/postings_two_accounts/);
    await expect(
      db.$executeRaw`INSERT INTO entries (posting_id, account_id, currency, amount_minor, balance_after_minor) VALUES (1, ${wallet!.id}, 'EUR', 5, 5)`,
    ).rejects.toThrow(/cannot insert into view/);
    expect(await availableMinor(db, user.id)).toBe(100n);
  });

  it('refuses a hold one minor unit over the balance and accepts exactly the balance', async () => {
    const user = await createUser(db);
    await fundWallet(db, user.id, 1_000n, 'EUR', { bank: null });
    const over = await createTransfer(db, { userId: user.id, amountMinor: 1_001n, status: 'COMPLETED' });
    expect(
      await refusal(
        ledger.placeHold({ transferId: over, userId: user.id, currency: 'EUR', amountMinor: 1_001n }),
      ),
    ).toBe(LEDGER_ERROR_TYPES.insufficientFunds);
    expect(await db.hold.count({ where: { transferId: over } })).toBe(0);
    const exact = await createTransfer(db, { userId: user.id, amountMinor: 1_000n });
    await ledger.placeHold({ transferId: exact, userId: user.id, currency: 'EUR', amountMinor: 1_000n });
    expect(await ledger.balances(user.id)).toEqual([
      { currency: 'EUR', availableMinor: 0n, heldMinor: 1_000n },
    ]);
    await ledger.releaseHold({ transferId: exact });
  });

  it('refuses postings across currencies', async () => {
    const [sender, recipient] = [await createUser(db, 'sender'), await createUser(db, 'recipient')];
    await fundWallet(db, sender.id, 1_000n, 'EUR', { bank: null });
    await fundWallet(db, recipient.id, 1_000n, 'USD', { bank: null });
    const transferId = await createTransfer(db, {
      userId: sender.id,
      amountMinor: 400n,
      recipientUserId: recipient.id,
    });
    await ledger.placeHold({ transferId, userId: sender.id, currency: 'EUR', amountMinor: 400n });
    // Settling a EUR hold into a USD wallet would move money between currencies.
    expect(
      await refusal(ledger.settleHoldToUser({ transferId, recipientUserId: recipient.id, currency: 'USD' })),
    ).toBe(LEDGER_ERROR_TYPES.currencyMismatch);
    const [eurWallet, usdWallet] = await Promise.all([
      db.account.findFirstOrThrow({ where: { userId: sender.id, currency: 'EUR' } }),
      db.account.findFirstOrThrow({ where: { userId: recipient.id, currency: 'USD' } }),
    ]);
    await expect(
      db.$queryRaw`SELECT * FROM ledger_move('test:mixed', 'TEST', NULL, 'EUR', ${eurWallet.id}, ${usdWallet.id}, 1)`,
    ).rejects.toThrow(/holds USD, posting is in EUR/);
    // The refused settlement left the hold open and every balance where it was.
    expect(await db.hold.findUniqueOrThrow({ where: { transferId } })).toMatchObject({ status: 'OPEN' });
    expect(await ledger.balances(sender.id)).toEqual([
      { currency: 'EUR', availableMinor: 600n, heldMinor: 400n },
    ]);
    expect(await availableMinor(db, recipient.id, 'USD')).toBe(1_000n);
    await ledger.settleHoldToUser({ transferId, recipientUserId: recipient.id, currency: 'EUR' });
    expect(await availableMinor(db, recipient.id, 'EUR')).toBe(400n);
  });

  it('refuses to rewrite history', async () => {
    const user = await createUser(db);
    await fundWallet(db, user.id, 10n, 'EUR', { bank: null });
    await expect(db.$executeRaw`UPDATE postings SET amount_minor = amount_minor * 2`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRaw`DELETE FROM postings`).rejects.toThrow(/append-only/);
  });
});

describe('concurrency', () => {
  it('200 parallel holds on a wallet that covers 50: exactly 50 succeed and the wallet ends at zero', async () => {
    const attempts = 200;
    const covered = 50;
    const amountMinor = 7n;
    const user = await createUser(db);
    await fundWallet(db, user.id, amountMinor * BigInt(covered), 'EUR', { bank: null });
    const transferIds = await Promise.all(
      Array.from({ length: attempts }, () =>
        createTransfer(db, { userId: user.id, amountMinor, status: 'COMPLETED' }),
      ),
    );
    const outcomes = await Promise.allSettled(
      transferIds.map((transferId) =>
        ledger.placeHold({ transferId, userId: user.id, currency: 'EUR', amountMinor }),
      ),
    );
    const won = transferIds.filter((_id, index) => outcomes[index]!.status === 'fulfilled');
    const lost = outcomes
      .filter((outcome) => outcome.status === 'rejected')
      .map((outcome) => (outcome as PromiseRejectedResult).reason as unknown);
    expect(won).toHaveLength(covered);
    expect(
      lost.every(
        (reason) => reason instanceof LedgerError && reason.type === LEDGER_ERROR_TYPES.insufficientFunds,
      ),
    ).toBe(true);
    expect(await ledger.balances(user.id)).toEqual([
      { currency: 'EUR', availableMinor: 0n, heldMinor: amountMinor * BigInt(covered) },
    ]);
    // Only the winners left a hold, a posting and a wallet entry behind.
    expect(await db.hold.count({ where: { transferId: { in: transferIds } } })).toBe(covered);
    expect(await db.posting.count({ where: { transferId: { in: transferIds } } })).toBe(covered);
    await Promise.all(won.map((transferId) => ledger.releaseHold({ transferId })));
    expect(await availableMinor(db, user.id)).toBe(amountMinor * BigInt(covered));
  });

  it('settle and release fired together: exactly one wins each hold, the other gets HoldAlreadyResolved', async () => {
    const transfers = 40;
    const amountMinor = 25n;
    const [sender, recipient] = [await createUser(db, 'sender'), await createUser(db, 'recipient')];
    await fundWallet(db, sender.id, amountMinor * BigInt(transfers), 'EUR', { bank: null });
    const transferIds = await Promise.all(
      Array.from({ length: transfers }, () =>
        createTransfer(db, {
          userId: sender.id,
          amountMinor,
          recipientUserId: recipient.id,
          status: 'COMPLETED',
        }),
      ),
    );
    await Promise.all(
      transferIds.map((transferId) =>
        ledger.placeHold({ transferId, userId: sender.id, currency: 'EUR', amountMinor }),
      ),
    );
    const races = await Promise.all(
      transferIds.map((transferId, index) => {
        const settle = () =>
          ledger.settleHoldToUser({ transferId, recipientUserId: recipient.id, currency: 'EUR' });
        const release = () => ledger.releaseHold({ transferId });
        // Alternate which call starts first, so neither side wins by issue order alone.
        const calls = index % 2 === 0 ? [settle(), release()] : [release(), settle()].reverse();
        return Promise.allSettled(calls);
      }),
    );
    let settledCount = 0;
    for (const [index, [settle, release]] of races.entries()) {
      const outcomes = [settle!, release!];
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const loser = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(LedgerError);
      expect((loser.reason as LedgerError).type).toBe(LEDGER_ERROR_TYPES.holdAlreadyResolved);
      const hold = await db.hold.findUniqueOrThrow({ where: { transferId: transferIds[index]! } });
      expect(hold.status).toBe(settle!.status === 'fulfilled' ? 'SETTLED' : 'RELEASED');
      if (settle!.status === 'fulfilled') settledCount += 1;
    }
    const settledMinor = amountMinor * BigInt(settledCount);
    expect(await availableMinor(db, recipient.id)).toBe(settledMinor);
    expect(await ledger.balances(sender.id)).toEqual([
      { currency: 'EUR', availableMinor: amountMinor * BigInt(transfers) - settledMinor, heldMinor: 0n },
    ]);
  });

  it('the same hold and the same deposit fired 20 times at once post once, and every call returns that posting', async () => {
    const twins = 20;
    const user = await createUser(db);
    // Funds for one hold only: a twin that waited on the wallet must replay, not report insufficient funds.
    await fundWallet(db, user.id, 500n, 'EUR', { bank: null });
    const transferId = await createTransfer(db, { userId: user.id, amountMinor: 500n });
    const depositId = randomUUID();
    const wallet = await db.account.findFirstOrThrow({ where: { userId: user.id, currency: 'EUR' } });
    // The system-account shards exist beforehand, as in a running ledger: creating one on first
    // use would serialise the twins before they reach the wallet.
    await db.$queryRaw`SELECT ledger_system_account_id('HOLDS', 'EUR', ledger_shard_of(${transferId}::uuid)),
                              ledger_system_account_id('BANK_SETTLEMENT', 'EUR', ledger_shard_of(${depositId}::uuid))`;
    // The wallet stays locked until every twin has looked for an earlier posting and found none,
    // so all of them race for it: one posts, the others must see its posting and replay it.
    const racing = async <T>(call: () => Promise<T>): Promise<T[]> => {
      const { calls } = await db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${wallet.id} FOR UPDATE`;
        const started = Promise.allSettled(Array.from({ length: twins }, call));
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { calls: started };
      });
      const outcomes = await calls;
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
    };
    const holds = await racing(() =>
      ledger.placeHold({ transferId, userId: user.id, currency: 'EUR', amountMinor: 500n }),
    );
    const deposits = await racing(() =>
      ledger.creditFromBank({ transferId: depositId, userId: user.id, currency: 'EUR', amountMinor: 40n }),
    );
    for (const results of [holds, deposits]) {
      expect(new Set(results.map((result) => result.postingId)).size).toBe(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
    }
    expect(await ledger.balances(user.id)).toEqual([
      { currency: 'EUR', availableMinor: 40n, heldMinor: 500n },
    ]);
    expect(await db.posting.count({ where: { transferId: { in: [transferId, depositId] } } })).toBe(2);
    await ledger.releaseHold({ transferId });
  });
});

describe('history', () => {
  it('pages through a wallet newest first with signed amounts and running balances', async () => {
    const user = await createUser(db);
    await fundWallet(db, user.id, 1_000n, 'EUR', { bank: null });
    const transferIds: string[] = [];
    for (let step = 1; step <= 4; step += 1) {
      const transferId = await createTransfer(db, {
        userId: user.id,
        amountMinor: BigInt(step * 10),
        status: 'COMPLETED',
      });
      await ledger.placeHold({
        transferId,
        userId: user.id,
        currency: 'EUR',
        amountMinor: BigInt(step * 10),
      });
      await ledger.releaseHold({ transferId });
      transferIds.push(transferId);
    }
    const seen: Awaited<ReturnType<Ledger['history']>>['items'] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result: Awaited<ReturnType<Ledger['history']>> = await ledger.history(user.id, 'EUR', {
        cursor,
        limit: 3,
      });
      expect(result.items.length).toBeLessThanOrEqual(3);
      seen.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(9);
    expect(seen.map((item) => BigInt(item.id))).toEqual(
      [...seen.map((item) => BigInt(item.id))].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0)),
    );
    expect(seen[0]).toMatchObject({
      kind: 'RELEASE',
      transferId: transferIds[3],
      amountMinor: 40n,
      balanceAfterMinor: 1_000n,
    });
    expect(seen[1]).toMatchObject({
      kind: 'HOLD',
      transferId: transferIds[3],
      amountMinor: -40n,
      balanceAfterMinor: 960n,
    });
    expect(seen.at(-1)).toMatchObject({ kind: 'DEPOSIT', amountMinor: 1_000n, balanceAfterMinor: 1_000n });
    // Each running balance is the previous one plus this entry's amount.
    for (let index = 0; index < seen.length - 1; index += 1) {
      expect(seen[index]!.balanceAfterMinor).toBe(
        seen[index + 1]!.balanceAfterMinor + seen[index]!.amountMinor,
      );
    }
  });

  it('answers an empty page for a wallet that does not exist and refuses bad limits and cursors', async () => {
    const user = await createUser(db);
    expect(await ledger.history(user.id, 'JPY', { limit: 10 })).toEqual({ items: [], nextCursor: null });
    for (const limit of [0, -1, HISTORY_LIMIT_MAX + 1, 1.5]) {
      await expect(ledger.history(user.id, 'EUR', { limit })).rejects.toBeInstanceOf(InvalidHistoryQuery);
    }
    for (const cursor of ['abc', '0', '9223372036854775808']) {
      await expect(ledger.history(user.id, 'EUR', { limit: 5, cursor })).rejects.toBeInstanceOf(
        InvalidHistoryQuery,
      );
    }
    // The largest cursor the ledger could give out is still a valid, empty page.
    expect(await ledger.history(user.id, 'EUR', { limit: 5, cursor: '9223372036854775807' })).toEqual({
      items: [],
      nextCursor: null,
    });
    await fundWallet(db, user.id, 5n, 'EUR', { bank: null });
    expect((await ledger.history(user.id, 'EUR', { limit: HISTORY_LIMIT_MAX })).items).toHaveLength(1);
  });
});
