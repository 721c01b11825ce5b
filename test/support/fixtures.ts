/**
 * Helpers integration tests share: real database and Temporal connections from the global
 * set-up, users, funded wallets, and the ledger audit that must pass after every test.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { expect, inject } from 'vitest';
import { auditLedger } from '../../activities/ledger/audit';
import { createLedger } from '../../activities/ledger/ledger';
import type { Currency } from '../../common/money';
import { createDatabase, type Database } from '../../prisma/client';

export interface TestServices {
  db: Database;
  temporal: Client;
  close(): Promise<void>;
}

export async function connectServices(): Promise<TestServices> {
  const db = createDatabase(inject('databaseUrl'));
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const temporal = new Client({ connection, namespace: 'default' });
  return {
    db,
    temporal,
    async close() {
      await connection.close();
      await db.$disconnect();
    },
  };
}

export async function createUser(db: Database, name = 'user'): Promise<{ id: string; email: string; handle: string }> {
  const suffix = randomUUID().slice(0, 8);
  return db.user.create({
    data: { email: `${name}-${suffix}@example.test`, handle: `${name}_${suffix}`, passwordHash: 'not-a-real-hash' },
    select: { id: true, email: true, handle: true },
  });
}

/** Funds a wallet the way a completed deposit does: a transfer row plus a bank credit posting. */
export async function fundWallet(db: Database, userId: string, amountMinor: bigint, currency: Currency = 'EUR'): Promise<void> {
  const transferId = randomUUID();
  await db.transfer.create({
    data: {
      id: transferId,
      kind: 'DEPOSIT',
      userId,
      currency,
      amountMinor,
      status: 'COMPLETED',
      workflowId: `fixture-${transferId}`,
      idempotencyKey: `fixture-${transferId}`,
    },
  });
  await createLedger(db).creditFromBank({ transferId, userId, currency, amountMinor });
}

export async function availableMinor(db: Database, userId: string, currency: Currency = 'EUR'): Promise<bigint> {
  const balances = await createLedger(db).balances(userId);
  return balances.find((balance) => balance.currency === currency)?.availableMinor ?? 0n;
}

/** Asserts every ledger invariant, naming the broken ones. */
export async function expectLedgerAuditClean(db: Database): Promise<void> {
  const report = await auditLedger(db);
  expect(report.checks.filter((check) => !check.ok)).toEqual([]);
}

/** Polls until `read` returns a value accepted by `done`, or fails after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last, bigintJson)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
