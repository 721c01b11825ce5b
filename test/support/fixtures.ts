/**
 * Helpers integration tests share: real database and Temporal connections from the global
 * set-up, users, funded wallets, and the ledger audit that must pass after every test.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { expect, inject } from 'vitest';
import { createDemoBankAccount, demoBankAccountRef } from '../../transfers/bank-accounts';
import { createBankClient, type BankClient } from '../../bank-client/client';
import { auditLedger } from '../../ledger/audit';
import { reconcile } from '../../ledger/reconciliation';
import { createLedger } from '../../ledger/ledger';
import type { Currency } from '../../common/money';
import { createDatabase, type Database } from '../../prisma/client';
import { migrate } from '../../prisma/migrate';
import { dropDatabase, ensureDatabase, withDatabase } from '../../prisma/provision';

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

/**
 * A user as sign-up makes one: with their verified demo account at the bank (`demoAccount`
 * false for a database migrated only as far as before bank accounts existed).
 */
export async function createUser(
  db: Database,
  name = 'user',
  options: { demoAccount?: boolean } = {},
): Promise<{ id: string; email: string; handle: string }> {
  const suffix = randomUUID().slice(0, 8);
  const user = { id: randomUUID(), email: `${name}-${suffix}@example.test`, handle: `${name}_${suffix}` };
  // Raw: Prisma would also write every column it has a static default for (locale), which a
  // database migrated only part of the way has not got.
  await db.$executeRaw`INSERT INTO users (id, email, handle, password_hash)
    VALUES (${user.id}::uuid, ${user.email}, ${user.handle}, 'not-a-real-hash')`;
  if (options.demoAccount ?? true) await createDemoBankAccount(db, user);
  return user;
}

/** A user with the admin role, as `npm run user:promote` makes one. */
export async function createAdmin(
  db: Database,
  name = 'admin',
): Promise<{ id: string; email: string; handle: string }> {
  const user = await createUser(db, name);
  await db.user.update({ where: { id: user.id }, data: { role: 'ADMIN' } });
  return user;
}

/**
 * Links one more bank account of the user's, VERIFIED, as POST /v1/bank-accounts and a confirmed
 * micro-deposit do (`status` PENDING_VERIFICATION for a link its user has not proven).
 */
export async function linkBankAccount(
  db: Database,
  userId: string,
  ref: string,
  status: 'VERIFIED' | 'PENDING_VERIFICATION' = 'VERIFIED',
): Promise<string> {
  const id = randomUUID();
  await db.bankAccount.create({
    data: {
      id,
      userId,
      ref,
      holderName: 'Test Holder',
      status,
      verifiedAt: status === 'VERIFIED' ? new Date() : null,
    },
  });
  return id;
}

/** A client of the shared bank (inject('bankUrl')); never set faults on it. */
export function sharedBankClient(): BankClient {
  return createBankClient({ baseUrl: inject('bankUrl'), timeoutMs: 5_000 });
}

/**
 * Funds a wallet the way a completed deposit does: a transfer row, a collection at the shared
 * bank, then the bank credit posting, so bank reconciliation stays clean. The row says
 * SENT_TO_BANK until the credit is posted, as a running deposit's would.
 */
export async function fundWallet(
  db: Database,
  userId: string,
  amountMinor: bigint,
  currency: Currency = 'EUR',
  /** null for a scratch database: its funding must not appear in the shared bank's records. */
  options: { bank?: BankClient | null } = {},
): Promise<void> {
  const transferId = randomUUID();
  await db.transfer.create({
    data: {
      id: transferId,
      kind: 'DEPOSIT',
      userId,
      bankAccountRef: demoBankAccountRef(userId),
      currency,
      amountMinor,
      status: 'SENT_TO_BANK',
      workflowId: `fixture-${transferId}`,
      idempotencyKey: `fixture-${transferId}`,
    },
  });
  const bank = options.bank === undefined ? sharedBankClient() : options.bank;
  await bank?.collect({ id: transferId, accountRef: demoBankAccountRef(userId), currency, amountMinor });
  await createLedger(db).creditFromBank({ transferId, userId, currency, amountMinor });
  await db.transfer.update({ where: { id: transferId }, data: { status: 'COMPLETED' } });
}

/**
 * A transfer row as the workflow records it, for ledger tests that place holds directly: the
 * audit requires every open hold to belong to a transfer still in flight.
 */
export async function createTransfer(
  db: Database,
  input: {
    userId: string;
    amountMinor: bigint;
    currency?: Currency;
    recipientUserId?: string;
    kind?: 'P2P' | 'WITHDRAWAL';
    status?: 'HELD' | 'COMPLETED';
  },
): Promise<string> {
  const transferId = randomUUID();
  // Only the columns every migrated version has: ledger migration tests run it on older schemas.
  await db.$executeRaw`
    INSERT INTO transfers (id, kind, user_id, recipient_user_id, currency, amount_minor, status, workflow_id, idempotency_key)
    VALUES (${transferId}::uuid, ${input.kind ?? 'P2P'}::"TransferKind", ${input.userId}::uuid, ${input.recipientUserId ?? null}::uuid,
            ${input.currency ?? 'EUR'}, ${input.amountMinor}, ${input.status ?? 'HELD'}::"TransferStatus", ${`fixture-${transferId}`}, ${`fixture-${transferId}`})`;
  return transferId;
}

export async function availableMinor(
  db: Database,
  userId: string,
  currency: Currency = 'EUR',
): Promise<bigint> {
  const balances = await createLedger(db).balances(userId);
  return balances.find((balance) => balance.currency === currency)?.availableMinor ?? 0n;
}

/** Asserts every ledger invariant, naming the broken ones. */
export async function expectLedgerAuditClean(db: Database): Promise<void> {
  const report = await auditLedger(db);
  expect(report.checks.filter((check) => !check.ok)).toEqual([]);
}

/** Asserts the bank's records and the ledger's bank postings agree (transfers in flight aside). */
export async function expectReconciliationClean(
  db: Database,
  bank: BankClient = sharedBankClient(),
): Promise<void> {
  const report = await reconcile(db, bank);
  expect(report.mismatches).toEqual([]);
  expect(report.ok).toBe(true);
}

/** Polls until `read` returns a value accepted by `done`, or fails after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last, bigintJson)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export interface ScratchDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/**
 * A migrated database of the test's own, for tests that post to the ledger without the bank
 * (reconciliation over the shared database would rightly flag them) or that corrupt it.
 */
export async function scratchDatabase(name: string, poolSize = 4): Promise<ScratchDatabase> {
  const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');
  const databaseName = `kizo_${name}_${process.pid}_${Date.now().toString(36)}`;
  const url = await ensureDatabase(adminUrl, databaseName);
  await migrate(url);
  const db = createDatabase(url, { poolSize });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(adminUrl, databaseName);
    },
  };
}
